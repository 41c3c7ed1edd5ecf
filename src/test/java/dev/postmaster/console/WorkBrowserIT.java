package dev.postmaster.console;

import static dev.postmaster.Eventually.await;
import static dev.postmaster.Eventually.awaitValue;
import static dev.postmaster.Eventually.never;
import static dev.postmaster.console.pages.EmailSettingsPage.Section.INCOMING;
import static dev.postmaster.console.pages.EmailSettingsPage.Section.NOTIFICATIONS;
import static dev.postmaster.console.pages.EmailSettingsPage.Section.OUTGOING;
import static dev.postmaster.console.pages.Work.APPOINTMENTS;
import static dev.postmaster.console.pages.Work.PROJECTS;
import static dev.postmaster.console.pages.Work.TASKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import dev.postmaster.Deployments;
import dev.postmaster.MailServerSandbox;
import dev.postmaster.console.pages.Browser;
import dev.postmaster.console.pages.ContactsPage;
import dev.postmaster.console.pages.EmailSettingsPage;
import dev.postmaster.console.pages.HomePage;
import dev.postmaster.console.pages.InboundLogPage;
import dev.postmaster.console.pages.LoginPage;
import dev.postmaster.console.pages.MyContactPage;
import dev.postmaster.console.pages.NotificationLogPage;
import dev.postmaster.console.pages.NotificationLogPage.Decision;
import dev.postmaster.console.pages.OutboxPage;
import dev.postmaster.console.pages.PreferencesPage;
import dev.postmaster.console.pages.WorkEditPage;
import dev.postmaster.console.pages.WorkListPage;
import dev.postmaster.console.pages.UsersPage;
import dev.postmaster.console.pages.VerifyPage;
import dev.postmaster.fixtures.InboundMail;
import dev.postmaster.fixtures.TestUsers;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The work and administration pages in a real (headless) Chromium against the deployed WAR, with GreenMail as the
 * mail server: the scenario of a user who turns a notification off, is assigned a task and gets no mail
 * (and the decision log says why), turns it on again and gets the next one; with the outbox showing it sent. A
 * user adds her own address, sees it wait for confirmation (and the banner on every page), and follows the link
 * mailed to it.
 * Everything is done through the pages, reached from the menu, as the people involved would do it.
 *
 * <p>Every IT class boots its own Payara Micro, so the tests of this class share one server and database; each
 * test uses names of its own. Screenshots of every page visited are saved under {@code target/screenshots}.
 */
@ExtendWith(ArquillianExtension.class)
class WorkBrowserIT {

    private static final String ADMIN = "admin";
    private static final String BOB = "bob";
    private static final String BOB_PASSWORD = "Bob-Pa55word";
    private static final String BOB_EMAIL = "bob@postmaster.test";
    private static final String BOB_LABEL = "Bob Baker (bob)";
    private static final String ALICE_EMAIL = "alice@postmaster.test";
    private static final String TASK_ASSIGNED = "A task is assigned to me";
    /** How long a mail that was not sent is given to arrive anyway before the test trusts that it will not. */
    private static final Duration NO_MAIL_GRACE = Duration.ofSeconds(3);
    private static final Duration MAIL_DEADLINE = Duration.ofSeconds(60);

    private static GreenMail mailServer;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.postmaster().withFixtures(TestUsers.class).build();
    }

    @ArquillianResource
    URL baseUrl;

    @RegisterExtension
    final Browser browser = new Browser(() -> baseUrl);

    @BeforeAll
    static void startMailServer() {
        mailServer = MailServerSandbox.start();
    }

    @AfterAll
    static void stopMailServer() {
        MailServerSandbox.stop();
    }

    @Test
    void aTaskIsMailedToBobOnlyWhileHisPreferenceIsOnAndTheLogSaysWhy() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String firstTitle = "Quarterly report " + suffix;
        String secondTitle = "Budget review " + suffix;

        // The administrator points the Email settings at the sandbox and applies them, then creates bob.
        HomePage admin = signIn(ADMIN, TestUsers.adminPassword());
        assertEquals(List.of("Tasks", "Projects", "Appointments"), admin.menuEntries("Work"));
        assertEquals(List.of("My contact", "Preferences", "Password"), admin.menuEntries("Me"));
        assertEquals(List.of("Email", "Users", "Contacts", "Outbox", "Notification log", "Inbound log"),
                admin.menuEntries("Admin Settings"));
        EmailSettingsPage email = sendingThroughTheSandbox(admin, "noreply@postmaster.test")
                .update("sandbox-settings-saved")
                .applyNow();
        assertTrue(email.runningNow().contains(MailServerSandbox.HOST + ":" + MailServerSandbox.SMTP_PORT),
                email.runningNow());

        UsersPage users = UsersPage.fromMenu(email).newUser()
                .fill("User name", BOB)
                .fill("Password", BOB_PASSWORD)
                .role("User")
                .fill("First name", "Bob")
                .fill("Last name", "Baker")
                .fill("Email", BOB_EMAIL)
                .save();
        assertEquals("User bob created.", users.message());
        assertEquals(new UsersPage.Row(BOB, "Bob Baker", BOB_EMAIL, "User", "Active"), users.row(BOB));
        users.signOut();

        // Bob turns "A task is assigned to me" off.
        PreferencesPage preferences = PreferencesPage.fromMenu(signIn(BOB, BOB_PASSWORD));
        assertTrue(preferences.isOn(TASK_ASSIGNED), "on by default");
        assertEquals("Default: on", preferences.defaultOf(TASK_ASSIGNED));
        preferences.set(TASK_ASSIGNED, false).save();
        assertFalse(preferences.isOn(TASK_ASSIGNED), "the switch did not stay off after saving");
        assertTrue(preferences.message().startsWith("Saved."), preferences.message());
        preferences.signOut();

        // Alice, who has no email address yet, is warned where she assigns work; she adds one, then assigns bob.
        HomePage alice = signIn(TestUsers.USER, TestUsers.USER_PASSWORD);
        assertFalse(alice.menu().contains("Admin Settings"), alice.menu()::toString);
        WorkEditPage newTask = WorkListPage.fromMenu(alice, TASKS).create();
        assertTrue(newTask.ownAddressWarning().contains("your contact record has no default email address"),
                newTask.ownAddressWarning());
        MyContactPage contact = MyContactPage.fromMenu(newTask)
                .fill("First name", "Alice")
                .fill("Last name", "Able")
                .fill("Address 1", ALICE_EMAIL)
                .save("alice-contact-saved");
        assertEquals("Your default address is alice@postmaster.test.", contact.currentDefault());

        // The address she typed is hers only once she opens the link mailed to it; every page says so till then.
        assertEquals("Waiting for confirmation", contact.stateOf("Address 1"));
        assertTrue(contact.message().contains("A link to confirm " + ALICE_EMAIL + " was mailed to it."),
                contact.message());
        assertTrue(contact.unverifiedAddressBanner().startsWith("Verify your default email address " + ALICE_EMAIL
                + ". Open the link that was mailed to it."), contact.unverifiedAddressBanner());
        String confirmation = confirmationLink(awaitMailTo(ALICE_EMAIL));
        VerifyPage verified = VerifyPage.follow(browser, confirmation, "alice-address-confirmed");
        assertTrue(verified.outcome().startsWith(ALICE_EMAIL + " is verified."), verified.outcome());
        assertEquals("", verified.unverifiedAddressBanner());
        assertTrue(VerifyPage.follow(browser, confirmation, "confirmation-link-again").outcome()
                .startsWith("This link was used already"), "a used link says so");
        contact = MyContactPage.fromMenu(verified);
        assertEquals("Verified", contact.stateOf("Address 1"));
        newTask = WorkListPage.fromMenu(contact, TASKS).create();
        assertEquals("", newTask.ownAddressWarning(), "the warning stays after the address was added");

        WorkListPage tasks = newTask.fill("Title", firstTitle).date("Due date", "2026-12-31")
                .choose("Assignee", BOB_LABEL).save();
        assertTrue(tasks.message().startsWith("Task \"" + firstTitle + "\" saved, assigned to " + BOB_LABEL),
                tasks.message());
        assertEquals(List.of(firstTitle, "2026-12-31", BOB_LABEL, "Open"), tasks.row(firstTitle));
        tasks.signOut();

        // No mail for bob, and the administrator's log says why.
        NotificationLogPage log = NotificationLogPage.fromMenu(signIn(ADMIN, TestUsers.adminPassword()));
        Decision skipped = awaitDecision(log, firstTitle);
        assertEquals("SKIPPED", skipped.outcome());
        assertEquals("preference off", skipped.reason());
        assertEquals(TASK_ASSIGNED, skipped.notification());
        assertEquals(TestUsers.USER, skipped.by());
        assertNoMailTo(BOB_EMAIL, NO_MAIL_GRACE);
        log.signOut();

        // Bob turns it on again.
        preferences = PreferencesPage.fromMenu(signIn(BOB, BOB_PASSWORD)).set(TASK_ASSIGNED, true).save();
        assertTrue(preferences.isOn(TASK_ASSIGNED));
        preferences.signOut();

        // Alice creates a second task for nobody, then assigns it to bob on its edit page.
        tasks = WorkListPage.fromMenu(signIn(TestUsers.USER, TestUsers.USER_PASSWORD), TASKS)
                .create().fill("Title", secondTitle).save();
        WorkEditPage edit = tasks.open(secondTitle);
        assertEquals(secondTitle, edit.valueOf("Title"));
        assertEquals("Nobody", edit.chosen("Assignee"));
        tasks = edit.choose("Assignee", BOB_LABEL).choose("Status", "In progress").save();
        assertEquals(List.of(secondTitle, "", BOB_LABEL, "In progress"), tasks.row(secondTitle));
        tasks.filter("Title", suffix, rows -> rows.size() == 2);
        tasks.signOut();

        // The mail arrives, for bob only, about the second task; its link opens the task after signing in.
        MimeMessage mail = awaitMailTo(BOB_EMAIL);
        assertTrue(mail.getSubject().contains(secondTitle), mail.getSubject());
        assertEquals(1, mailServer.getReceivedMessagesForDomain(BOB_EMAIL).length,
                "mails received: " + subjects(mailServer.getReceivedMessages()));
        String link = taskLink(mail);
        LoginPage.followInsteadOf(browser, link).signInToContinue(BOB, BOB_PASSWORD);
        WorkEditPage linked = WorkEditPage.expect(browser, TASKS, "task-from-mail-link");
        assertEquals(secondTitle, linked.valueOf("Title"));
        assertEquals(BOB_LABEL, linked.chosen("Assignee"));
        linked.signOut();

        // The administrator sees the mail as sent, and the decision as queued.
        OutboxPage outbox = OutboxPage.fromMenu(signIn(ADMIN, TestUsers.adminPassword())).show("Sent");
        OutboxPage.Mail sent = outbox.mails().stream().filter(m -> m.subject().contains(secondTitle)).findFirst()
                .orElseThrow(() -> new AssertionError("No sent mail about " + secondTitle + " in " + outbox.mails()));
        assertEquals("Sent", sent.status());
        assertTrue(sent.recipients().contains(BOB_EMAIL), sent.recipients());
        assertTrue(outbox.count("Sent") >= 1);
        assertEquals("Nothing is waiting to be sent.", outbox.oldestWaiting());

        // "Resend" sends the same message (same Message-ID) once more.
        outbox.resend(secondTitle);
        assertTrue(outbox.message().contains("queued to be sent again now"), outbox.message());
        await(() -> mailServer.getReceivedMessagesForDomain(BOB_EMAIL).length == 2, MAIL_DEADLINE,
                "the resent mail did not arrive");
        MimeMessage[] both = mailServer.getReceivedMessagesForDomain(BOB_EMAIL);
        assertEquals(both[0].getMessageID(), both[1].getMessageID());

        // The "Last hour" chart counts both sends of the minute, and Chart.js drew it.
        await(() -> outbox.refresh().sentInTheLastHour() >= 2, MAIL_DEADLINE,
                "the last hour does not count the two sends: " + outbox.lastHour());
        assertTrue(outbox.lastHour().contains("Waiting now: 0"), outbox.lastHour());
        assertTrue(outbox.chartDrawn(), "the chart's canvas is missing or empty");

        // "Hold sending" stops the outbox (the page says so and by whom); "Release sending" lets it go again.
        outbox.click("Hold sending");
        assertTrue(outbox.heldBanner().startsWith("Sending is held (by admin"), outbox.heldBanner());
        assertTrue(outbox.message().contains("Sending is held"), outbox.message());
        outbox.click("Release sending");
        assertEquals("", outbox.heldBanner());
        assertTrue(outbox.message().contains("Sending is released"), outbox.message());

        Decision queued = awaitDecision(NotificationLogPage.fromMenu(outbox), secondTitle);
        assertEquals("QUEUED", queued.outcome());
        assertEquals("", queued.reason());
    }

    @Test
    void badInputIsShownBesideItsFieldAndWhatWasTypedStays() {
        HomePage admin = signIn(ADMIN, TestUsers.adminPassword());

        WorkEditPage task = WorkListPage.fromMenu(admin, TASKS).create()
                .fill("Title", "")
                .choose("Assignee", "System Administrator (admin)")
                .saveExpectingProblems("task-without-title");
        assertEquals("Enter a title", task.messageBeside("Title"));
        assertEquals("System Administrator (admin)", task.chosen("Assignee"));
        assertEquals("There is no task 999999. It may have been removed, or the link is wrong. All tasks",
                WorkEditPage.openMissing(browser, TASKS, "999999").replaceAll("\\s+", " "));

        WorkEditPage project = WorkListPage.fromMenu(task, PROJECTS).create()
                .fill("Name", "")
                .saveExpectingProblems("project-without-name");
        assertEquals("Enter a name", project.messageBeside("Name"));

        WorkEditPage appointment = WorkListPage.fromMenu(project, APPOINTMENTS).create()
                .fill("Title", "Planning")
                .date("Start", "2026-12-01 10:00")
                .date("End", "2026-12-01 09:00")
                .fill("Location", "Room 4")
                .saveExpectingProblems("appointment-ending-before-it-starts");
        assertEquals("The end must be after the start", appointment.messageBeside("End"));
        assertEquals("", appointment.messageBeside("Start"));
        assertEquals("Planning", appointment.valueOf("Title"));
        assertEquals("2026-12-01 10:00", appointment.valueOf("Start"));
        assertEquals("2026-12-01 09:00", appointment.valueOf("End"));
        assertEquals("Room 4", appointment.valueOf("Location"));

        UsersPage.Dialog user = UsersPage.fromMenu(appointment).newUser()
                .fill("User name", "not valid!")
                .fill("Password", "short")
                .fill("Email", "not-an-address")
                .saveExpectingProblems("user-with-bad-input");
        assertEquals("Use 1 to 100 letters, digits, '.', '_' or '-'", user.messageBeside("User name"));
        assertEquals("Use at least 8 characters", user.messageBeside("Password"));
        assertEquals("Enter one email address such as name@example.com", user.messageBeside("Email"));
        assertEquals("not valid!", user.valueOf("User name"));
        assertEquals("not-an-address", user.valueOf("Email"));
        assertEquals("", user.valueOf("Password"), "a password is never sent back to the browser");

        MyContactPage contact = MyContactPage.fromMenu(user.close())
                .fill("Address 1", "nobody at all")
                .save("contact-with-bad-address");
        assertEquals("Enter one email address such as name@example.com", contact.messageBeside("Address 1"));
        assertEquals("nobody at all", contact.valueOf("Address 1"));
        assertEquals("You have no default address yet.", contact.currentDefault());

        NotificationLogPage log = NotificationLogPage.fromMenu(contact).search("", "", "twelve");
        assertEquals("Enter a record number such as 12", log.messageBeside("Record number"));
    }

    @Test
    void projectsAppointmentsUsersAndContactsAreKeptThroughTheirPages() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String carol = "carol-" + suffix;
        String carolLabel = "Carol Cole (" + carol + ")";
        HomePage admin = signIn(ADMIN, TestUsers.adminPassword());

        UsersPage users = UsersPage.fromMenu(admin).newUser()
                .fill("User name", carol).fill("Password", "Carol-Pa55word").role("User")
                .fill("First name", "Carol").fill("Last name", "Cole").fill("Email", carol + "@postmaster.test")
                .save();
        users = users.edit(carol).fill("Email", carol + "@example.test").role("Administrator").save();
        assertEquals(new UsersPage.Row(carol, "Carol Cole", carol + "@example.test", "Administrator", "Active"),
                users.row(carol));
        assertEquals("Deactivated", users.deactivate(carol).row(carol).status());
        assertEquals("Active", users.activate(carol).row(carol).status());

        ContactsPage contacts = ContactsPage.fromMenu(users);
        assertEquals(new ContactsPage.Row("Carol Cole", carol + "@example.test", "", "Active"),
                contacts.row("Carol Cole"), "the address typed on the Users page replaces the default");
        contacts = contacts.newContact()
                .fill("First name", "Dana").fill("Last name", "Doe " + suffix)
                .fill("Address 1", "dana@old.test")
                .addAddress().fill("Address 2", "dana@new.test").makeDefault("Address 2")
                .save();
        String dana = "Dana Doe " + suffix;
        assertEquals(new ContactsPage.Row(dana, "dana@new.test", "dana@old.test", "Active"), contacts.row(dana));
        assertEquals("Deactivated", contacts.deactivate(dana).row(dana).status());

        String projectName = "Launch " + suffix;
        WorkListPage projects = WorkListPage.fromMenu(contacts, PROJECTS).create()
                .fill("Name", projectName).chooseAll("Members", List.of(carolLabel)).save();
        assertEquals(List.of(projectName, carolLabel, "System Administrator (admin)"), projects.row(projectName));
        WorkEditPage project = projects.open(projectName);
        assertEquals(carolLabel, project.shown("members"));
        projects = project.fill("Name", projectName + " v2")
                .chooseAll("Add members", List.of("System Administrator (admin)")).save();
        assertEquals(List.of(projectName + " v2", carolLabel + ", System Administrator (admin)",
                "System Administrator (admin)"), projects.row(projectName + " v2"));

        String meeting = "Kick-off " + suffix;
        WorkListPage appointments = WorkListPage.fromMenu(projects, APPOINTMENTS).create()
                .fill("Title", meeting).date("Start", "2026-12-02 09:30").date("End", "2026-12-02 10:30")
                .fill("Location", "Room 1").chooseAll("Attendees", List.of(carolLabel)).save();
        assertEquals(List.of(meeting, "2026-12-02 09:30", "2026-12-02 10:30", "Room 1", carolLabel, "Scheduled"),
                appointments.row(meeting));
        WorkEditPage appointment = appointments.open(meeting).cancelAppointment();
        assertTrue(appointment.cancelledBanner().startsWith("This appointment is cancelled."),
                appointment.cancelledBanner());
        assertTrue(appointment.formMessages().startsWith("The appointment is cancelled."), appointment.formMessages());
        appointments = WorkListPage.fromMenu(appointment, APPOINTMENTS);
        assertEquals("Cancelled", appointments.row(meeting).get(5));

        List<String> notified = NotificationLogPage.fromMenu(appointments).search(carol, "", "").decisions().stream()
                .map(Decision::notification).toList();
        assertTrue(notified.containsAll(List.of("I am added to a project", "I am invited to an appointment",
                "An appointment I attend is cancelled")), notified::toString);
    }

    @Test
    void aReplyToANotificationBecomesACommentOnTheTaskAndTheInboundLogShowsEachOutcome() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String erin = "erin-" + suffix;
        String erinEmail = erin + "@postmaster.test";
        String title = "Replace the backup disks " + suffix;

        // The administrator sends through the sandbox and reads its inbox, where replies are to go. (The system
        // address differs from the other tests', so that saving always leaves something to apply.)
        HomePage admin = signIn(ADMIN, TestUsers.adminPassword());
        EmailSettingsPage email = sendingThroughTheSandbox(admin, "system@postmaster.test")
                .fill(INCOMING, "Incoming mail server", MailServerSandbox.HOST)
                .fill(INCOMING, "Port", String.valueOf(MailServerSandbox.IMAP_PORT))
                .check(INCOMING, "Use SSL", false)
                .fill(INCOMING, "Username", MailServerSandbox.INBOX_LOGIN)
                .fill(INCOMING, "Password", MailServerSandbox.INBOX_PASSWORD)
                .fill(INCOMING, "Incoming mailbox address", MailServerSandbox.INBOX)
                .check(INCOMING, "Replies to notifications go to the incoming mailbox", true)
                .update("replies-to-inbox-saved")
                .applyNow();
        UsersPage users = UsersPage.fromMenu(email).newUser()
                .fill("User name", erin).fill("Password", "Erin-Pa55word").role("User")
                .fill("First name", "Erin").fill("Last name", "Evans").fill("Email", erinEmail)
                .save();
        WorkListPage tasks = WorkListPage.fromMenu(users, TASKS).create().fill("Title", title)
                .choose("Assignee", "Erin Evans (" + erin + ")").save();

        // Erin answers the notification from her mail client; an out-of-office and a stranger write too.
        MimeMessage notification = awaitMailTo(erinEmail);
        assertEquals(MailServerSandbox.INBOX, ((InternetAddress) notification.getReplyTo()[0]).getAddress());
        deliverToInbox(InboundMail.reply("<reply." + suffix + "@mail.test>", "Erin Evans <" + erinEmail + ">",
                MailServerSandbox.INBOX, "Re: " + notification.getSubject(), notification.getMessageID(), """
                        New disks are ordered; I swap them on Monday.

                        On Tue, 1 Dec 2026 at 10:00, Postmaster <system@postmaster.test> wrote:
                        > A task was assigned to you.
                        """));
        deliverToInbox(InboundMail.reply("<ooo." + suffix + "@mail.test>", erinEmail, MailServerSandbox.INBOX,
                "Out of office " + suffix, notification.getMessageID(), "I am away until Monday.\n",
                "Auto-Submitted: auto-replied"));
        deliverToInbox(InboundMail.plain("<stranger." + suffix + "@mail.test>", "stranger@elsewhere.test",
                MailServerSandbox.INBOX, "Hello " + suffix, "Is this the help desk?\n"));

        // Poll now: the log shows all three, each with its outcome.
        InboundLogPage inbound = InboundLogPage.fromMenu(tasks);
        List<InboundLogPage.Message> read = awaitValue(() -> Optional.of(inbound.pollNow().messages())
                .filter(m -> m.stream().filter(x -> x.subject().contains(suffix)).count() == 3), MAIL_DEADLINE,
                () -> "not all three read: " + inbound.messages() + "; poller " + inbound.state());
        assertEquals("Running", inbound.state());
        assertTrue(inbound.polledBy().matches("\\S+ \\(this node\\); lease renewed .+"), inbound.polledBy());
        InboundLogPage.Message reply = about(read, "Re: ");
        assertEquals("Reply threaded", reply.outcome());
        assertTrue(reply.reason().contains("A comment by " + erin + " on the task"), reply.reason());
        assertTrue(reply.text().startsWith("New disks are ordered"), reply.text());
        InboundLogPage.Message outOfOffice = about(read, "Out of office");
        assertEquals("Auto-reply ignored", outOfOffice.outcome());
        assertTrue(outOfOffice.reason().contains("Auto-Submitted: auto-replied"), outOfOffice.reason());
        InboundLogPage.Message stranger = about(read, "Hello");
        assertEquals("Unmatched", stranger.outcome());
        assertEquals("stranger@elsewhere.test", stranger.from());

        // The comment is on the task's page, without the quote.
        WorkEditPage task = WorkListPage.fromMenu(inbound, TASKS).open(title);
        assertEquals(List.of(new WorkEditPage.Comment("Erin Evans (" + erin + ")",
                "New disks are ordered; I swap them on Monday.")), task.comments());
    }

    /** The Email page, filled in to send through the sandbox from {@code systemAddress}, not yet saved. */
    private EmailSettingsPage sendingThroughTheSandbox(HomePage admin, String systemAddress) {
        return admin.openEmailSettingsFromMenu()
                .fill(OUTGOING, "Outgoing mail server (SMTP)", MailServerSandbox.HOST)
                .fill(OUTGOING, "Port", String.valueOf(MailServerSandbox.SMTP_PORT))
                .fill(OUTGOING, "Reply-To Address", systemAddress)
                .check(OUTGOING, "Use SSL", false)
                .choose(OUTGOING, "Authentication", "None")
                .fill(NOTIFICATIONS, "Application URL", baseUrl.toExternalForm());
    }

    private static InboundLogPage.Message about(List<InboundLogPage.Message> messages, String subjectStart) {
        return messages.stream().filter(m -> m.subject().startsWith(subjectStart)).findFirst()
                .orElseThrow(() -> new AssertionError("No message \"" + subjectStart + "…\" in " + messages));
    }

    /** Puts a message into the sandbox's inbox, as its mail server does with mail that arrives. */
    private static void deliverToInbox(String raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        mailServer.getUserManager().getUserByEmail(MailServerSandbox.INBOX).deliver(message);
    }

    private HomePage signIn(String username, String password) {
        return LoginPage.open(browser).signInAs(username, password);
    }

    /** Searches the log for bob's decisions until the one about {@code title} shows, and returns it. */
    private static Decision awaitDecision(NotificationLogPage log, String title) {
        Decision decision = awaitValue(() -> log.search(BOB, "task", "").decisions().stream()
                .filter(d -> d.record().endsWith(": " + title)).findFirst(), MAIL_DEADLINE,
                () -> "No decision about \"" + title + "\" for bob in " + log.decisions());
        assertEquals(BOB, decision.recipient());
        return decision;
    }

    /**
     * Watches for {@code grace} that no mail for {@code address} arrives. The decision log already said none was
     * queued; this catches a mail that was sent anyway.
     */
    private static void assertNoMailTo(String address, Duration grace) {
        never(() -> mailServer.getReceivedMessagesForDomain(address).length > 0, grace,
                () -> "a mail for " + address + " arrived: " + subjects(mailServer.getReceivedMessages()));
    }

    private static MimeMessage awaitMailTo(String address) throws Exception {
        await(() -> mailServer.getReceivedMessagesForDomain(address).length > 0, MAIL_DEADLINE,
                "no mail for " + address);
        return mailServer.getReceivedMessagesForDomain(address)[0];
    }

    /** The confirmation link in the mail's plain-text part. */
    private static String confirmationLink(MimeMessage mail) throws Exception {
        String text = (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
        Matcher link = Pattern.compile("https?://\\S+/verify\\.xhtml\\?token=\\S+").matcher(text);
        assertTrue(link.find(), "no confirmation link in: " + text);
        return link.group();
    }

    /** The link to the task in the mail's plain-text part. */
    private static String taskLink(MimeMessage mail) throws Exception {
        String text = (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
        Matcher link = Pattern.compile("https?://\\S+/tasks/edit\\.xhtml\\?id=\\d+").matcher(text);
        assertTrue(link.find(), "no link to the task in: " + text);
        return link.group();
    }

    private static List<String> subjects(Message[] messages) {
        return Arrays.stream(messages).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                return e.toString();
            }
        }).toList();
    }
}
