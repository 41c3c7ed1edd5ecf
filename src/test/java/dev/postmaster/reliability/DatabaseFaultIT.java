package dev.postmaster.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.postmaster.fixtures.InboundMail;
import dev.postmaster.fixtures.TestMailbox;
import dev.postmaster.security.ConsoleClient;
import jakarta.mail.MessagingException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under the running application and comes back. The application (started with
 * {@code java -jar}) reaches an H2 TCP server in the test JVM through a {@link FaultProxy}; cutting the proxy
 * drops every pooled connection and refuses new ones, as when the database server stops or the network to it
 * fails. While it is away, requests must fail with a problem document or an error page, never a stack trace,
 * and nothing may be half written (a task without its notification); the inbox poller must not mark anything
 * seen. Once it is back, the connection pool, the outbox drainer and the poller carry on by themselves.
 */
class DatabaseFaultIT {

    private static final int HTTP_PORT = 14020;
    private static final int H2_PORT = 14021;
    private static final int PROXY_PORT = 14022;
    private static final int SMTP_PORT = 14023;
    private static final int IMAP_PORT = 14024;
    private static final String LOGIN = "dbinbox";
    private static final String IMAP_PASSWORD = "Db-Inbox-Pa55word";
    private static final int PER_PHASE = 5;
    /**
     * Requests during the outage: each waits for EclipseLink's reconnect attempts (3, 5 s apart) before it fails,
     * so a few show the answer as well as many.
     */
    private static final int DURING_OUTAGE = 2;
    /** Two poll intervals: the poller tries at least once while the database is away. */
    /** A database of this run's own in the H2 server's folder. */
    private static final String DB_NAME = "postmaster-" + System.currentTimeMillis();
    private static final Duration OUTAGE_WATCH = Duration.ofSeconds(25);

    private static Server h2;
    private static FaultProxy proxy;
    private static SmtpSink sink;
    private static GreenMail imap;
    private static AppProcess app;
    private static AppClient api;
    private static final List<String> deliveredInbound = new ArrayList<>();

    @BeforeAll
    static void boot() throws Exception {
        Path baseDir = Path.of("target", "reliability", "DatabaseFaultIT-h2").toAbsolutePath();
        h2 = Server.createTcpServer("-tcpPort", String.valueOf(H2_PORT), "-baseDir", baseDir.toString(),
                "-ifNotExists").start();
        proxy = FaultProxy.start("database", PROXY_PORT, H2_PORT);
        sink = SmtpSink.start(SMTP_PORT);
        imap = new GreenMail(new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        imap.start();
        imap.setUser(LOGIN + "@fault.test", LOGIN, IMAP_PASSWORD);
        app = new AppProcess("DatabaseFaultIT", HTTP_PORT, Map.of(
                "POSTMASTER_DB_URL", "jdbc:h2:tcp://127.0.0.1:" + PROXY_PORT + "/" + DB_NAME,
                "POSTMASTER_SMTP_HOST", "127.0.0.1",
                "POSTMASTER_SMTP_PORT", String.valueOf(SMTP_PORT),
                "POSTMASTER_REPLY_TO", "postmaster@fault.test",
                "POSTMASTER_IMAP_HOST", "127.0.0.1",
                "POSTMASTER_IMAP_PORT", String.valueOf(IMAP_PORT),
                "POSTMASTER_IMAP_USERNAME", LOGIN,
                "POSTMASTER_IMAP_PASSWORD", IMAP_PASSWORD,
                "POSTMASTER_IMAP_ADDRESS", LOGIN + "@fault.test",
                "POSTMASTER_POLL_INTERVAL_SECONDS", "10"));
        app.start();
        api = new AppClient(app.base());
        api.createUser("dbfault", "dbfault@fault.test");
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (app != null) {
            app.stop();
        }
        if (sink != null) {
            sink.close();
        }
        if (imap != null) {
            imap.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (h2 != null) {
            h2.stop();
        }
    }

    @Test
    void requestsFailClearlyWhileTheDatabaseIsAwayNothingIsHalfWrittenAndAllCarriesOnAfter() throws Exception {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < PER_PHASE; i++) {
            created.add(201 == api.assignTask("Before " + i, "dbfault").statusCode() ? "Before " + i : null);
        }
        assertFalse(created.contains(null), "tasks were refused before the outage: " + created);
        deliverInbound("before");
        awaitDelivered(created.size());
        awaitAllSeen();
        ConsoleClient console = new ConsoleClient(app.base());
        HttpResponse<String> signedIn = console.signIn("admin", AppProcess.ADMIN_PASSWORD);
        assertEquals(3, signedIn.statusCode() / 100, "signing in to the console: " + describe("sign in", signedIn));

        proxy.cut();
        List<String> answers = new ArrayList<>();
        int acceptedDuringOutage = 0;
        for (int i = 0; i < DURING_OUTAGE; i++) {
            HttpResponse<String> answer = api.assignTask("During " + i, "dbfault");
            answers.add(describe("POST /api/tasks", answer));
            if (answer.statusCode() == 201) {
                created.add("During " + i);
                acceptedDuringOutage++;
            } else {
                assertProblem(answer, "POST /api/tasks");
            }
        }
        HttpResponse<String> summary = api.send("GET", "api/outbox/summary", null);
        answers.add(describe("GET /api/outbox/summary", summary));
        assertProblem(summary, "GET /api/outbox/summary");
        HttpResponse<String> page = console.get("admin/outbox.xhtml");
        answers.add(describe("GET /admin/outbox.xhtml (signed in)", page));
        assertNoStackTrace(page, "the Outbox page");
        assertTrue(page.statusCode() >= 500 && page.body().contains("could not be completed"),
                "the Outbox page did not say that it failed: " + describe("the Outbox page", page));
        List<String> whileAway = deliverInbound("during");
        Instant watchUntil = Instant.now().plus(OUTAGE_WATCH);
        while (Instant.now().isBefore(watchUntil)) {
            assertNoneSeen(whileAway);
            Waiting.pause(Duration.ofSeconds(1));
        }
        System.out.println("While the database was away:\n  " + String.join("\n  ", answers));

        proxy.restore();
        Waiting.until(Duration.ofMinutes(2), () -> api.send("GET", "api/outbox/summary", null).statusCode() == 200,
                () -> "the API did not recover: " + describe("summary", api.send("GET", "api/outbox/summary",
                        null)));
        for (int i = 0; i < PER_PHASE; i++) {
            HttpResponse<String> answer = api.assignTask("After " + i, "dbfault");
            assertEquals(201, answer.statusCode(), "after the outage: " + answer.body());
            created.add("After " + i);
        }
        deliverInbound("after");
        awaitDelivered(created.size());
        awaitAllSeen();

        int tasks = 0;
        List<String> halfWritten = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + H2_PORT + "/"
                + DB_NAME, AppProcess.DB_USER, AppProcess.DB_PASSWORD); Statement sql = db.createStatement()) {
            try (ResultSet rows = sql.executeQuery("select t.title, (select count(*) from notification_decision d"
                    + " join outbox_message m on m.id = d.outbox_id where d.record_id = t.id"
                    + " and d.type = 'TASK_ASSIGNED' and m.status = 'SENT') from task t")) {
                while (rows.next()) {
                    tasks++;
                    if (rows.getInt(2) != 1) {
                        halfWritten.add(rows.getString(1) + " (" + rows.getInt(2) + " notifications sent)");
                    }
                }
            }
            Set<String> stored = new HashSet<>();
            int storedRows = 0;
            try (ResultSet rows = sql.executeQuery("select message_key from inbound_message")) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                    storedRows++;
                }
            }
            System.out.printf("database outage: %d tasks accepted (%d during the outage), %d tasks stored,"
                            + " %d mails delivered (%d duplicates); %d inbound delivered, %d stored (%d rows)%n",
                    created.size(), acceptedDuringOutage, tasks, sink.counts().size(), sink.duplicates(),
                    deliveredInbound.size(), stored.size(), storedRows);
            assertTrue(halfWritten.isEmpty(), "tasks without exactly one notification sent: " + halfWritten);
            assertEquals(created.size(), tasks, "tasks stored against tasks the API accepted");
            assertEquals(Set.copyOf(deliveredInbound), stored, "inbound messages stored");
            assertEquals(deliveredInbound.size(), storedRows, "inbound rows");
        }
        assertEquals(created.size(), sink.counts().size(), "notifications delivered");
        assertEquals(0, sink.duplicates(), "notifications delivered twice");
    }

    private static String describe(String request, HttpResponse<String> answer) {
        String body = answer.body().replaceAll("\\s+", " ");
        return request + " -> " + answer.statusCode() + " " + answer.headers().firstValue("Content-Type").orElse("")
                + " " + body.substring(0, Math.min(body.length(), 240));
    }

    /** A 5xx problem document (the API's own error format) and nothing of the inside of the application. */
    private static void assertProblem(HttpResponse<String> answer, String request) {
        assertTrue(answer.statusCode() >= 500, request + " answered " + describe(request, answer));
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""),
                describe(request, answer));
        assertNoStackTrace(answer, request);
    }

    private static void assertNoStackTrace(HttpResponse<String> answer, String request) {
        String body = answer.body();
        assertFalse(body.contains("\tat ") || body.contains("at org.") || body.contains("at jakarta.")
                        || body.contains("Exception") || body.contains("SQLState"),
                request + " showed the inside of the application: " + describe(request, answer));
    }

    private static List<String> deliverInbound(String phase) throws MessagingException {
        List<String> ids = new ArrayList<>();
        String[] raw = new String[PER_PHASE];
        for (int i = 0; i < PER_PHASE; i++) {
            String id = "<db-" + phase + "-" + i + "@fault.test>";
            ids.add(id);
            raw[i] = InboundMail.plain(id, "someone@elsewhere.test", LOGIN + "@fault.test", phase, phase + " " + i);
        }
        new TestMailbox("127.0.0.1", IMAP_PORT, LOGIN, IMAP_PASSWORD).deliver(raw);
        deliveredInbound.addAll(ids);
        return ids;
    }

    private static Set<String> seen() {
        try {
            return new TestMailbox("127.0.0.1", IMAP_PORT, LOGIN, IMAP_PASSWORD).contents().stream()
                    .filter(TestMailbox.Held::seen).map(TestMailbox.Held::messageId).collect(Collectors.toSet());
        } catch (MessagingException e) {
            throw new AssertionError("the test could not read the mailbox", e);
        }
    }

    private static void assertNoneSeen(List<String> ids) {
        Set<String> seen = new HashSet<>(ids);
        seen.retainAll(seen());
        assertTrue(seen.isEmpty(), seen.size() + " messages were marked seen while the database was away: " + seen);
    }

    private static void awaitAllSeen() {
        Waiting.until(Duration.ofMinutes(2), () -> seen().containsAll(deliveredInbound), () -> {
            Set<String> unread = new HashSet<>(deliveredInbound);
            unread.removeAll(seen());
            return unread.size() + " inbound messages still unread: " + unread + "; inbox check "
                    + api.readiness("inbox");
        });
    }

    private static void awaitDelivered(int count) {
        Waiting.until(Duration.ofMinutes(2), () -> sink.counts().size() >= count,
                () -> sink.counts().size() + " of " + count + " notifications delivered; outbox "
                        + api.outboxCounts());
    }
}
