package dev.postmaster.notification;

import static dev.postmaster.Eventually.await;
import static dev.postmaster.Eventually.awaitValue;
import static dev.postmaster.Eventually.never;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.Deployments;
import dev.postmaster.Eventually;
import dev.postmaster.FakeSmtpServer;
import dev.postmaster.MailServerSandbox;
import dev.postmaster.fixtures.ManyPeople;
import dev.postmaster.fixtures.TestMailSettings;
import dev.postmaster.contacts.boundary.Contacts;
import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.notification.boundary.AddressConfirmations;
import dev.postmaster.notification.boundary.DecisionLog;
import dev.postmaster.notification.boundary.Preferences;
import dev.postmaster.notification.control.AddressTokens;
import dev.postmaster.notification.entity.NotificationDecision.Outcome;
import dev.postmaster.notification.entity.NotificationDecision;
import dev.postmaster.notification.entity.NotificationType;
import dev.postmaster.work.entity.RecordKind;
import dev.postmaster.outbox.control.OutboxStore;
import dev.postmaster.outbox.entity.OutboxMessage;
import dev.postmaster.outbox.entity.OutboxStatus;
import dev.postmaster.security.boundary.UserAccounts;
import dev.postmaster.security.entity.Role;
import dev.postmaster.security.entity.UserAccount;
import dev.postmaster.settings.boundary.MailSettingsService;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.work.boundary.Appointments;
import dev.postmaster.work.boundary.Projects;
import dev.postmaster.work.boundary.Tasks;
import dev.postmaster.work.entity.Appointment;
import dev.postmaster.work.entity.Project;
import dev.postmaster.work.entity.Task;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.transaction.UserTransaction;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Assigning a task notifies the people it concerns, end to end: the decision is recorded, the mail goes
 * through the outbox to an SMTP server with the sender the switches call for, a subject, a link to the task
 * and a reply token; preferences, missing addresses and the actor's own actions stop mail and say why; a
 * rolled-back assignment sends nothing. An address that users add to their own contact gets nothing but its
 * confirmation mail, and is never a sender, until they open the link.
 */
@ExtendWith(ArquillianExtension.class)
class NotificationsIT {

    private static final int PORT = 13027;

    @Deployment
    static WebArchive deployment() {
        return Deployments.postmaster().inContainer().withFixtures(FakeSmtpServer.class, MailServerSandbox.class,
                TestMailSettings.class, Eventually.class, ManyPeople.class).build();
    }

    @Inject
    Tasks tasks;

    @Inject
    DecisionLog decisions;

    @Inject
    Appointments appointments;

    @Inject
    Projects projects;

    @Inject
    Preferences preferences;

    @Inject
    UserAccounts accounts;

    @Inject
    OutboxStore outbox;

    @Inject
    MailSettingsService settingsService;

    @Inject
    MailRuntime runtime;

    @Inject
    AddressConfirmations confirmations;

    @Inject
    Contacts contacts;

    @Inject
    AddressTokens addressTokens;

    @Inject
    ManyPeople manyPeople;

    private FakeSmtpServer server;
    private String alice;
    private String bob;
    private String carol;
    private String nomail;

    @BeforeEach
    void usersAndAServer() throws Exception {
        server = FakeSmtpServer.start(PORT);
        MailSettings settings = TestMailSettings.outgoingTo(PORT);
        settings.setReplyTo("noreply@acme.test");
        settings.setApplicationName("Acme");
        settings.setApplicationUrl("https://acme.test/app/");
        settingsService.save(settings, null, null, "admin");
        runtime.applyNow("admin");

        String suffix = UUID.randomUUID().toString().substring(0, 6);
        alice = user("alice-" + suffix, "Alice", "Able", "alice-" + suffix + "@acme.test");
        bob = user("bob-" + suffix, "Bob", "Baker", "bob-" + suffix + "@acme.test");
        carol = user("carol-" + suffix, "Carol", "Cole", "carol-" + suffix + "@acme.test");
        nomail = user("nomail-" + suffix, "Nora", "Nomail", null);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void assigningATaskMailsTheAssigneeWithSenderSubjectLinkAndReplyToken() throws Exception {
        Task task = tasks.create("Prepare the Q3 report", LocalDate.of(2026, 12, 1), bob, alice);

        NotificationDecision decision = awaitDecision(task.getId(), bob);
        assertEquals(Outcome.QUEUED, decision.getOutcome());
        assertEquals(NotificationType.TASK_ASSIGNED, decision.getType());
        awaitSent(decision.getOutboxId());

        MimeMessage mail = received(outbox.byId(decision.getOutboxId()).orElseThrow().getMessageId());
        assertEquals("Acme <noreply@acme.test>", mail.getHeader("From")[0]);
        assertEquals("Acme <noreply@acme.test>", mail.getHeader("Reply-To")[0]);
        assertEquals("Bob Baker <" + bob + "@acme.test>", mail.getHeader("To")[0]);
        assertEquals("[Acme] Task assigned to you: Prepare the Q3 report", mail.getSubject());
        assertEquals("task/" + task.getId(), mail.getHeader("X-Postmaster-Record")[0]);
        assertTrue(mail.getMessageID().startsWith("<task-" + task.getId() + "."), mail.getMessageID());
        assertEquals("<task-" + task.getId() + "@acme.test>", mail.getHeader("References")[0]);
        Multipart parts = (Multipart) mail.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertTrue(text.contains("Alice Able assigned you the task \"Prepare the Q3 report\" (due 2026-12-01)"), text);
        assertTrue(text.contains("https://acme.test/app/tasks/edit.xhtml?id=" + task.getId()), text);
        assertTrue(html.contains("<a href=\"https://acme.test/app/tasks/edit.xhtml?id=" + task.getId() + "\">"), html);
        assertTrue(parts.getBodyPart(0).getContentType().toLowerCase().contains("charset=utf-8"));
    }

    @Test
    void aPreferenceTurnedOffStopsTheMailAndSaysWhy() {
        preferences.set(bob, NotificationType.TASK_ASSIGNED, false);
        Task task = tasks.create("Nobody tells Bob", null, bob, alice);

        NotificationDecision decision = awaitDecision(task.getId(), bob);
        assertEquals(Outcome.SKIPPED, decision.getOutcome());
        assertEquals(NotificationDecision.PREFERENCE_OFF, decision.getReason());
        assertEquals(null, decision.getOutboxId());

        preferences.set(bob, NotificationType.TASK_ASSIGNED, true);
        Task next = tasks.create("Bob hears of this one", null, bob, alice);
        assertEquals(Outcome.QUEUED, awaitDecision(next.getId(), bob).getOutcome());
    }

    @Test
    void reassigningTellsBothAndTheActorIsNeverMailedAboutTheirOwnAction() {
        Task task = tasks.create("Move the servers", null, bob, alice);
        awaitDecision(task.getId(), bob);

        tasks.assign(task.getId(), carol, alice);
        await(() -> decisions.about(RecordKind.TASK, task.getId()).size() == 3);
        List<NotificationDecision> both = decisions.about(RecordKind.TASK, task.getId());
        assertTrue(both.stream().anyMatch(d -> d.getRecipient().equals(carol)
                && d.getType() == NotificationType.TASK_ASSIGNED && d.getOutcome() == Outcome.QUEUED));
        assertTrue(both.stream().anyMatch(d -> d.getRecipient().equals(bob)
                && d.getType() == NotificationType.TASK_REASSIGNED_AWAY && d.getOutcome() == Outcome.QUEUED));

        Task own = tasks.create("Note to self", null, alice, alice);
        NotificationDecision self = awaitDecision(own.getId(), alice);
        assertEquals(Outcome.SUPPRESSED, self.getOutcome());
    }

    @Test
    void aRecipientWithoutAnAddressIsNotMailedAndTheLogSaysSo() {
        Task task = tasks.create("For Nora", null, nomail, alice);

        NotificationDecision decision = awaitDecision(task.getId(), nomail);
        assertEquals(Outcome.SKIPPED, decision.getOutcome());
        assertEquals(NotificationDecision.NO_RECIPIENT_ADDRESS, decision.getReason());
        assertEquals(decision.getId(), decisions.about(nomail, 10).get(0).getId(), "searchable by recipient");
    }

    @Test
    void aRolledBackAssignmentSendsNothing() throws Exception {
        Task task = tasks.create("Unassigned for now", null, null, alice);
        UserTransaction transaction = InitialContext.doLookup("java:comp/UserTransaction");
        transaction.begin();
        tasks.assign(task.getId(), carol, alice);
        transaction.rollback();

        never(() -> !decisions.about(RecordKind.TASK, task.getId()).isEmpty(), Duration.ofMillis(500),
                () -> "a rolled-back assignment was decided on");
        assertEquals(null, tasks.find(task.getId()).orElseThrow().getAssignee());
    }

    @Test
    void anAppointmentWithThreeAttendeesSendsThreeMailsAndItsCancellationThreeMore() {
        Appointment meeting = appointments.create("Planning", LocalDateTime.of(2026, 12, 2, 10, 0),
                LocalDateTime.of(2026, 12, 2, 11, 0), "Room 4", List.of(bob, carol, nomail), alice);

        await(() -> decisions.about(RecordKind.APPOINTMENT, meeting.getId()).size() == 3);
        List<NotificationDecision> invitations = decisions.about(RecordKind.APPOINTMENT, meeting.getId());
        assertEquals(2, invitations.stream().filter(d -> d.getOutcome() == Outcome.QUEUED).count());
        assertTrue(invitations.stream().allMatch(d -> d.getType() == NotificationType.APPOINTMENT_ATTENDEE_ADDED));
        assertTrue(invitations.stream().anyMatch(d -> d.getRecipient().equals(nomail)
                && NotificationDecision.NO_RECIPIENT_ADDRESS.equals(d.getReason())));

        appointments.cancel(meeting.getId(), alice);
        await(() -> decisions.about(RecordKind.APPOINTMENT, meeting.getId()).size() == 6);
        assertEquals(3, decisions.about(RecordKind.APPOINTMENT, meeting.getId()).stream()
                .filter(d -> d.getType() == NotificationType.APPOINTMENT_CANCELLED).count());
    }

    @Test
    void aNewProjectMemberIsTold() {
        Project project = projects.create("Website relaunch", List.of(bob), alice);

        NotificationDecision decision = awaitValue(() -> decisions.about(RecordKind.PROJECT, project.getId()).stream()
                .filter(d -> d.getRecipient().equals(bob)).findFirst());
        assertEquals(NotificationType.PROJECT_MEMBER_ADDED, decision.getType());
        assertEquals(Outcome.QUEUED, decision.getOutcome());
    }

    /**
     * A project made with 1,000 members: one transaction decides and queues all 1,000 mails (so the rows appear
     * all at once, never some of them), and every member gets exactly one. The time it takes is printed, not
     * asserted: speed is measured by scripts/bench.sh.
     */
    @Test
    void aProjectWithAThousandMembersQueuesEveryMailInOneTransactionAndEachLeavesOnce() {
        String prefix = "member-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> members = manyPeople.create(prefix, 1000, "fanout.test");

        long started = System.nanoTime();
        Project project = projects.create("Company offsite", members, "admin");
        await(() -> !decisions.about(RecordKind.PROJECT, project.getId()).isEmpty());
        long queuedMillis = (System.nanoTime() - started) / 1_000_000;
        List<NotificationDecision> decided = decisions.about(RecordKind.PROJECT, project.getId());
        assertEquals(1000, decided.size(), "the decisions were not written in one transaction");
        assertTrue(decided.stream().allMatch(d -> d.getOutcome() == Outcome.QUEUED), "a member was not queued");
        assertEquals(1000, decided.stream().map(NotificationDecision::getOutboxId).distinct().count());

        await(() -> server.acceptedMessageIds().size() >= 1000, Duration.ofSeconds(120),
                "not all 1,000 mails were accepted");
        long deliveredMillis = (System.nanoTime() - started) / 1_000_000;
        List<String> accepted = server.acceptedMessages().stream()
                .filter(m -> m.contains("Company offsite")).toList();
        assertEquals(1000, accepted.size(), "a member got the mail twice or not at all");
        for (String member : List.of(members.get(0), members.get(999))) {
            assertEquals(1, accepted.stream().filter(m -> m.contains("<" + member + "@fanout.test>")).count(),
                    member);
        }
        System.out.printf("Fan-out to 1,000 members: queued after %d ms, all accepted after %d ms%n",
                queuedMillis, deliveredMillis);
    }

    /**
     * The sixteen sender cases end to end: the four switch settings, with and without a Reply-To address, for an
     * actor with and without an address of their own. Each case is a real assignment and a real mail (or, with
     * no address at all, a decision that says so).
     */
    @Test
    void theSixteenSenderCasesComeOutOfRealMail() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String withMail = user("dora-" + suffix, "Dora", "Doe", "dora-" + suffix + "@acme.test");
        String withoutMail = user("ned-" + suffix, "Ned", "Nomail", null);
        String doraAddress = "dora-" + suffix + "@acme.test";
        java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
        for (boolean systemReply : new boolean[] {true, false}) {
            for (boolean displayName : new boolean[] {true, false}) {
                for (boolean hasReplyTo : new boolean[] {true, false}) {
                    MailSettings settings = settingsService.current();
                    settings.setUseSystemReply(systemReply);
                    settings.setUseDisplayName(displayName);
                    settings.setReplyTo(hasReplyTo ? "noreply@acme.test" : null);
                    settingsService.save(settings, null, null, "admin");
                    runtime.applyNow("admin");
                    for (String actor : List.of(withMail, withoutMail)) {
                        boolean actorHasMail = actor.equals(withMail);
                        String address = systemReply || displayName
                                ? (hasReplyTo ? "noreply@acme.test" : actorHasMail ? doraAddress : null)
                                : (actorHasMail ? doraAddress : hasReplyTo ? "noreply@acme.test" : null);
                        String name = !displayName ? null
                                : systemReply ? "Acme"
                                : actorHasMail ? "\"Dora Doe (Acme)\"" : "\"Ned Nomail (Acme)\"";
                        String from = address == null ? null : name == null ? address : name + " <" + address + ">";
                        Task task = tasks.create("Case " + systemReply + "/" + displayName + "/" + hasReplyTo + "/"
                                + actorHasMail, null, bob, actor);
                        expected.put(task.getId() + "", from);
                    }
                }
            }
        }
        assertEquals(16, expected.size());
        for (var entry : expected.entrySet()) {
            NotificationDecision decision = awaitDecision(Long.parseLong(entry.getKey()), bob);
            if (entry.getValue() == null) {
                assertEquals(Outcome.SKIPPED, decision.getOutcome(), entry.getKey());
                assertEquals(NotificationDecision.NO_SENDER_ADDRESS, decision.getReason());
                continue;
            }
            assertEquals(Outcome.QUEUED, decision.getOutcome(), entry.getKey());
            awaitSent(decision.getOutboxId());
            MimeMessage mail = received(outbox.byId(decision.getOutboxId()).orElseThrow().getMessageId());
            assertEquals(entry.getValue(), mail.getHeader("From")[0], "task " + entry.getKey());
            assertEquals(entry.getValue(), mail.getHeader("Reply-To")[0], "task " + entry.getKey());
        }
    }

    // --- addresses that people add to their own contact

    @Test
    void anUnverifiedDefaultAddressGetsNoNotificationAndTheLogSaysWhy() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String ceo = "ceo-" + suffix + "@acme.test";
        String mallory = ownAddress("mallory-" + suffix, "Mallory", "Mole", ceo);

        Task task = tasks.create("Not for the CEO's inbox", null, mallory, alice);

        NotificationDecision decision = awaitDecision(task.getId(), mallory);
        assertEquals(Outcome.SKIPPED, decision.getOutcome());
        assertEquals(NotificationDecision.ADDRESS_NOT_VERIFIED, decision.getReason());
        assertEquals("address not verified", decision.getReason());
        assertEquals(ceo, decision.getRecipientAddress());
        assertEquals(null, decision.getOutboxId());
        never(() -> server.acceptedMessages().stream().anyMatch(raw -> raw.contains(ceo)), Duration.ofMillis(500),
                () -> "a mail went to the unverified address " + ceo);
    }

    /**
     * With both switches off, the From of a notification is the actor's own default address, so a user who typed
     * in the CEO's address would send as the CEO: an unverified address never stands as the sender, and once the
     * owner confirmed it, it does.
     */
    @Test
    void withBothSwitchesOffTheFromIsNeverAnUnverifiedAddressAndIsTheVerifiedOne() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String address = "dave-" + suffix + "@acme.test";
        String dave = ownAddress("dave-" + suffix, "Dave", "Dunn", address);
        switches(false, false, "noreply@acme.test");

        Task forged = tasks.create("Sent as the system, not as Dave", null, bob, dave);
        NotificationDecision queued = awaitDecision(forged.getId(), bob);
        assertEquals(Outcome.QUEUED, queued.getOutcome());
        awaitSent(queued.getOutboxId());
        MimeMessage mail = received(outbox.byId(queued.getOutboxId()).orElseThrow().getMessageId());
        assertEquals("noreply@acme.test", mail.getHeader("From")[0], "the reply-to address stands in");
        assertEquals("noreply@acme.test", mail.getHeader("Reply-To")[0]);

        switches(false, false, null);
        Task nobody = tasks.create("No sender at all", null, bob, dave);
        NotificationDecision skipped = awaitDecision(nobody.getId(), bob);
        assertEquals(Outcome.SKIPPED, skipped.getOutcome());
        assertEquals(NotificationDecision.NO_SENDER_ADDRESS, skipped.getReason(),
                "without a reply-to address, the unverified address is still not used");

        switches(false, false, "noreply@acme.test");
        confirmations.sendPending(dave);
        assertEquals(AddressConfirmations.Outcome.VERIFIED,
                confirmations.confirm(linkToken(awaitConfirmationMail(address)), dave).outcome());
        Task verified = tasks.create("Sent as Dave", null, bob, dave);
        NotificationDecision fromDave = awaitDecision(verified.getId(), bob);
        assertEquals(Outcome.QUEUED, fromDave.getOutcome());
        awaitSent(fromDave.getOutboxId());
        assertEquals(address, received(outbox.byId(fromDave.getOutboxId()).orElseThrow().getMessageId())
                .getHeader("From")[0], "a verified address is the From, as documented");
    }

    /**
     * The confirmation mail goes through the outbox as system mail, to the address only, with a link to the
     * Application URL; the link verifies the address for its owner, once, and says what is wrong with a link that
     * was altered, is someone else's, expired, was replaced, or names an address that is gone.
     */
    @Test
    void theConfirmationMailComesThroughTheOutboxAndItsLinkVerifiesTheAddressOnce() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String work = "erin-" + suffix + "@acme.test";
        String home = "erin-" + suffix + "@home.test";
        String erin = ownAddress("erin-" + suffix, "Erin", "Evans", work);
        Contact contact = accounts.find(erin).flatMap(UserAccount::contact).orElseThrow();
        contacts.updateOwn(contact.getId(), "Erin", "Evans", List.of(work, home), work);

        List<AddressConfirmations.Sending> sent = confirmations.sendPending(erin);
        assertEquals(List.of(work, home), sent.stream().map(AddressConfirmations.Sending::address).toList());
        assertTrue(sent.stream().allMatch(AddressConfirmations.Sending::sent), sent::toString);
        assertEquals(List.of(), confirmations.sendPending(erin), "each address is sent one link, not one per save");

        MimeMessage mail = awaitConfirmationMail(work);
        assertEquals("Acme <noreply@acme.test>", mail.getHeader("From")[0], "system mail, not from the address");
        assertEquals("Erin Evans <" + work + ">", mail.getHeader("To")[0]);
        assertEquals("[Acme] Confirm your email address " + work, mail.getSubject());
        assertEquals("auto-generated", mail.getHeader("Auto-Submitted")[0]);
        String messageId = mail.getMessageID();
        OutboxMessage row = awaitValue(() -> outbox.withStatus(OutboxStatus.SENT, 0, 1000).stream()
                .filter(m -> m.getMessageId().equals(messageId)).findFirst());
        assertEquals(AddressConfirmations.KIND, row.getKind());
        String text = (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
        assertTrue(text.contains("Erin Evans (user " + erin + ") added " + work), text);
        assertTrue(text.contains("If it was not you, ignore this mail"), text);
        String token = linkToken(mail);

        assertEquals(AddressConfirmations.Outcome.NOT_YOURS, confirmations.confirm(token, bob).outcome(),
                "someone else who got the mail, signed in as themselves, confirms nothing");
        String altered = token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");
        assertEquals(AddressConfirmations.Outcome.INVALID, confirmations.confirm(altered, erin).outcome());
        assertEquals(AddressConfirmations.Outcome.INVALID, confirmations.confirm(null, erin).outcome());
        assertTrue(contacts.find(contact.getId()).orElseThrow().isDefaultEmailUnverified());

        AddressConfirmations.Confirmation confirmed = confirmations.confirm(token, erin);
        assertEquals(AddressConfirmations.Outcome.VERIFIED, confirmed.outcome());
        assertEquals(work, confirmed.address());
        assertEquals(AddressConfirmations.Outcome.ALREADY_VERIFIED, confirmations.confirm(token, erin).outcome(),
                "a link used once says so the second time");
        assertEquals(work, contacts.find(contact.getId()).orElseThrow().verifiedDefaultEmail().orElseThrow());

        // The home address still waits: an old link, a replaced one, and asking again at once.
        AddressConfirmations.Sending again = confirmations.sendAgain(erin, home);
        assertFalse(again.sent());
        assertTrue(again.problem().contains("less than a minute ago"), again.problem());
        String nonce = contacts.find(contact.getId()).orElseThrow().email(home).orElseThrow().getConfirmationNonce();
        Instant past = Instant.now().minus(Duration.ofHours(49));
        assertEquals(AddressConfirmations.Outcome.EXPIRED,
                confirmations.confirm(addressTokens.issue(contact.getId(), home, past, nonce), erin).outcome());
        Instant future = Instant.now().plus(Duration.ofHours(1));
        assertEquals(AddressConfirmations.Outcome.REPLACED, confirmations.confirm(
                addressTokens.issue(contact.getId(), home, future, "f".repeat(32)), erin).outcome());
        assertEquals(AddressConfirmations.Outcome.GONE, confirmations.confirm(
                addressTokens.issue(contact.getId(), "gone@acme.test", future, nonce), erin).outcome());
        assertTrue(contacts.find(contact.getId()).orElseThrow().email(home).map(e -> !e.isVerified())
                .orElseThrow(), "none of these verified the home address");
        assertEquals(AddressConfirmations.Outcome.VERIFIED,
                confirmations.confirm(linkToken(awaitConfirmationMail(home)), erin).outcome());

        // A verified address works: Erin hears of her task.
        Task task = tasks.create("For Erin, verified", null, erin, alice);
        NotificationDecision decision = awaitDecision(task.getId(), erin);
        assertEquals(Outcome.QUEUED, decision.getOutcome());
        awaitSent(decision.getOutboxId());
        assertEquals("Erin Evans <" + work + ">",
                received(outbox.byId(decision.getOutboxId()).orElseThrow().getMessageId()).getHeader("To")[0]);
    }

    @Test
    void addressesAnAdministratorSetsAreVerifiedAndTheOwnersNewOnesWait() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        Contact bobs = accounts.find(bob).flatMap(UserAccount::contact).orElseThrow();
        assertEquals(bob + "@acme.test", bobs.verifiedDefaultEmail().orElseThrow(), "set on creating the user");

        String typed = "bob-" + suffix + "@elsewhere.test";
        contacts.updateOwn(bobs.getId(), "Bob", "Baker", List.of(bob + "@acme.test", typed), typed);
        Contact changed = contacts.find(bobs.getId()).orElseThrow();
        assertTrue(changed.isDefaultEmailUnverified(), "the owner's new default waits");
        assertTrue(changed.email(bob + "@acme.test").orElseThrow().isVerified(), "the old one keeps its state");

        contacts.update(bobs.getId(), "Bob", "Baker", List.of(bob + "@acme.test", typed), typed);
        assertTrue(contacts.find(bobs.getId()).orElseThrow().isDefaultEmailUnverified(),
                "an administrator saving the contact as it is does not vouch for what the owner typed");
        contacts.markVerified(bobs.getId(), typed);
        assertEquals(typed, contacts.find(bobs.getId()).orElseThrow().verifiedDefaultEmail().orElseThrow());

        String added = "bob-" + suffix + "@admin.test";
        contacts.update(bobs.getId(), "Bob", "Baker", List.of(typed, added), added);
        assertEquals(added, contacts.find(bobs.getId()).orElseThrow().verifiedDefaultEmail().orElseThrow(),
                "an address an administrator adds is verified");
    }

    // --- helpers

    /** A user without an address, who then adds {@code address} to their own contact on "My contact". */
    private String ownAddress(String username, String first, String last, String address) {
        accounts.create(username, "Pa55-" + username, Role.USER, null, null, null);
        accounts.createOwnContact(username, first, last, List.of(address), address);
        return username;
    }

    private void switches(boolean systemReply, boolean displayName, String replyTo) {
        MailSettings settings = settingsService.current();
        settings.setUseSystemReply(systemReply);
        settings.setUseDisplayName(displayName);
        settings.setReplyTo(replyTo);
        settingsService.save(settings, null, null, "admin");
        runtime.applyNow("admin");
    }

    /** The confirmation mail the SMTP server received for {@code address}. */
    private MimeMessage awaitConfirmationMail(String address) throws Exception {
        String raw = awaitValue(() -> server.acceptedMessages().stream()
                .filter(m -> m.contains("To: ") && m.contains(address) && m.contains("Confirm your email address"))
                .findFirst(), Duration.ofSeconds(20), () -> "no confirmation mail for " + address + " arrived");
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    /** The token of the confirmation link in the mail's text, which points at the Application URL. */
    private static String linkToken(MimeMessage mail) throws Exception {
        String text = (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
        java.util.regex.Matcher link = java.util.regex.Pattern
                .compile("https://acme\\.test/app/verify\\.xhtml\\?token=(\\S+)").matcher(text);
        assertTrue(link.find(), "no confirmation link in: " + text);
        return link.group(1);
    }


    private String user(String username, String first, String last, String email) {
        accounts.create(username, "Pa55-" + username, Role.USER, first, last, email);
        return username;
    }

    private NotificationDecision awaitDecision(long taskId, String recipient) {
        return awaitValue(() -> decisions.about(RecordKind.TASK, taskId).stream()
                .filter(d -> d.getRecipient().equals(recipient)).findFirst());
    }

    /** Waits for the outbox row to be sent; on a timeout, says where the row is and why. */
    private void awaitSent(long outboxId) {
        awaitValue(() -> outbox.byId(outboxId).filter(m -> m.getStatus() == OutboxStatus.SENT),
                Duration.ofSeconds(20), () -> outbox.byId(outboxId).map(m -> "outbox mail " + outboxId + " is "
                        + m.getStatus() + " after " + m.getAttempts() + " attempt(s), next at " + m.getNextAttemptAt()
                        + ", last error: " + m.getLastError()).orElse("outbox mail " + outboxId + " is gone"));
    }

    private MimeMessage received(String messageId) throws Exception {
        await(() -> server.acceptedMessageIds().contains(messageId));
        String raw = server.acceptedMessages().get(server.acceptedMessageIds().indexOf(messageId));
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        assertNotNull(mail.getMessageID());
        return mail;
    }

}
