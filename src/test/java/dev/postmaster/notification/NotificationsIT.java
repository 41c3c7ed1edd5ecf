package dev.postmaster.notification;

import static dev.postmaster.Eventually.await;
import static dev.postmaster.Eventually.awaitValue;
import static dev.postmaster.Eventually.never;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.Deployments;
import dev.postmaster.Eventually;
import dev.postmaster.FakeSmtpServer;
import dev.postmaster.MailServerSandbox;
import dev.postmaster.fixtures.TestMailSettings;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.notification.boundary.DecisionLog;
import dev.postmaster.notification.boundary.Preferences;
import dev.postmaster.notification.entity.NotificationDecision.Outcome;
import dev.postmaster.notification.entity.NotificationDecision;
import dev.postmaster.notification.entity.NotificationType;
import dev.postmaster.work.entity.RecordKind;
import dev.postmaster.outbox.control.OutboxStore;
import dev.postmaster.outbox.entity.OutboxStatus;
import dev.postmaster.security.boundary.UserAccounts;
import dev.postmaster.security.entity.Role;
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
 * rolled-back assignment sends nothing.
 */
@ExtendWith(ArquillianExtension.class)
class NotificationsIT {

    private static final int PORT = 13027;

    @Deployment
    static WebArchive deployment() {
        return Deployments.postmaster().inContainer().withFixtures(FakeSmtpServer.class, MailServerSandbox.class,
                TestMailSettings.class, Eventually.class).build();
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

    // --- helpers


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
