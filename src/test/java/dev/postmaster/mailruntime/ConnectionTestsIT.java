package dev.postmaster.mailruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.ApplicationDatabase;
import dev.postmaster.Deployments;
import dev.postmaster.FakeSmtpServer;
import dev.postmaster.MailServerSandbox;
import dev.postmaster.fixtures.TestMailSettings;
import dev.postmaster.fixtures.TestUsers;
import dev.postmaster.inbound.boundary.InboxPoller;
import dev.postmaster.mailruntime.boundary.ConnectionTests;
import dev.postmaster.mailruntime.boundary.ConnectionTests.Target;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.mailruntime.boundary.MailSessions;
import dev.postmaster.mailruntime.boundary.SettingsApplied;
import dev.postmaster.mailruntime.boundary.DiagnosticReport;
import dev.postmaster.settings.boundary.MailSettingsService;
import dev.postmaster.settings.boundary.SettingsAudit;
import dev.postmaster.settings.boundary.SecretBox;
import dev.postmaster.settings.boundary.SecretField;
import dev.postmaster.settings.entity.AuditEntry;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.SettingsChange;
import dev.postmaster.settings.entity.Protocol;
import dev.postmaster.settings.entity.TransportSecurity;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Email page's diagnostics and "Apply now", inside the running application, against GreenMail (plain, and
 * SSL/TLS with its self-signed certificate): each test names the step that failed and why; the incoming test
 * counts unread mail without marking any read; Apply now switches servers without a restart; and no password
 * reaches the database, a log record or a report.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectionTestsIT {

    private static final String PASSWORD = "Inbox-Pa55";
    private static final int STARTTLS_PORT = 13587;

    @Deployment
    static WebArchive deployment() {
        return Deployments.postmaster().inContainer()
                .withFixtures(MailServerSandbox.class, TestMailSettings.class, ApplicationDatabase.class,
                        AppliedEvents.class, FakeSmtpServer.class)
                .withResources(FakeSmtpServer.KEYSTORE).build();
    }

    @Inject
    MailSettingsService settingsService;

    @Inject
    MailRuntime runtime;

    @Inject
    ConnectionTests connectionTests;

    @Inject
    InboxPoller poller;

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
    @Order(1)
    void theSandboxSettingsCanBeActivated() {
        activate(plain());
        assertEquals(MailServerSandbox.SMTP_PORT, runningSmtpPort());
        assertNotNull(runtime.current().imap());
    }

    /**
     * Runs in the test JVM, as a monitor would, right after {@link #theSandboxSettingsCanBeActivated()}: an
     * administrator sees the servers and their greetings, an anonymous monitor only that both are UP.
     */
    @Test
    @Order(2)
    @RunAsClient
    void readinessReportsBothServersUpWithTheirGreetings(@ArquillianResource URL deployment) throws Exception {
        URI health = deployment.toURI().resolve("/health/ready");
        String admin = "admin:" + TestUsers.adminPassword();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(health)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(admin.getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        String body = response.body().replaceAll("\\s", "");
        assertTrue(body.contains("\"name\":\"smtp\",\"status\":\"UP\""), body);
        assertTrue(body.contains("\"name\":\"imap\",\"status\":\"UP\""), body);
        assertTrue(body.contains("GreenMailSMTPService"), body);
        assertTrue(body.contains("127.0.0.1:" + MailServerSandbox.SMTP_PORT), body);

        HttpResponse<String> anonymous = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, anonymous.statusCode(), anonymous.body());
        String plain = anonymous.body().replaceAll("\\s", "");
        assertTrue(plain.contains("\"name\":\"smtp\",\"status\":\"UP\""), plain);
        assertFalse(plain.contains("GreenMail") || plain.contains("127.0.0.1") || plain.contains("\"data\""), plain);
    }

    @Test
    void aTestMailShowsEveryStepAndTheAcceptedMessageId() {
        DiagnosticReport report = activate(authenticated()).outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin");

        assertTrue(report.ok(), report::summary);
        assertNotNull(report.messageId());
        assertEquals(List.of("Resolve", "Connect", "EHLO", "AUTH", "MAIL/RCPT/DATA"), stepNames(report));
        assertTrue(step(report, "Connect").text().contains("220 "), step(report, "Connect").text());
        assertTrue(step(report, "EHLO").text().contains("250"), step(report, "EHLO").text());
        assertTrue(step(report, "MAIL/RCPT/DATA").text().contains("RCPT TO:<" + MailServerSandbox.INBOX + ">"));
    }

    @Test
    void aWrongPasswordFailsAtAuthWithAHint() {
        MailSettings settings = authenticated();
        settingsService.save(settings, "Wrong-Pa55", PASSWORD, "admin");
        runtime.applyNow("admin");

        DiagnosticReport report = connectionTests.outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin");

        assertEquals("AUTH", report.failedStep().name(), report.summary());
        assertTrue(report.hint().contains("rejected the username or password"), report.hint());
    }

    @Test
    void aServerThatIsDownFailsAtConnect() {
        MailSettings settings = plain();
        settings.getOutgoing().setPort(1);
        DiagnosticReport report = activate(settings).outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin");

        assertEquals("Connect", report.failedStep().name(), report.summary());
        assertTrue(report.hint().startsWith("Nothing accepts connections at 127.0.0.1:1"), report.hint());
    }

    @Test
    void sslOnAPlainPortFailsAtTlsAndSaysSo() {
        MailSettings settings = plain();
        settings.getOutgoing().setSecurity(TransportSecurity.SSL_TLS);
        DiagnosticReport report = activate(settings).outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin");

        assertEquals("TLS", report.failedStep().name(), report.summary());
        assertTrue(report.hint().contains("does not speak SSL/TLS on port " + MailServerSandbox.SMTP_PORT),
                report.hint());
    }

    @Test
    void starttlsIsRequiredNeverSilentlySkipped() {
        MailSettings settings = plain();
        settings.getOutgoing().setSecurity(TransportSecurity.STARTTLS);
        DiagnosticReport report = activate(settings).outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin");

        assertFalse(report.ok(), "GreenMail offers no STARTTLS, so nothing may be sent in clear");
        assertEquals("TLS", report.failedStep().name(), report.summary());
        assertTrue(report.hint().contains("does not offer STARTTLS"), report.hint());
    }

    @Test
    void starttlsUpgradesTheConnectionAndVerifiesTheCertificate() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.withStartTls(STARTTLS_PORT)) {
            MailSettings settings = plain();
            settings.getOutgoing().setPort(STARTTLS_PORT);
            settings.getOutgoing().setSecurity(TransportSecurity.STARTTLS);

            DiagnosticReport untrusted = activate(settings).outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin");
            assertEquals("TLS", untrusted.failedStep().name(), untrusted.summary());
            assertTrue(server.acceptedMessageIds().isEmpty(), "mail was sent over an unverified connection");

            settings.getOutgoing().setTrustCertificate(true);
            DiagnosticReport sent = activate(settings).outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin");
            assertTrue(sent.ok(), sent::summary);
            assertEquals(List.of("Resolve", "Connect", "EHLO", "TLS", "EHLO (after TLS)", "MAIL/RCPT/DATA"),
                    stepNames(sent));
            assertTrue(step(sent, "TLS").text().contains("STARTTLS"), step(sent, "TLS").text());
            assertTrue(step(sent, "TLS").text().contains("TLSv1."), step(sent, "TLS").text());
            assertTrue(step(sent, "TLS").text().contains("CN=fake-smtp.test"), step(sent, "TLS").text());
            assertEquals(List.of(sent.messageId()), server.acceptedMessageIds());
        }
    }

    @Test
    void sslTlsVerifiesCertificatesUnlessTheServerIsExplicitlyTrusted() {
        MailSettings settings = plain();
        settings.getOutgoing().setSecurity(TransportSecurity.SSL_TLS);
        settings.getOutgoing().setPort(MailServerSandbox.SMTPS_PORT);
        settings.getIncoming().setSecurity(TransportSecurity.SSL_TLS);
        settings.getIncoming().setPort(MailServerSandbox.IMAPS_PORT);

        DiagnosticReport refused = activate(settings).outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin");
        assertEquals("TLS", refused.failedStep().name(), refused.summary());
        assertTrue(refused.hint().contains("Trust this server's certificate"), refused.hint());
        DiagnosticReport imapRefused = connectionTests.incoming(Target.ACTIVE, "admin");
        assertEquals("TLS", imapRefused.failedStep().name(), imapRefused.summary());

        settings.getOutgoing().setTrustCertificate(true);
        settings.getIncoming().setTrustCertificate(true);
        DiagnosticReport sent = activate(settings).outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin");
        assertTrue(sent.ok(), sent::summary);
        assertTrue(step(sent, "TLS").text().startsWith("TLSv1."), step(sent, "TLS").text());
        assertTrue(step(sent, "TLS").text().contains("valid until"), step(sent, "TLS").text());
        DiagnosticReport read = connectionTests.incoming(Target.ACTIVE, "admin");
        assertTrue(read.ok(), read::summary);
        assertTrue(step(read, "TLS").text().startsWith("TLSv1."), step(read, "TLS").text());
    }

    @Test
    void theIncomingTestCountsUnreadMailAndMarksNoneRead() {
        ConnectionTests tests = activate(plain());
        int before = unread(tests.incoming(Target.ACTIVE, "admin"));
        assertTrue(tests.outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin").ok());

        DiagnosticReport first = tests.incoming(Target.ACTIVE, "admin");
        DiagnosticReport second = tests.incoming(Target.ACTIVE, "admin");

        assertTrue(first.ok(), first::summary);
        assertEquals(List.of("Resolve", "Connect", "Login", "Open INBOX", "Count unread", "Unread messages"),
                stepNames(first).stream().filter(name -> !name.startsWith("Capabilities")).toList());
        assertEquals(before + 1, unread(first));
        assertEquals(before + 1, unread(second), "the first test marked mail read");
    }

    @Test
    void pendingSettingsAreTestedWithoutBeingApplied() {
        activate(plain());
        MailSettings broken = plain();
        broken.getOutgoing().setPort(1);
        settingsService.save(broken, null, null, "admin");

        DiagnosticReport pending = connectionTests.outgoing(Target.PENDING, MailServerSandbox.INBOX, "admin");
        DiagnosticReport active = connectionTests.outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin");

        assertEquals("Connect", pending.failedStep().name(), pending.summary());
        assertTrue(active.ok(), active::summary);
        assertTrue(settingsService.pending().isPresent(), "a test applied the pending settings");
        assertEquals(MailServerSandbox.SMTP_PORT, runningSmtpPort());
    }

    @Test
    void applyNowSwitchesServersWithoutARestartAndIsAudited() {
        MailSettings old = plain();
        old.getOutgoing().setPort(1);
        activate(old);
        MailSessions before = runtime.current();
        AppliedEvents.reset();

        settingsService.save(plain(), null, null, "admin");
        MailSessions after = runtime.applyNow("admin");

        assertEquals("1", before.smtp().getProperty("mail.smtp.port"), "sessions already handed out stay as they were");
        assertEquals(String.valueOf(MailServerSandbox.SMTP_PORT), after.smtp().getProperty("mail.smtp.port"));
        assertEquals(after, runtime.current());
        assertTrue(connectionTests.outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin").ok());
        assertEquals(1, AppliedEvents.count(), "SettingsApplied is fired once per apply");
        AuditEntry applied = audit.newestFirst(0, 20).stream()
                .filter(entry -> entry.getAction() == AuditEntry.Action.APPLIED_NOW).findFirst().orElseThrow();
        assertEquals("admin", applied.getActor());
        SettingsChange port = applied.getChanges().stream()
                .filter(change -> change.getField() == MailSettings.Field.OUTGOING_PORT).findFirst().orElseThrow();
        assertEquals("1", port.getBefore());
        assertEquals(String.valueOf(MailServerSandbox.SMTP_PORT), port.getAfter());
    }

    @Test
    void aPasswordSealedWithAnotherKeyTurnsMailOffWithAClearMessage() throws Exception {
        settingsService.save(authenticated(), PASSWORD, PASSWORD, "admin");
        byte[] otherKey = new byte[32];
        Arrays.fill(otherKey, (byte) 42);
        try (Connection connection = ApplicationDatabase.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update mail_settings set smtp_password_sealed = ? where slot = 'PENDING'")) {
            update.setString(1, SecretBox.withKey(otherKey).seal(SecretField.SMTP_PASSWORD, PASSWORD));
            assertEquals(1, update.executeUpdate());
        }

        MailSessions applied = runtime.applyNow("admin");

        assertNull(applied.smtp(), "no session may be built with a password that cannot be read");
        assertTrue(applied.problems().stream().anyMatch(p -> p.contains("POSTMASTER_SECRET_KEY")),
                applied.problems().toString());
        assertNotNull(applied.imap(), "the incoming password is still readable");
    }

    @Test
    void noPasswordReachesTheDatabaseALogOrAReport() throws Exception {
        String smtpSecret = "Smtp-S3cret-" + System.nanoTime();
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                logged.add(formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        List<DiagnosticReport> reports = new ArrayList<>();
        try {
            MailSettings settings = authenticated();
            settingsService.save(settings, smtpSecret, PASSWORD, "admin");
            runtime.applyNow("admin");
            reports.add(connectionTests.outgoing(Target.ACTIVE, MailServerSandbox.INBOX, "admin"));
            reports.add(connectionTests.incoming(Target.ACTIVE, "admin"));
            settingsService.save(settings, "Another-" + smtpSecret, null, "admin");
            reports.add(connectionTests.outgoing(Target.PENDING, MailServerSandbox.INBOX, "admin"));
        } finally {
            root.removeHandler(capture);
        }

        assertFalse(logged.isEmpty(), "nothing was logged: the check would prove nothing");
        for (String secret : List.of(smtpSecret, PASSWORD)) {
            assertTrue(logged.stream().noneMatch(line -> line.contains(secret)), "a log record holds a password");
            assertTrue(reports.stream().noneMatch(r -> r.toString().contains(secret)), "a report holds a password");
            assertFalse(ApplicationDatabase.holdsAnywhere(secret), "a password is in the database in clear");
        }
        assertTrue(reports.get(0).toString().contains("AUTH"), "the report shows the AUTH step, without secrets");
    }

    // --- helpers

    private ConnectionTests activate(MailSettings settings) {
        settingsService.save(settings, null, PASSWORD, "admin");
        runtime.applyNow("admin");
        // Apply now starts the inbox poller on this same mailbox (its first poll a second later); it would mark
        // the mail these tests count as read. The poller has tests of its own.
        poller.stop();
        return connectionTests;
    }

    private static MailSettings plain() {
        MailSettings settings = TestMailSettings.sandbox();
        settings.setConnectTimeoutSeconds(5);
        settings.setReadTimeoutSeconds(5);
        return settings;
    }

    private MailSettings authenticated() {
        MailSettings settings = plain();
        settings.getOutgoing().setAuthentication(true);
        settings.getOutgoing().setUsername(MailServerSandbox.INBOX_LOGIN);
        settingsService.save(settings, PASSWORD, PASSWORD, "admin");
        return settings;
    }

    private int runningSmtpPort() {
        return runtime.current().settings().getOutgoing().effectivePort(Protocol.SMTP);
    }

    private static List<String> stepNames(DiagnosticReport report) {
        return report.steps().stream().map(DiagnosticReport.Step::name).toList();
    }

    private static DiagnosticReport.Step step(DiagnosticReport report, String name) {
        return report.steps().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + stepNames(report)));
    }

    private static int unread(DiagnosticReport report) {
        assertTrue(report.ok(), report::summary);
        Matcher count = Pattern.compile("(\\d+) unread").matcher(step(report, "Unread messages").text());
        assertTrue(count.find(), step(report, "Unread messages").text());
        return Integer.parseInt(count.group(1));
    }

    /** Counts {@link SettingsApplied} events; a CDI observer inside the test deployment. */
    @jakarta.enterprise.context.ApplicationScoped
    public static class AppliedEvents {
        private static final java.util.concurrent.atomic.AtomicInteger COUNT =
                new java.util.concurrent.atomic.AtomicInteger();

        void onApplied(@jakarta.enterprise.event.Observes SettingsApplied event) {
            COUNT.incrementAndGet();
        }

        static void reset() {
            COUNT.set(0);
        }

        static int count() {
            return COUNT.get();
        }
    }
}
