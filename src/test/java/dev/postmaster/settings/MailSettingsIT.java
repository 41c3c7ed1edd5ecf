package dev.postmaster.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.ApplicationDatabase;
import dev.postmaster.Deployments;
import dev.postmaster.MailServerSandbox;
import dev.postmaster.Eventually;
import dev.postmaster.fixtures.TestMailSettings;
import dev.postmaster.mailruntime.boundary.ConnectionTests;
import dev.postmaster.mailruntime.boundary.ConnectionTests.Target;
import dev.postmaster.mailruntime.boundary.DiagnosticReport;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.mailruntime.boundary.MailSessions;
import dev.postmaster.settings.boundary.InvalidSettingsException;
import dev.postmaster.settings.boundary.MailSettingsService;
import dev.postmaster.settings.boundary.SecretBox;
import dev.postmaster.settings.boundary.SecretField;
import dev.postmaster.settings.boundary.SettingsAudit;
import dev.postmaster.settings.entity.AuthMethod;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.OAuthProvider;
import dev.postmaster.settings.entity.OAuthSettings;
import dev.postmaster.settings.entity.Protocol;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.MessageIDTerm;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The settings life cycle inside the running application: save → pending → active after the boot path, the
 * active SMTP session delivering real mail with the sender the switches call for, sealed passwords, and every
 * validation rule. Runs in the container against GreenMail in the test JVM (started in {@code @BeforeAll},
 * which Arquillian runs on the client only).
 */
@ExtendWith(ArquillianExtension.class)
class MailSettingsIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.postmaster().inContainer()
                .withFixtures(MailServerSandbox.class, TestMailSettings.class, ApplicationDatabase.class,
                        Eventually.class)
                .build();
    }

    @Inject
    MailSettingsService settingsService;

    @Inject
    MailRuntime runtime;

    @Inject
    ConnectionTests connectionTests;

    @Inject
    SecretBox secretBox;

    @Inject
    SettingsAudit audit;

    @BeforeAll
    static void startMailServer() {
        MailServerSandbox.start();
    }

    @AfterAll
    static void stopMailServer() {
        MailServerSandbox.stop();
    }

    @Test
    void savedSettingsArePendingUntilTheBootPathRuns() {
        runtime.applyNow("admin");
        Optional<String> activeHostBefore = settingsService.active().map(a -> a.getSettings().getOutgoing().getHost());

        MailSettings draft = sandboxSettings();
        draft.getOutgoing().setHost("pending.example.com");
        draft.getOutgoing().setPort(null);
        settingsService.save(draft, null, MailServerSandbox.INBOX_PASSWORD, "admin");

        assertEquals("pending.example.com", pendingOutgoingHost());
        assertEquals(activeHostBefore, settingsService.active().map(a -> a.getSettings().getOutgoing().getHost()),
                "a save must not touch the active settings");
        assertTrue(settingsService.pending().orElseThrow().getSettings()
                .changedFields(runtime.current().settings()).contains(MailSettings.Field.OUTGOING_HOST));

        MailSessions applied = runtime.applyNow("admin");

        assertTrue(settingsService.pending().isEmpty(), "nothing is pending after the boot path");
        assertEquals("pending.example.com", settingsService.active().orElseThrow().getSettings().getOutgoing()
                .getHost());
        assertEquals("pending.example.com", applied.smtp().getProperty("mail.smtp.host"));
        assertEquals("25", applied.smtp().getProperty("mail.smtp.port"), "no port and no SSL means 25");
        assertEquals("10000", applied.smtp().getProperty("mail.smtp.connectiontimeout"));
        assertEquals("30000", applied.smtp().getProperty("mail.smtp.timeout"));
        assertEquals("30000", applied.smtp().getProperty("mail.smtp.writetimeout"));
        assertEquals("10000", applied.imap().getProperty("mail.imap.connectiontimeout"));
        assertEquals(runtime.current(), applied);
    }

    @Test
    void settingsAppliedOnAnotherNodeAreRunHereWithinAFewSeconds() {
        runtime.applyNow("admin");
        MailSettings draft = sandboxSettings();
        draft.getOutgoing().setHost("applied-elsewhere.example.com");
        settingsService.save(draft, null, MailServerSandbox.INBOX_PASSWORD, "admin");

        // what "Apply now" on another node does to the shared database; this node's runtime is not told
        settingsService.activatePending("admin-on-node-2", false);

        MailSessions followed = Eventually.awaitValue(() -> Optional.of(runtime.current())
                .filter(s -> s.smtp() != null
                        && "applied-elsewhere.example.com".equals(s.smtp().getProperty("mail.smtp.host"))),
                Duration.ofSeconds(3L * MailRuntime.FOLLOW_SECONDS), () -> "still running "
                        + runtime.current().settings().getOutgoing().getHost());
        assertEquals("applied-elsewhere.example.com", followed.settings().getOutgoing().getHost());

        MailSettings later = sandboxSettings();
        later.getOutgoing().setHost("saved-later.example.com");
        settingsService.save(later, null, MailServerSandbox.INBOX_PASSWORD, "admin");
        Eventually.never(() -> !runtime.current().settings().getOutgoing().getHost()
                .equals("applied-elsewhere.example.com"), Duration.ofSeconds(MailRuntime.FOLLOW_SECONDS + 1),
                () -> "following another node must not activate what is pending");
        assertEquals("saved-later.example.com", pendingOutgoingHost());
    }

    @Test
    void activeSmtpSessionDeliversMailFromApplicationNameAndReplyTo() throws Exception {
        MailSettings settings = sandboxSettings();
        settings.setApplicationName("Acme Mail");
        settings.setUseSystemReply(true);
        settings.setUseDisplayName(true);
        settingsService.save(settings, null, MailServerSandbox.INBOX_PASSWORD, "admin");
        runtime.applyNow("admin");

        DiagnosticReport outcome = connectionTests.outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin");

        assertTrue(outcome.ok(), () -> "test mail not sent: " + outcome.summary());
        assertNotNull(outcome.messageId());
        Message received = fetchFromInbox(outcome.messageId());
        assertEquals("Acme Mail <noreply@postmaster.test>", received.getHeader("From")[0]);
        assertEquals("Acme Mail <noreply@postmaster.test>", received.getHeader("Reply-To")[0]);
    }

    @Test
    void withoutDisplayNameSystemMailComesFromTheBareReplyToAddress() throws Exception {
        MailSettings settings = sandboxSettings();
        settings.setUseDisplayName(false);
        settingsService.save(settings, null, MailServerSandbox.INBOX_PASSWORD, "admin");
        runtime.applyNow("admin");

        DiagnosticReport outcome = connectionTests.outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin");

        assertTrue(outcome.ok(), () -> "test mail not sent: " + outcome.summary());
        assertEquals("noreply@postmaster.test", fetchFromInbox(outcome.messageId()).getHeader("From")[0]);
    }

    @Test
    void testMailReportsAServerThatIsNotThereInPlainWords() {
        MailSettings settings = sandboxSettings();
        settings.getOutgoing().setPort(1);
        settingsService.save(settings, null, MailServerSandbox.INBOX_PASSWORD, "admin");
        runtime.applyNow("admin");

        DiagnosticReport outcome = connectionTests.outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin");

        assertFalse(outcome.ok());
        assertEquals("Connect", outcome.failedStep().name(), outcome.summary());
        assertTrue(outcome.hint().startsWith("Nothing accepts connections at 127.0.0.1:1"), outcome.hint());
    }

    @Test
    void testMailGoesThroughTheActiveSettingsNotThePendingOnes() {
        MailSettings working = sandboxSettings();
        settingsService.save(working, null, MailServerSandbox.INBOX_PASSWORD, "admin");
        runtime.applyNow("admin");
        MailSettings broken = sandboxSettings();
        broken.getOutgoing().setPort(1);
        settingsService.save(broken, null, null, "admin");

        DiagnosticReport outcome = connectionTests.outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin");

        assertTrue(outcome.ok(), () -> "the pending (broken) settings were used: " + outcome.summary());
        assertTrue(settingsService.pending().isPresent());
    }

    @Test
    void passwordsAreStoredSealedAndABlankFieldKeepsThem() throws Exception {
        String secret = "Plain-Secret-4711";
        MailSettings settings = sandboxSettings();
        settings.getOutgoing().setAuthentication(true);
        settings.getOutgoing().setUsername("mailer");
        settingsService.save(settings, secret, MailServerSandbox.INBOX_PASSWORD, "admin");

        String sealed = settingsService.pending().orElseThrow().getSettings().getOutgoing().getPasswordSealed();
        assertTrue(sealed.startsWith("v2:"), sealed);
        assertFalse(ApplicationDatabase.holdsAnywhere(secret), "a password is in the database in clear");
        assertFalse(ApplicationDatabase.holdsAnywhere(MailServerSandbox.INBOX_PASSWORD),
                "a password is in the database in clear");

        settings.setApplicationName("Renamed");
        settingsService.save(settings, "", null, "admin");
        assertEquals(sealed, settingsService.pending().orElseThrow().getSettings().getOutgoing().getPasswordSealed(),
                "a blank password field keeps the stored password");
    }

    /**
     * A connected grant is a pending change like any other; a save keeps it while the client stays the same and
     * drops it when the client changes (the provider would refuse it under another); a refresh token the
     * provider rotated replaces the old one in every slot without making the other nodes rebuild; the History
     * names the account, never a token.
     */
    @Test
    void anOAuth2GrantIsPendingKeptByItsClientAndReplacedInPlaceWhenRotated() throws Exception {
        runtime.applyNow("admin");
        MailSettings settings = sandboxSettings();
        settings.getOutgoing().setAuthMethod(AuthMethod.OAUTH2);
        OAuthSettings oauth = settings.getOutgoing().getOauth();
        oauth.setProvider(OAuthProvider.MICROSOFT);
        oauth.setClientId("postmaster-app");
        String clientSecret = "Client-Secret-4711";
        settingsService.save(settings, new MailSettingsService.TypedSecrets(null, MailServerSandbox.INBOX_PASSWORD,
                clientSecret, null), "admin");
        String refresh = "Refresh-Token-4711";
        String sealed = secretBox.seal(SecretField.SMTP_REFRESH_TOKEN, refresh);
        Instant grantedAt = Instant.parse("2026-12-02T10:00:00Z");

        settingsService.connect(Protocol.SMTP, sealed, "mailer@example.com", grantedAt, "admin");

        OAuthSettings pending = settingsService.pending().orElseThrow().getSettings().getOutgoing().getOauth();
        assertEquals("mailer@example.com", pending.getAccount());
        assertEquals(sealed, pending.getRefreshTokenSealed());
        assertFalse(ApplicationDatabase.holdsAnywhere(refresh), "a refresh token is in the database in clear");
        assertFalse(ApplicationDatabase.holdsAnywhere(clientSecret), "a client secret is in the database in clear");
        assertTrue(audit.newestFirst(0, 1).get(0).getSummary().startsWith("Connected account mailer@example.com"));

        MailSettings draft = settingsService.current();
        draft.getOutgoing().getOauth().forgetGrant(); // a page opened before the connect: its grant is not used
        draft.setApplicationName("Renamed with the grant");
        settingsService.save(draft, null, null, "admin");
        assertEquals(sealed, pendingGrant(), "a save keeps the grant of the same client");

        runtime.applyNow("admin");
        long version = settingsService.activeVersion().orElseThrow();
        String rotated = secretBox.seal(SecretField.SMTP_REFRESH_TOKEN, "Rotated-Token-4711");
        assertEquals(1, settingsService.replaceRefreshToken(Protocol.SMTP, sealed, rotated), "the active slot");
        assertEquals(Optional.of(rotated), settingsService.activeRefreshToken(Protocol.SMTP, grantedAt));
        assertEquals(version, settingsService.activeVersion().orElseThrow(), "the other nodes have nothing to do");

        draft = settingsService.current();
        draft.getOutgoing().getOauth().setClientId("another-app");
        settingsService.save(draft, null, null, "admin");
        assertNull(pendingGrant(), "another client cannot use this grant");

        settingsService.disconnect(Protocol.SMTP, "admin");
        assertTrue(audit.newestFirst(0, 1).get(0).getSummary().startsWith("Disconnected"));
        settingsService.save(sandboxSettings(), null, MailServerSandbox.INBOX_PASSWORD, "admin");
        runtime.applyNow("admin");
    }

    private String pendingGrant() {
        return settingsService.pending().orElseThrow().getSettings().getOutgoing().getOauth().getRefreshTokenSealed();
    }

    @Test
    void eachRuleIsRejectedWithItsMessageAndChangesNothing() {
        settingsService.save(sandboxSettings(), null, MailServerSandbox.INBOX_PASSWORD, "admin");
        String pendingBefore = settingsService.pending().map(p -> p.getSettings().getOutgoing().getHost()).orElse(null);

        assertRejected("outgoing.host", "Enter a host name", s -> s.getOutgoing().setHost("mail..example.com"));
        assertRejected("outgoing.host", "Enter a host name", s -> s.getOutgoing().setHost("smtp server"));
        assertRejected("incoming.host", "Enter a host name", s -> s.getIncoming().setHost("300.1.1.1"));
        assertRejected("outgoing.port", "Enter a port from 1 to 65535", s -> s.getOutgoing().setPort(0));
        assertRejected("incoming.port", "Enter a port from 1 to 65535", s -> s.getIncoming().setPort(65536));
        assertRejected("replyTo", "Enter one email address", s -> s.setReplyTo("not an address"));
        assertRejected("replyTo", "Enter one email address",
                s -> s.setReplyTo("noreply@postmaster.test\r\nBcc: victim@example.com"));
        assertRejected("replyTo", "Enter one email address", s -> s.setReplyTo("A <noreply@postmaster.test>"));
        assertRejected("applicationUrl", "Enter an absolute http:// or https:// address",
                s -> s.setApplicationUrl("ftp://postmaster.test/"));
        assertRejected("applicationUrl", "Enter an absolute http:// or https:// address",
                s -> s.setApplicationUrl("/relative/path"));
        assertRejected("applicationName", "Enter the name shown", s -> s.setApplicationName(" "));
        assertRejected("outgoing.username", "Enter the username", s -> {
            s.getOutgoing().setAuthentication(true);
            s.getOutgoing().setUsername(null);
        });
        assertRejected("outgoing.password", "Enter the password", s -> {
            s.getOutgoing().setAuthentication(true);
            s.getOutgoing().setUsername("mailer");
        });

        assertEquals(pendingBefore, pendingOutgoingHost(), "a rejected save changed the stored settings");
    }

    private void assertRejected(String field, String messageStart, java.util.function.Consumer<MailSettings> edit) {
        MailSettings settings = sandboxSettings();
        edit.accept(settings);
        InvalidSettingsException rejected = assertThrows(InvalidSettingsException.class,
                () -> settingsService.save(settings, null, null, "admin"));
        Map<String, String> problems = rejected.problems();
        assertTrue(problems.containsKey(field), () -> field + " not reported: " + problems);
        assertTrue(problems.get(field).startsWith(messageStart), () -> field + ": " + problems.get(field));
    }

    private String pendingOutgoingHost() {
        return settingsService.pending().map(p -> p.getSettings().getOutgoing().getHost()).orElse(null);
    }

    private static MailSettings sandboxSettings() {
        MailSettings settings = TestMailSettings.sandbox();
        settings.setApplicationUrl("http://localhost:8080/");
        return settings;
    }

    /** Reads the test mail back through the application's own (active) IMAP session. */
    private Message fetchFromInbox(String messageId) throws Exception {
        Store store = runtime.current().imap().getStore();
        store.connect();
        try {
            Folder inbox = store.getFolder("INBOX");
            return Eventually.awaitValue(() -> search(inbox, messageId), Duration.ofSeconds(10),
                    () -> "message " + messageId + " never arrived");
        } finally {
            store.close();
        }
    }

    /** A copy of the message with {@code messageId}, read from INBOX opened afresh (read-only), if it is there. */
    private static Optional<Message> search(Folder inbox, String messageId) {
        try {
            inbox.open(Folder.READ_ONLY);
            try {
                Message[] found = inbox.search(new MessageIDTerm(messageId));
                if (found.length != 1) {
                    return Optional.empty();
                }
                assertFalse(found[0].isSet(Flags.Flag.DELETED));
                return Optional.of(new MimeMessage((MimeMessage) found[0]));
            } finally {
                inbox.close(false);
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
