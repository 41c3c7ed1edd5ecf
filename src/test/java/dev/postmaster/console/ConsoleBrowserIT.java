package dev.postmaster.console;

import static dev.postmaster.console.pages.EmailSettingsPage.Section.INCOMING;
import static dev.postmaster.console.pages.EmailSettingsPage.Section.NOTIFICATIONS;
import static dev.postmaster.console.pages.EmailSettingsPage.Section.OUTGOING;
import static dev.postmaster.console.pages.EmailSettingsPage.Section.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import dev.postmaster.Deployments;
import dev.postmaster.MailServerSandbox;
import dev.postmaster.console.pages.Browser;
import dev.postmaster.console.pages.ConnectionTestDialog;
import dev.postmaster.console.pages.EmailSettingsPage;
import dev.postmaster.console.pages.EmailSettingsPage.HistoryEntry;
import dev.postmaster.console.pages.EmailSettingsPage.SenderPreview;
import dev.postmaster.console.pages.ForbiddenPage;
import dev.postmaster.console.pages.HomePage;
import dev.postmaster.console.pages.LoginPage;
import dev.postmaster.fixtures.TestUsers;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
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
 * The console as a person uses it, in a real (headless) Chromium against the deployed WAR: signing in and out,
 * the Email page reached through the menu and filled in through its labels, validation shown beside the fields,
 * passwords never sent back to the browser, the sender preview following the switches, "Apply now", the
 * connection tests' dialog against a real mail server, the History table, and an ordinary user kept out of the
 * admin pages. In-container tests prove the rules; these prove the pages wire them up so that a person can see
 * and use them.
 *
 * <p>All browser tests live in this one class because every IT class boots its own Payara Micro. The tests share
 * that server (and its database), so each one sets up the settings it relies on, or reads them first, instead of
 * relying on order. GreenMail runs in this JVM for the whole class; the application reaches it over loopback, as
 * it would reach any mail server. Screenshots of every page and dialog visited, and of any failure, are saved
 * under {@code target/screenshots}.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleBrowserIT {

    private static final String ADMIN = "admin";
    private static final String SAVED = "Settings saved. They will take effect when the application restarts.";
    private static final String PASSWORD_KEPT = "A password is stored. Leave this empty to keep it.";
    private static final String NO_SENDER = "No mail would be sent: no sender address";
    private static final String SANDBOX_SMTP = MailServerSandbox.HOST + ":" + MailServerSandbox.SMTP_PORT;
    private static final String SANDBOX_IMAP = MailServerSandbox.HOST + ":" + MailServerSandbox.IMAP_PORT;

    private static GreenMail greenMail;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.postmaster().withFixtures(TestUsers.class).build();
    }

    @BeforeAll
    static void startMailServer() {
        greenMail = MailServerSandbox.start();
    }

    @AfterAll
    static void stopMailServer() {
        MailServerSandbox.stop();
    }

    @ArquillianResource
    URL baseUrl;

    @RegisterExtension
    final Browser browser = new Browser(() -> baseUrl);

    @Test
    void aWrongPasswordIsRefusedPlainlyThenTheAdminSignsInAndOut() {
        LoginPage refused = LoginPage.open(browser).signInExpectingRefusal(ADMIN, "Not-The-Pa55word");

        assertEquals("Wrong user name or password.", refused.problem());
        assertTrue(browser.currentPath().endsWith("/login.xhtml"), browser.currentPath());
        assertEquals("", refused.enteredPassword(), "the refused password is put back into the page");

        HomePage home = refused.signInAs(ADMIN, TestUsers.adminPassword());
        assertEquals("Signed in as admin", home.signedInAs());

        LoginPage signedOut = home.signOut();
        assertEquals("You have signed out.", signedOut.notice());

        LoginPage askedForEmail = LoginPage.openInsteadOf(browser, EmailSettingsPage.PATH);
        assertFalse(EmailSettingsPage.isShown(browser), "a protected page is shown after signing out");

        askedForEmail.signInAndContinueToEmailSettings(ADMIN, TestUsers.adminPassword());
        assertTrue(browser.currentPath().endsWith("/" + EmailSettingsPage.PATH),
                "signing in leads on to the page first asked for, not to " + browser.currentPath());
    }

    @Test
    void settingsEnteredThroughTheLabelsAreSavedForTheNextRestartAndPasswordsAreNeverShown() {
        String smtpSecret = "Smtp-Secret-" + UUID.randomUUID();
        String imapSecret = "Imap-Secret-" + UUID.randomUUID();
        EmailSettingsPage email = signInAsAdmin().openEmailSettingsFromMenu();

        email.fill(OUTGOING, "Outgoing mail server (SMTP)", "smtp.browser.test")
                .fill(OUTGOING, "Port", "587")
                .fill(OUTGOING, "Reply-To Address", "noreply@browser.test")
                .choose(OUTGOING, "Encryption", "SSL/TLS");
        assertTrue(email.isChecked(OUTGOING, "Use SSL"), "choosing SSL/TLS leaves Use SSL clear");
        email.choose(OUTGOING, "Encryption", "STARTTLS");
        assertFalse(email.isChecked(OUTGOING, "Use SSL"), "choosing STARTTLS leaves Use SSL ticked");
        email.check(OUTGOING, "Trust this server's certificate", true)
                .choose(OUTGOING, "Authentication", "Password")
                .fill(OUTGOING, "Username", "mailer")
                .fill(OUTGOING, "Password", smtpSecret)
                .check(NOTIFICATIONS, "Use Display Name", false)
                .fill(NOTIFICATIONS, "Application name", "Browser Test Mail")
                .fill(NOTIFICATIONS, "Application URL", "https://postmaster.browser.test/")
                .fill(INCOMING, "Incoming mail server", "imap.browser.test")
                .fill(INCOMING, "Port", "993")
                .fill(INCOMING, "Username", "inbox")
                .fill(INCOMING, "Password", imapSecret)
                .choose(INCOMING, "Encryption", "None")
                .check(INCOMING, "Use SSL", true);
        assertEquals("SSL/TLS", email.chosen(INCOMING, "Encryption"), "ticking Use SSL does not choose SSL/TLS");
        email.check(INCOMING, "Trust this server's certificate", false)
                .fill(TIMEOUTS, "Connect timeout (seconds)", "7")
                .fill(TIMEOUTS, "Read and write timeout (seconds)", "20")
                .fill(TIMEOUTS, "Parallel connections", "4")
                .update("saved");

        String banner = email.banner();
        assertTrue(banner.startsWith(SAVED), banner);
        assertTrue(banner.contains("Saved by admin"), banner);
        List<String> changes = email.pendingChanges();
        assertTrue(changes.containsAll(List.of("Outgoing mail server (SMTP)", "Reply-To Address",
                "Outgoing encryption", "Incoming encryption", "Connect timeout (seconds)", "Parallel connections")),
                changes::toString);
        assertPasswordsNotShown(email, smtpSecret, imapSecret);

        EmailSettingsPage reloaded = EmailSettingsPage.open(browser, "email-reloaded");
        assertAll("the stored settings, as the reloaded page shows them",
                () -> assertEquals("smtp.browser.test", reloaded.valueOf(OUTGOING, "Outgoing mail server (SMTP)")),
                () -> assertEquals("587", reloaded.valueOf(OUTGOING, "Port")),
                () -> assertEquals("noreply@browser.test", reloaded.valueOf(OUTGOING, "Reply-To Address")),
                () -> assertFalse(reloaded.isChecked(OUTGOING, "Use SSL")),
                () -> assertEquals("STARTTLS", reloaded.chosen(OUTGOING, "Encryption")),
                () -> assertTrue(reloaded.isChecked(OUTGOING, "Trust this server's certificate")),
                () -> assertEquals("Password", reloaded.chosen(OUTGOING, "Authentication")),
                () -> assertEquals("mailer", reloaded.valueOf(OUTGOING, "Username")),
                () -> assertFalse(reloaded.isChecked(NOTIFICATIONS, "Use Display Name")),
                () -> assertEquals("Browser Test Mail", reloaded.valueOf(NOTIFICATIONS, "Application name")),
                () -> assertEquals("https://postmaster.browser.test/",
                        reloaded.valueOf(NOTIFICATIONS, "Application URL")),
                () -> assertEquals("imap.browser.test", reloaded.valueOf(INCOMING, "Incoming mail server")),
                () -> assertEquals("993", reloaded.valueOf(INCOMING, "Port")),
                () -> assertEquals("inbox", reloaded.valueOf(INCOMING, "Username")),
                () -> assertTrue(reloaded.isChecked(INCOMING, "Use SSL")),
                () -> assertEquals("SSL/TLS", reloaded.chosen(INCOMING, "Encryption")),
                () -> assertFalse(reloaded.isChecked(INCOMING, "Trust this server's certificate")),
                () -> assertEquals("7", reloaded.valueOf(TIMEOUTS, "Connect timeout (seconds)")),
                () -> assertEquals("20", reloaded.valueOf(TIMEOUTS, "Read and write timeout (seconds)")),
                () -> assertEquals("4", reloaded.valueOf(TIMEOUTS, "Parallel connections")),
                () -> assertEquals(banner, reloaded.banner()));
        assertPasswordsNotShown(reloaded, smtpSecret, imapSecret);
    }

    @Test
    void invalidInputIsShownBesideItsFieldAndNothingIsSaved() {
        signInAsAdmin();
        EmailSettingsPage email = EmailSettingsPage.open(browser, "email")
                .fill(OUTGOING, "Outgoing mail server (SMTP)", "smtp.valid.test")
                .fill(OUTGOING, "Port", "2525")
                .fill(OUTGOING, "Reply-To Address", "valid@postmaster.test")
                .choose(OUTGOING, "Authentication", "None")
                .fill(OUTGOING, "Username", "")
                .update("valid-settings-saved");
        String bannerBefore = email.banner();
        assertTrue(bannerBefore.startsWith(SAVED), bannerBefore);

        email.fill(OUTGOING, "Port", "70000")
                .fill(OUTGOING, "Reply-To Address", "not an address")
                .fill(TIMEOUTS, "Parallel connections", "9")
                .update("invalid-port-and-reply-to");
        assertAll("messages beside the fields",
                () -> assertEquals("Enter a port from 1 to 65535", email.messageBeside(OUTGOING, "Port")),
                () -> assertEquals("Enter a number of connections from 1 to 8",
                        email.messageBeside(TIMEOUTS, "Parallel connections")),
                () -> assertEquals("", email.messageBeside(INCOMING, "Port")),
                () -> assertTrue(email.messageBeside(OUTGOING, "Reply-To Address")
                        .startsWith("Enter one email address"), email.messageBeside(OUTGOING, "Reply-To Address")),
                () -> assertEquals(bannerBefore, email.banner()));

        email.fill(OUTGOING, "Port", "2525")
                .fill(OUTGOING, "Reply-To Address", "valid@postmaster.test")
                .fill(TIMEOUTS, "Parallel connections", "")
                .choose(OUTGOING, "Authentication", "Password")
                .update("invalid-authentication-without-username");
        assertAll("messages for the missing username",
                () -> assertTrue(email.messageBeside(OUTGOING, "Username").startsWith("Enter the username"),
                        email.messageBeside(OUTGOING, "Username")),
                () -> assertEquals("", email.messageBeside(INCOMING, "Username")),
                () -> assertTrue(email.formMessages().contains("The settings were not saved."), email.formMessages()),
                () -> assertEquals(bannerBefore, email.banner()));

        EmailSettingsPage reloaded = EmailSettingsPage.open(browser, "email-reloaded");
        assertAll("the settings saved before the invalid attempts",
                () -> assertEquals("2525", reloaded.valueOf(OUTGOING, "Port")),
                () -> assertEquals("valid@postmaster.test", reloaded.valueOf(OUTGOING, "Reply-To Address")),
                () -> assertEquals("None", reloaded.chosen(OUTGOING, "Authentication")),
                () -> assertEquals(bannerBefore, reloaded.banner()));
    }

    @Test
    void anOrdinaryUserIsKeptOutOfTheAdminSettingsAndCanSignOutFromTheRefusal() {
        HomePage home = LoginPage.open(browser).signInAs(TestUsers.USER, TestUsers.USER_PASSWORD);

        assertEquals("Signed in as " + TestUsers.USER, home.signedInAs());
        List<String> menu = home.menu();
        assertTrue(menu.contains("Postmaster"), menu::toString);
        assertFalse(menu.contains("Admin Settings"), menu::toString);

        ForbiddenPage refused = ForbiddenPage.openExpectingRefusal(browser, EmailSettingsPage.PATH);
        assertTrue(refused.explanation().startsWith("This page is for administrators"), refused.explanation());
        assertFalse(EmailSettingsPage.isShown(browser), "the Email form is shown to a user who is not an admin");
        assertEquals("text/html", browser.contentType(), "the refusal page is not parsed as HTML");

        LoginPage signedOut = refused.signOut();
        assertEquals("You have signed out.", signedOut.notice(), "Sign out does not work on the refusal page");
    }

    @Test
    void theSenderPreviewFollowsTheSwitchesAndNamesAsTheyChangeWithoutSaving() {
        signInAsAdmin();
        EmailSettingsPage email = EmailSettingsPage.open(browser, "email");
        String storedReplyTo = email.valueOf(OUTGOING, "Reply-To Address");
        String storedName = email.valueOf(NOTIFICATIONS, "Application name");
        boolean storedSystemReply = email.isChecked(NOTIFICATIONS, "Use System Reply");
        boolean storedDisplayName = email.isChecked(NOTIFICATIONS, "Use Display Name");
        String storedBanner = email.banner();
        List<HistoryEntry> storedHistory = email.history();

        email.enter(OUTGOING, "Reply-To Address", "desk@postmaster.test")
                .enter(NOTIFICATIONS, "Application name", "Help Desk")
                .check(NOTIFICATIONS, "Use System Reply", true)
                .check(NOTIFICATIONS, "Use Display Name", true);
        assertEquals(new SenderPreview("Help Desk <desk@postmaster.test>", "Help Desk <desk@postmaster.test>"),
                email.senderPreview("preview-system-reply-and-display-name"),
                "both switches on: the application's name with the Reply-To address");

        email.check(NOTIFICATIONS, "Use System Reply", false);
        assertEquals(new SenderPreview("\"System Administrator (Help Desk)\" <desk@postmaster.test>",
                "\"Pat Example (Help Desk)\" <desk@postmaster.test>"),
                email.senderPreview("preview-display-name-only"),
                "Display Name only: the person's name with the application's, at the Reply-To address");

        email.check(NOTIFICATIONS, "Use System Reply", true).check(NOTIFICATIONS, "Use Display Name", false);
        assertEquals(new SenderPreview("desk@postmaster.test", "desk@postmaster.test"),
                email.senderPreview("preview-system-reply-only"), "System Reply only: the bare Reply-To address");

        email.check(NOTIFICATIONS, "Use System Reply", false);
        assertEquals(new SenderPreview("desk@postmaster.test", "desk@postmaster.test"),
                email.senderPreview("preview-both-off"),
                "both off: the person's own address, else (as for both people here) the Reply-To address");

        email.check(NOTIFICATIONS, "Use System Reply", true)
                .check(NOTIFICATIONS, "Use Display Name", true)
                .enter(NOTIFICATIONS, "Application name", "Front Office")
                .enter(OUTGOING, "Reply-To Address", "office@postmaster.test");
        assertEquals(new SenderPreview("Front Office <office@postmaster.test>",
                "Front Office <office@postmaster.test>"), email.senderPreview("preview-renamed"));

        email.enter(OUTGOING, "Reply-To Address", "");
        assertEquals(new SenderPreview(NO_SENDER, NO_SENDER), email.senderPreview("preview-without-reply-to"));
        assertEquals("Without a Reply-To address, system mail cannot be sent.",
                email.rulesBeside(OUTGOING, "Reply-To Address"));

        EmailSettingsPage reloaded = EmailSettingsPage.open(browser, "email-reloaded");
        assertAll("nothing was saved",
                () -> assertEquals(storedReplyTo, reloaded.valueOf(OUTGOING, "Reply-To Address")),
                () -> assertEquals(storedName, reloaded.valueOf(NOTIFICATIONS, "Application name")),
                () -> assertEquals(storedSystemReply, reloaded.isChecked(NOTIFICATIONS, "Use System Reply")),
                () -> assertEquals(storedDisplayName, reloaded.isChecked(NOTIFICATIONS, "Use Display Name")),
                () -> assertEquals(storedBanner, reloaded.banner()),
                () -> assertEquals(storedHistory, reloaded.history()));
    }

    @Test
    void applyNowPutsTheSavedSettingsToWorkAndTheTestDialogShowsEveryStep() throws MessagingException {
        String replyTo = "apply-" + shortId() + "@postmaster.test";
        signInAsAdmin();
        EmailSettingsPage email = EmailSettingsPage.open(browser, "email");
        String applicationName = email.valueOf(NOTIFICATIONS, "Application name");
        fillInTheSandbox(email, MailServerSandbox.HOST, replyTo).update("sandbox-saved");
        assertTrue(email.banner().startsWith(SAVED), email.banner());
        assertTrue(email.pendingChanges().contains("Reply-To Address"), email.pendingChanges()::toString);
        String runningBefore = email.runningNow();

        email.cancelApplyNow();
        assertTrue(email.banner().startsWith(SAVED), "Cancel applied the settings: " + email.banner());
        assertEquals(runningBefore, email.runningNow());

        email.applyNow();
        assertAll("after Apply now",
                () -> assertEquals("", email.banner()),
                () -> assertTrue(email.formMessages().startsWith("Applied. The application now runs with the saved"
                        + " settings."), email.formMessages()),
                () -> assertEquals(SANDBOX_SMTP, email.running("Outgoing mail server")),
                () -> assertEquals(replyTo, email.running("Reply-To Address")),
                () -> assertEquals(SANDBOX_IMAP, email.running("Incoming mail server")));

        ConnectionTestDialog sent = email.sendTestEmailTo(MailServerSandbox.INBOX);
        assertEquals("Connection test", sent.title());
        assertTrue(sent.summary().startsWith("Sent. Active settings: outgoing server " + SANDBOX_SMTP + " (None)."),
                sent.summary());
        assertEquals("", sent.problem());
        assertEquals(List.of("Resolve ✓", "Connect ✓", "EHLO ✓", "MAIL/RCPT/DATA ✓"), sent.steps());
        assertTrue(sent.transcriptOf("MAIL/RCPT/DATA").contains("RCPT TO:<" + MailServerSandbox.INBOX + ">"),
                sent.transcriptOf("MAIL/RCPT/DATA"));
        List<MimeMessage> arrived = receivedFrom(replyTo);
        assertEquals(1, arrived.size(), "test mails from " + replyTo + " that reached GreenMail");
        MimeMessage mail = arrived.get(0);
        assertEquals(List.of(MailServerSandbox.INBOX), addresses(mail.getAllRecipients()));
        assertEquals(applicationName + " test email", mail.getSubject());
        assertTrue(sent.summary().contains(mail.getMessageID()),
                "the dialog does not name the Message-ID that arrived, " + mail.getMessageID());
        sent.close();

        browser.resizeWindow(1280, 720); // a laptop's window, lower than the incoming test's seven steps
        ConnectionTestDialog incoming = email.testIncomingConnection();
        assertTrue(incoming.liesWithinTheWindow(), "the dialog runs out of a 720-pixel window");
        assertTrue(incoming.scrollsToStep("Unread messages"), "the last step cannot be scrolled into view");
        assertTrue(incoming.summary().startsWith("Signed in. Active settings: incoming server " + SANDBOX_IMAP
                + " (None)"), "the incoming test claims something was sent: " + incoming.summary());
        List<String> steps = incoming.steps();
        assertAll("the incoming test's steps " + steps,
                () -> assertEquals("Resolve ✓", steps.get(0)),
                () -> assertTrue(steps.contains("Login ✓")),
                () -> assertTrue(steps.stream().allMatch(step -> step.endsWith(" ✓"))),
                () -> assertEquals("Unread messages ✓", steps.get(steps.size() - 1)));
        String unread = incoming.transcriptOf("Unread messages");
        Matcher count = Pattern.compile("(\\d+) unread of (\\d+) in INBOX").matcher(unread);
        assertTrue(count.find(), unread);
        // Apply now has started the inbox poller on this mailbox, so the test mail may already be read: it must be
        // in INBOX, read or not.
        assertTrue(Integer.parseInt(count.group(2)) >= 1, "the test mail just sent is not in INBOX: " + unread);
        assertEquals("", incoming.problem());
        incoming.close();
        browser.restoreWindow();

        email.fill(OUTGOING, "Port", "1").update("pending-port-1");
        assertEquals(List.of("Outgoing port"), email.pendingChanges());
        ConnectionTestDialog refused = email.testWith("Pending settings").sendTestEmailTo(MailServerSandbox.INBOX);
        assertTrue(refused.summary().startsWith("Not sent. Pending settings: outgoing server "
                + MailServerSandbox.HOST + ":1 (None)"), refused.summary());
        assertTrue(refused.problem().startsWith("Failed at: Connect. Nothing accepts connections at "
                + MailServerSandbox.HOST + ":1."), refused.problem());
        assertEquals(List.of("Resolve ✓", "Connect ✗"), refused.steps());
        refused.close();
        HistoryEntry tested = email.history().get(0);
        assertAll("the pending test leaves the running settings alone and is in the history",
                () -> assertEquals(SANDBOX_SMTP, email.running("Outgoing mail server")),
                () -> assertTrue(email.banner().startsWith(SAVED), email.banner()),
                () -> assertEquals("Tested", tested.what()),
                () -> assertEquals(ADMIN, tested.who()),
                () -> assertTrue(tested.summary().startsWith("Pending settings: outgoing server "
                        + MailServerSandbox.HOST + ":1 (None): failed at Connect"), tested.summary()));
    }

    @Test
    void theHistoryShowsEachSaveAndApplyNowNewestFirstWithWhatChanged() {
        String id = shortId();
        String draftHost = "smtp-" + id + ".history.test";
        String url = "https://history-" + id + ".postmaster.test/";
        signInAsAdmin();
        EmailSettingsPage email = EmailSettingsPage.open(browser, "email");

        fillInTheSandbox(email, draftHost, "history@postmaster.test").update("draft-saved");
        HistoryEntry draft = email.history().get(0);
        assertAll("the first save, at the top of the history",
                () -> assertEquals("Saved", draft.what()),
                () -> assertEquals(ADMIN, draft.who()),
                () -> assertTrue(draft.when().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC"), draft.when()),
                () -> assertTrue(draft.details().lines().anyMatch(line -> line.startsWith(
                        "Outgoing mail server (SMTP): ") && line.endsWith(" → " + draftHost)), draft.details()));

        String urlBefore = email.valueOf(NOTIFICATIONS, "Application URL");
        email.fill(OUTGOING, "Outgoing mail server (SMTP)", MailServerSandbox.HOST)
                .fill(NOTIFICATIONS, "Application URL", url)
                .update("saved");
        List<HistoryEntry> afterSave = email.history();
        HistoryEntry saved = afterSave.get(0);
        assertAll("the second save, above the first",
                () -> assertEquals("Saved", saved.what()),
                () -> assertEquals(ADMIN, saved.who()),
                () -> assertEquals("Saved; takes effect at the next restart or Apply now", saved.summary()),
                () -> assertEquals(List.of("Outgoing mail server (SMTP): " + draftHost + " → " + MailServerSandbox.HOST,
                        "Application URL: " + (urlBefore.isEmpty() ? "(empty)" : urlBefore) + " → " + url),
                        saved.details().lines().toList()),
                () -> assertEquals(draft, afterSave.get(1)));

        email.applyNow();
        List<HistoryEntry> afterApply = email.history();
        HistoryEntry applied = afterApply.get(0);
        assertAll("Apply now, above both saves",
                () -> assertEquals("Applied now", applied.what()),
                () -> assertEquals(ADMIN, applied.who()),
                () -> assertEquals("Pending settings saved by admin are now active", applied.summary()),
                () -> assertTrue(applied.details().lines().anyMatch(line -> line.startsWith("Application URL: ")
                        && line.endsWith(" → " + url)), applied.details()),
                () -> assertTrue(applied.when().compareTo(saved.when()) >= 0, applied.when() + " < " + saved.when()),
                () -> assertEquals(List.of(saved, draft), afterApply.subList(1, 3)));

        Matcher report = Pattern.compile("1–(\\d+) of (\\d+)").matcher(email.historyPageReport());
        assertTrue(report.matches(), email.historyPageReport());
        int total = Integer.parseInt(report.group(2));
        assertAll("one page of at most 10 rows",
                () -> assertEquals(Math.min(10, total), Integer.parseInt(report.group(1))),
                () -> assertEquals(Math.min(10, total), afterApply.size()));
    }

    @Test
    void sendTestEmailReportsTheOutcomeInPlainWords() {
        signInAsAdmin();
        EmailSettingsPage email = EmailSettingsPage.open(browser, "email");
        boolean nothingActive = email.runningNow().contains("No settings are active");

        ConnectionTestDialog result = email.sendTestEmailTo("you@example.com");

        String summary = result.summary();
        List<String> steps = result.steps();
        assertEquals("Connection test", result.title());
        assertTrue(summary.startsWith("Not sent.") || summary.startsWith("Sent."), summary);
        assertFalse(steps.isEmpty(), "the dialog lists no steps");
        assertTrue(steps.stream().allMatch(step -> step.matches("\\S.* [✓✗]")), steps::toString);
        if (summary.startsWith("Sent.")) {
            assertEquals("", result.problem());
            assertTrue(steps.stream().allMatch(step -> step.endsWith(" ✓")), steps::toString);
        } else {
            String failed = steps.get(steps.size() - 1);
            assertTrue(failed.endsWith(" ✗"), steps::toString);
            assertTrue(result.problem().startsWith("Failed at: " + failed.substring(0, failed.length() - 2) + ". "),
                    result.problem());
        }
        if (nothingActive) {
            assertEquals(List.of("Settings ✗"), steps);
            assertTrue(result.transcriptOf("Settings").startsWith("There are no active settings yet"),
                    result.transcriptOf("Settings"));
            assertEquals("Failed at: Settings. Save the settings, then restart or Apply now.", result.problem());
        }
        assertTrue(EmailSettingsPage.isShown(browser));
        result.close();
    }

    /**
     * Fills in the GreenMail sandbox as the outgoing and incoming server (no encryption, no authentication for
     * sending, the mailbox's login for reading), with short timeouts.
     */
    private static EmailSettingsPage fillInTheSandbox(EmailSettingsPage email, String smtpHost, String replyTo) {
        return email.fill(OUTGOING, "Outgoing mail server (SMTP)", smtpHost)
                .fill(OUTGOING, "Port", String.valueOf(MailServerSandbox.SMTP_PORT))
                .fill(OUTGOING, "Reply-To Address", replyTo)
                .choose(OUTGOING, "Encryption", "None")
                .check(OUTGOING, "Trust this server's certificate", false)
                .choose(OUTGOING, "Authentication", "None")
                .fill(OUTGOING, "Username", "")
                .fill(INCOMING, "Incoming mail server", MailServerSandbox.HOST)
                .fill(INCOMING, "Port", String.valueOf(MailServerSandbox.IMAP_PORT))
                .fill(INCOMING, "Username", MailServerSandbox.INBOX_LOGIN)
                .fill(INCOMING, "Password", MailServerSandbox.INBOX_PASSWORD)
                .choose(INCOMING, "Encryption", "None")
                .check(INCOMING, "Trust this server's certificate", false)
                .fill(TIMEOUTS, "Connect timeout (seconds)", "5")
                .fill(TIMEOUTS, "Read and write timeout (seconds)", "10");
    }

    /** The mails GreenMail received whose From address is {@code from}. */
    private static List<MimeMessage> receivedFrom(String from) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(message -> {
                    try {
                        return addresses(message.getFrom()).contains(from);
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses)
                .map(address -> ((InternetAddress) address).getAddress())
                .toList();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private HomePage signInAsAdmin() {
        return LoginPage.open(browser).signInAs(ADMIN, TestUsers.adminPassword());
    }

    private static void assertPasswordsNotShown(EmailSettingsPage page, String... secrets) {
        String source = page.source();
        for (String secret : secrets) {
            assertFalse(source.contains(secret), "a typed password is in the page source");
        }
        assertAll("password fields",
                () -> assertEquals("", page.valueOf(OUTGOING, "Password")),
                () -> assertEquals("", page.valueOf(INCOMING, "Password")),
                () -> assertTrue(page.hintsBeside(OUTGOING, "Password").contains(PASSWORD_KEPT)),
                () -> assertTrue(page.hintsBeside(INCOMING, "Password").contains(PASSWORD_KEPT)));
    }
}
