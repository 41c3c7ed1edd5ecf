package dev.postmaster.console;

import static dev.postmaster.console.pages.EmailSettingsPage.Section.INCOMING;
import static dev.postmaster.console.pages.EmailSettingsPage.Section.NOTIFICATIONS;
import static dev.postmaster.console.pages.EmailSettingsPage.Section.OUTGOING;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.Deployments;
import dev.postmaster.console.pages.Browser;
import dev.postmaster.console.pages.EmailSettingsPage;
import dev.postmaster.console.pages.ForbiddenPage;
import dev.postmaster.console.pages.HomePage;
import dev.postmaster.console.pages.LoginPage;
import dev.postmaster.fixtures.TestUsers;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console as a person uses it, in a real (headless) Chromium against the deployed WAR: signing in and out,
 * the Email page reached through the menu and filled in through its labels, validation shown beside the fields,
 * passwords never sent back to the browser, and an ordinary user kept out of the admin pages. In-container tests
 * prove the rules; these prove the pages wire them up so that a person can see and use them.
 *
 * <p>All browser tests live in this one class because every IT class boots its own Payara Micro. The tests share
 * that server (and its database), so each one sets up the settings it relies on instead of relying on order.
 * Screenshots of every page visited, and of any failure, are saved under {@code target/screenshots}.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleBrowserIT {

    private static final String ADMIN = "admin";
    private static final String SAVED = "Settings saved. They will take effect when the application restarts.";
    private static final String PASSWORD_KEPT = "A password is stored. Leave this empty to keep it.";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.postmaster().withFixtures(TestUsers.class).build();
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
                .check(OUTGOING, "Use SSL", false)
                .check(OUTGOING, "Outgoing server requires authentication", true)
                .fill(OUTGOING, "Username", "mailer")
                .fill(OUTGOING, "Password", smtpSecret)
                .check(NOTIFICATIONS, "Use Display Name", false)
                .fill(NOTIFICATIONS, "Application name", "Browser Test Mail")
                .fill(NOTIFICATIONS, "Application URL", "https://postmaster.browser.test/")
                .fill(INCOMING, "Incoming mail server", "imap.browser.test")
                .fill(INCOMING, "Port", "993")
                .fill(INCOMING, "Username", "inbox")
                .fill(INCOMING, "Password", imapSecret)
                .check(INCOMING, "Use SSL", true)
                .update("saved");

        String banner = email.banner();
        assertTrue(banner.startsWith(SAVED), banner);
        assertTrue(banner.contains("Saved by admin"), banner);
        List<String> changes = email.pendingChanges();
        assertTrue(changes.containsAll(List.of("Outgoing mail server (SMTP)", "Reply-To Address", "Incoming Use SSL")),
                changes::toString);
        assertPasswordsNotShown(email, smtpSecret, imapSecret);

        EmailSettingsPage reloaded = EmailSettingsPage.open(browser, "email-reloaded");
        assertAll("the stored settings, as the reloaded page shows them",
                () -> assertEquals("smtp.browser.test", reloaded.valueOf(OUTGOING, "Outgoing mail server (SMTP)")),
                () -> assertEquals("587", reloaded.valueOf(OUTGOING, "Port")),
                () -> assertEquals("noreply@browser.test", reloaded.valueOf(OUTGOING, "Reply-To Address")),
                () -> assertFalse(reloaded.isChecked(OUTGOING, "Use SSL")),
                () -> assertTrue(reloaded.isChecked(OUTGOING, "Outgoing server requires authentication")),
                () -> assertEquals("mailer", reloaded.valueOf(OUTGOING, "Username")),
                () -> assertFalse(reloaded.isChecked(NOTIFICATIONS, "Use Display Name")),
                () -> assertEquals("Browser Test Mail", reloaded.valueOf(NOTIFICATIONS, "Application name")),
                () -> assertEquals("https://postmaster.browser.test/",
                        reloaded.valueOf(NOTIFICATIONS, "Application URL")),
                () -> assertEquals("imap.browser.test", reloaded.valueOf(INCOMING, "Incoming mail server")),
                () -> assertEquals("993", reloaded.valueOf(INCOMING, "Port")),
                () -> assertEquals("inbox", reloaded.valueOf(INCOMING, "Username")),
                () -> assertTrue(reloaded.isChecked(INCOMING, "Use SSL")),
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
                .check(OUTGOING, "Outgoing server requires authentication", false)
                .fill(OUTGOING, "Username", "")
                .update("valid-settings-saved");
        String bannerBefore = email.banner();
        assertTrue(bannerBefore.startsWith(SAVED), bannerBefore);

        email.fill(OUTGOING, "Port", "70000")
                .fill(OUTGOING, "Reply-To Address", "not an address")
                .update("invalid-port-and-reply-to");
        assertAll("messages beside the fields",
                () -> assertEquals("Enter a port from 1 to 65535", email.messageBeside(OUTGOING, "Port")),
                () -> assertEquals("", email.messageBeside(INCOMING, "Port")),
                () -> assertTrue(email.messageBeside(OUTGOING, "Reply-To Address").startsWith("Enter one email address"),
                        email.messageBeside(OUTGOING, "Reply-To Address")),
                () -> assertEquals(bannerBefore, email.banner()));

        email.fill(OUTGOING, "Port", "2525")
                .fill(OUTGOING, "Reply-To Address", "valid@postmaster.test")
                .check(OUTGOING, "Outgoing server requires authentication", true)
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
                () -> assertFalse(reloaded.isChecked(OUTGOING, "Outgoing server requires authentication")),
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
    void sendTestEmailReportsTheOutcomeInPlainWords() {
        signInAsAdmin();
        EmailSettingsPage email = EmailSettingsPage.open(browser, "email");

        String outcome = email.sendTestEmailTo("you@example.com");

        assertTrue(outcome.startsWith("Not sent.") || outcome.startsWith("Sent."), outcome);
        if (email.runningNow().contains("No settings are active")) {
            assertTrue(outcome.startsWith("Not sent. There are no active settings yet"), outcome);
        }
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
