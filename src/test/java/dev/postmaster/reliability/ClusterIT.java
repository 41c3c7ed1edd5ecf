package dev.postmaster.reliability;

import static dev.postmaster.console.pages.EmailSettingsPage.Section.OUTGOING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.postmaster.console.pages.Browser;
import dev.postmaster.console.pages.EmailSettingsPage;
import dev.postmaster.console.pages.LoginPage;
import dev.postmaster.fixtures.InboundMail;
import dev.postmaster.fixtures.TestMailbox;
import dev.postmaster.security.boundary.SignInThrottle;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two Payara Micro nodes of the packaged application as one cluster on one PostgreSQL database, started as
 * {@code scripts/cluster.sh} starts them (Hazelcast on loopback, each node with its name, one shared secret key):
 * settings applied on one node are run by the other within seconds; a session belongs to the node that made it
 * (the README says a proxy must be sticky); the sign-in throttle counts for both; and with a thousand unread
 * messages and ten thousand notifications going through both nodes at once, and the polling node killed with
 * {@code kill -9} halfway, every message is stored exactly once and every notification reaches the SMTP server,
 * twice at most for the mail the killed node had claimed.
 *
 * <p>The leases are shortened so that the test need not wait for the defaults: the poller's to 9 s (default 60),
 * the outbox claims' to 15 s (default 300). The database is {@code postmaster_cluster} on the PostgreSQL that
 * {@code scripts/postgres.sh} provides and makes afresh (the profile {@code postgresql}, which {@code cluster} needs
 * beside it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int[] HTTP = {14100, 14101};
    private static final int[] HAZELCAST = {14150, 14151};
    private static final int SMTP = 14102;
    private static final int SMTP_AFTER_APPLY = 14103;
    private static final int IMAP = 14104;
    private static final int IMAP_PROXY = 14105;
    private static final String LOGIN = "cluster";
    private static final String PASSWORD = "Cluster-Pa55word";
    private static final int USERS = 500;
    private static final int PROJECTS = 20;
    private static final int INBOUND = 1000;
    /** About 3 KB a message at 75 KB/s: a poll of the thousand takes some 40 s, so the kill lands inside it. */
    private static final int SLOW_BYTES_PER_SECOND = 75_000;
    private static final int POLLER_LEASE_SECONDS = 9;
    private static final int OUTBOX_LEASE_SECONDS = 15;
    /** What a killed node may have sent without recording it: its claimed batches (2 connections × 50). */
    private static final int MAX_RESENT = 2 * 50;

    private static final String DATABASE = System.getProperty("cluster.db.name", "postmaster_cluster");
    private static final String SERVER = System.getProperty("cluster.db.server",
            "jdbc:postgresql://127.0.0.1:5432/");
    private static final String DB_USER = System.getProperty("cluster.db.user", "postmaster_it");
    private static final String DB_PASSWORD = System.getProperty("cluster.db.password", "Postgres-Pa55");

    private static final HttpClient HTTP_CLIENT = HttpClient.newHttpClient();
    private static SmtpSink sink;
    private static SmtpSink sinkAfterApply;
    private static GreenMail imap;
    private static FaultProxy proxy;
    private static final List<AppProcess> nodes = new ArrayList<>();
    private static final List<AppClient> apis = new ArrayList<>();

    @RegisterExtension
    final Browser browser = new Browser(() -> url(0));

    @BeforeAll
    static void boot() throws Exception {
        try (Connection db = database(); Statement sql = db.createStatement();
                ResultSet tables = sql.executeQuery("select count(*) from information_schema.tables"
                        + " where table_schema = 'public'")) {
            tables.next();
            assertEquals(0, tables.getInt(1), "the database " + DATABASE + " is not empty (scripts/postgres.sh"
                    + " makes it afresh)");
        }
        sink = SmtpSink.start(SMTP);
        sinkAfterApply = SmtpSink.start(SMTP_AFTER_APPLY);
        imap = new GreenMail(new ServerSetup(IMAP, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        imap.start();
        GreenMailUser account = imap.setUser(LOGIN + "@cluster.test", LOGIN, PASSWORD);
        assertEquals(LOGIN, account.getLogin());
        proxy = FaultProxy.start("IMAP", IMAP_PROXY, IMAP);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String sharedKey = Base64.getEncoder().encodeToString(key);
        String members = "tcpip:127.0.0.1:" + HAZELCAST[0] + ",127.0.0.1:" + HAZELCAST[1];
        for (int i = 0; i < 2; i++) {
            String node = "node" + (i + 1);
            Map<String, String> env = new HashMap<>(Map.ofEntries(
                    Map.entry("POSTMASTER_NODE_NAME", node),
                    Map.entry("POSTMASTER_DB_DATASOURCE", "org.postgresql.ds.PGSimpleDataSource"),
                    Map.entry("POSTMASTER_DB_URL", SERVER + DATABASE),
                    Map.entry("POSTMASTER_DB_USER", DB_USER),
                    Map.entry("POSTMASTER_DB_PASSWORD", DB_PASSWORD),
                    Map.entry("POSTMASTER_SECRET_KEY", sharedKey),
                    Map.entry("POSTMASTER_SMTP_HOST", "127.0.0.1"),
                    Map.entry("POSTMASTER_SMTP_PORT", String.valueOf(SMTP)),
                    Map.entry("POSTMASTER_REPLY_TO", "postmaster@cluster.test"),
                    Map.entry("POSTMASTER_IMAP_HOST", "127.0.0.1"),
                    Map.entry("POSTMASTER_IMAP_PORT", String.valueOf(IMAP_PROXY)),
                    Map.entry("POSTMASTER_IMAP_USERNAME", LOGIN),
                    Map.entry("POSTMASTER_IMAP_PASSWORD", PASSWORD),
                    Map.entry("POSTMASTER_IMAP_ADDRESS", LOGIN + "@cluster.test"),
                    Map.entry("POSTMASTER_POLL_INTERVAL_SECONDS", "10"),
                    Map.entry("POSTMASTER_POLLER_LEASE_SECONDS", String.valueOf(POLLER_LEASE_SECONDS)),
                    Map.entry("POSTMASTER_OUTBOX_LEASE_SECONDS", String.valueOf(OUTBOX_LEASE_SECONDS))));
            AppProcess app = new AppProcess("ClusterIT-" + node, HTTP[i], env, List.of(), List.of("--name", node,
                    "--clustername", "postmaster-it", "--clustermode", members, "--interfaces", "127.0.0.1",
                    "--startport", String.valueOf(HAZELCAST[i]), "--nohostaware"));
            // one after the other: the first makes the schema, the admin and the active settings
            app.start();
            nodes.add(app);
            apis.add(new AppClient(app.base()));
        }
    }

    @AfterAll
    static void shutDown() throws Exception {
        for (AppProcess node : nodes) {
            node.stop();
        }
        for (AutoCloseable closing : new AutoCloseable[] {proxy, sink, sinkAfterApply}) {
            if (closing != null) {
                closing.close();
            }
        }
        if (imap != null) {
            imap.stop();
        }
    }

    /**
     * An administrator changes the SMTP port on node 1's Email page and clicks Apply now. Node 2 sends through
     * the new port within the time the README gives (a node looks every 5 s). The same browser, sent to node 2
     * with node 1's session cookie, is asked to sign in there: sessions are not shared, a proxy must send a
     * session to the node that made it. Signed in on node 2, its Email page shows the settings node 2 runs.
     */
    @Test
    @Order(1)
    void applyNowOnOneNodeReachesTheOtherAndASessionBelongsToItsNode() throws Exception {
        EmailSettingsPage email = LoginPage.openInsteadOf(browser, EmailSettingsPage.PATH)
                .signInAndContinueToEmailSettings("admin", AppProcess.ADMIN_PASSWORD);
        email.fill(OUTGOING, "Port", String.valueOf(SMTP_AFTER_APPLY)).update("new-port-saved").applyNow();
        Instant applied = Instant.now();
        assertTrue(email.running("Outgoing mail server").endsWith(":" + SMTP_AFTER_APPLY),
                email.running("Outgoing mail server"));

        apis.get(1).createUser("after-apply", "after-apply@cluster.test");
        Waiting.until(Duration.ofSeconds(30), () -> {
            HttpResponse<String> task = apis.get(1).assignTask("After Apply now", "after-apply");
            assertEquals(201, task.statusCode(), task.body());
            Waiting.pause(Duration.ofSeconds(1));
            return sinkAfterApply.acceptedCount() > 0;
        }, () -> "node 2 sent nothing through the new port; old port got " + sink.acceptedCount());
        System.out.printf("Apply now on node 1: node 2 sent through the new port %.1f s later%n",
                Duration.between(applied, Instant.now()).toMillis() / 1000.0);

        LoginPage onNode2 = LoginPage.followInsteadOf(browser, url(1) + EmailSettingsPage.PATH);
        assertTrue(browser.currentPath().endsWith("/login.xhtml"), "node 2 took node 1's session: "
                + browser.driver().getCurrentUrl());
        EmailSettingsPage node2 = onNode2.signInAndContinueToEmailSettings("admin", AppProcess.ADMIN_PASSWORD);
        assertTrue(node2.running("Outgoing mail server").endsWith(":" + SMTP_AFTER_APPLY),
                "node 2's Email page shows what node 2 runs: " + node2.running("Outgoing mail server"));
    }

    /**
     * The sign-in throttle counts in the database: a password guessed wrong six times on node 1 from this address
     * makes node 2 refuse the right one from the same address, for a while, and then take it again.
     */
    @Test
    @Order(2)
    void guessesOnOneNodeAreCountedOnTheOther() {
        apis.get(0).createUser("guessed", "guessed@cluster.test");
        for (int i = 0; i < SignInThrottle.PAIR_FREE_FAILURES + 3; i++) {
            assertEquals(401, statusAs(0, "guessed", "Wrong-Pa55-" + i), "a wrong password");
        }
        assertEquals(401, statusAs(1, "guessed", AppClient.USER_PASSWORD),
                "node 2 let in what node 1 had seen guessed at");
        Waiting.until(SignInThrottle.MAX_WAIT, () -> statusAs(1, "guessed", AppClient.USER_PASSWORD) == 200,
                () -> "node 2 never took the right password again");
    }

    /**
     * A thousand unread messages arrive and ten thousand notifications are queued, half through each node's API;
     * the node that polls is killed with {@code kill -9} while it is halfway through the mailbox and both nodes
     * are sending. The other node takes the poller's lease over and the dead node's claimed mail once its claims
     * run out. Every message is stored exactly once, and every notification is accepted by the SMTP server; a
     * Message-ID accepted twice must be one the killed node had claimed.
     */
    @Test
    @Order(3)
    void everyMessageIsTakenInOnceAndEveryNotificationSentWhenThePollingNodeIsKilled() throws Exception {
        createUsers();
        int pollingIndex = pollingNode();
        AppProcess polling = nodes.get(pollingIndex);
        AppClient survivor = apis.get(1 - pollingIndex);
        long sentBefore = count("select count(*) from outbox_message");

        // Both at once: the mailbox is read slowly (the proxy) while the projects fan out and both nodes send to a
        // server that takes 15 ms a mail, so that the kill lands in the middle of both.
        sinkAfterApply.delayEachMessage(15);
        proxy.throttle(SLOW_BYTES_PER_SECOND);
        List<String> delivered = deliver(INBOUND);
        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        ExecutorService projects = Executors.newFixedThreadPool(PROJECTS);
        for (int p = 0; p < PROJECTS; p++) {
            AppClient api = apis.get(p % 2);
            String body = "{\"name\":\"Cluster project " + p + "\",\"members\":[" + IntStream.range(0, USERS)
                    .mapToObj(u -> "\"" + user(u) + "\"").collect(Collectors.joining(",")) + "]}";
            projects.execute(() -> {
                HttpResponse<String> created = api.send("POST", "api/projects", body);
                if (created.statusCode() != 201) {
                    refused.add(created.statusCode() + " " + created.body());
                }
            });
        }
        projects.shutdown();
        assertTrue(projects.awaitTermination(3, TimeUnit.MINUTES), "the projects were not created");
        assertEquals(List.of(), List.copyOf(refused));
        long stored = count("select count(*) from inbound_message");
        Waiting.until(Duration.ofMinutes(2), () -> count("select count(*) from inbound_message") >= INBOUND / 2,
                () -> "the poll did not get going");

        polling.kill9();
        Instant killedAt = Instant.now();
        sinkAfterApply.delayEachMessage(0); // slow only so that the kill found the drain going
        Set<String> claimedByKilled = strings("select message_id from outbox_message where status = 'SENDING'"
                + " and claimed_by like '" + polling.name().substring("ClusterIT-".length()) + "@%'");
        long storedAtKill = count("select count(*) from inbound_message");
        long sentAtKill = count("select count(*) from outbox_message where status = 'SENT'");
        System.out.printf("kill -9 of the polling node: %d of %d messages stored (%d when the notifications"
                + " were queued), %d of %d notifications sent, %d claimed by the killed node%n", storedAtKill,
                INBOUND, stored, sentAtKill - sentBefore, USERS * PROJECTS, claimedByKilled.size());
        assertTrue(storedAtKill < INBOUND, "the poll was over before the kill: the test killed nothing");
        assertTrue(sentAtKill - sentBefore < USERS * PROJECTS, "all was sent before the kill");
        assertTrue(claimedByKilled.size() <= MAX_RESENT, claimedByKilled.size() + " claimed by one node");

        int survivorIndex = 1 - pollingIndex;
        Waiting.until(Duration.ofSeconds(POLLER_LEASE_SECONDS + 30), () -> polls(survivorIndex),
                () -> "the other node did not take the poller over: " + survivor.readiness("node"));
        Duration takeover = Duration.between(killedAt, Instant.now());
        proxy.throttle(0);
        Waiting.until(Duration.ofMinutes(2), () -> seen().containsAll(delivered),
                () -> "the other node did not finish the mailbox: " + seen().size() + " seen, "
                        + survivor.readiness("node"));
        long total = count("select count(*) from outbox_message");
        Waiting.until(Duration.ofMinutes(3), () -> count("select count(*) from outbox_message where status"
                + " = 'SENT'") == total, () -> "not all sent: " + strings("select status || ' ' || count(*) from"
                        + " outbox_message group by status"));

        Map<String, Integer> keys = counted("select message_key from inbound_message");
        Set<String> missing = new HashSet<>(delivered);
        missing.removeAll(keys.keySet());
        long twice = keys.values().stream().filter(n -> n > 1).count();
        Map<String, Integer> accepted = new HashMap<>(sink.counts());
        sinkAfterApply.counts().forEach((id, n) -> accepted.merge(id, n, Integer::sum));
        Set<String> outbox = strings("select message_id from outbox_message");
        Set<String> notDelivered = new HashSet<>(outbox);
        notDelivered.removeAll(accepted.keySet());
        Set<String> duplicated = accepted.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        Set<String> duplicatedUnclaimed = new HashSet<>(duplicated);
        duplicatedUnclaimed.removeAll(claimedByKilled);
        System.out.printf("cluster counts: incoming %d delivered, %d stored (%d distinct), %d twice, %d missing;"
                        + " poller taken over %.1f s after the kill (lease %d s); outbox %d mails (%d in this test),"
                        + " %d distinct Message-IDs accepted, %d accepted twice (bound %d, all claimed by the killed"
                        + " node: %s), %d never accepted%n", delivered.size(), keys.values().stream()
                        .mapToInt(Integer::intValue).sum(), keys.size(), twice, missing.size(),
                takeover.toMillis() / 1000.0, POLLER_LEASE_SECONDS, total, total - sentBefore, accepted.size(),
                duplicated.size(), MAX_RESENT, duplicatedUnclaimed.isEmpty(), notDelivered.size());
        assertTrue(missing.isEmpty(), missing.size() + " messages never taken in, e.g. "
                + missing.stream().limit(3).toList());
        assertEquals(0, twice, "messages taken in twice");
        assertEquals(USERS * PROJECTS, total - sentBefore, "notifications queued");
        assertTrue(notDelivered.isEmpty(), notDelivered.size() + " notifications never reached the server, e.g. "
                + notDelivered.stream().limit(3).toList());
        assertTrue(duplicated.size() <= MAX_RESENT, duplicated.size() + " sent twice");
        assertTrue(duplicatedUnclaimed.isEmpty(), "mail the killed node had not claimed was sent twice: "
                + duplicatedUnclaimed);
        // the promise of InboxLease: another node polls within one lease period (the test looks every 0.5 s)
        assertTrue(takeover.compareTo(Duration.ofSeconds(POLLER_LEASE_SECONDS + 1)) <= 0,
                "the poller was taken over " + takeover + " after the kill; the lease is " + POLLER_LEASE_SECONDS
                        + " s");
    }

    /** {@value #USERS} users with verified addresses, half created through each node, eight requests at once. */
    private static void createUsers() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
        for (int u = 0; u < USERS; u++) {
            int n = u;
            pool.execute(() -> {
                try {
                    apis.get(n % 2).createUser(user(n), user(n) + "@cluster.test");
                } catch (AssertionError | RuntimeException e) {
                    failed.add(e.getMessage());
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES), "the users were not created");
        assertEquals(List.of(), List.copyOf(failed));
    }

    /** What {@code GET /api/tasks} on {@code node} answers to {@code username} with {@code password}. */
    private static int statusAs(int node, String username, String password) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP[node] + "/api/tasks"))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                        .getBytes(StandardCharsets.UTF_8))).build();
        try {
            return HTTP_CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Which node holds the poller's lease, as the nodes themselves say in {@code /health/ready}. */
    private static int pollingNode() {
        Waiting.until(Duration.ofSeconds(30), () -> IntStream.range(0, 2).filter(ClusterIT::polls).count() == 1,
                () -> "not exactly one node polls: " + apis.get(0).readiness("node") + " / "
                        + apis.get(1).readiness("node"));
        int polling = polls(0) ? 0 : 1;
        JsonObject other = apis.get(1 - polling).readiness("node").orElseThrow().getJsonObject("data");
        assertEquals("node" + (polling + 1), other.getString("pollingNode"), "the other node names the poller");
        return polling;
    }

    private static boolean polls(int node) {
        // Payara writes a check's data values as JSON strings
        return apis.get(node).readiness("node").map(check -> check.getJsonObject("data").get("polling"))
                .map(value -> value == JsonValue.TRUE || "\"true\"".equals(value.toString())).orElse(false);
    }

    private static String user(int n) {
        return String.format("member-%04d", n);
    }

    private static List<String> deliver(int count) throws MessagingException {
        List<String> ids = new ArrayList<>();
        String[] raw = new String[count];
        String filler = "All work and no play makes Jack a dull boy. ".repeat(60);
        for (int i = 0; i < count; i++) {
            String id = "<cluster-" + i + "@elsewhere.test>";
            ids.add(id);
            raw[i] = InboundMail.plain(id, "someone@elsewhere.test", LOGIN + "@cluster.test", "Cluster " + i,
                    i + "\n" + filler);
        }
        new TestMailbox("127.0.0.1", IMAP, LOGIN, PASSWORD).deliver(raw);
        return ids;
    }

    private static Set<String> seen() {
        try {
            return new TestMailbox("127.0.0.1", IMAP, LOGIN, PASSWORD).contents().stream()
                    .filter(TestMailbox.Held::seen).map(TestMailbox.Held::messageId).collect(Collectors.toSet());
        } catch (MessagingException e) {
            throw new AssertionError("the test could not read the mailbox", e);
        }
    }

    private static URL url(int node) {
        try {
            return URI.create("http://127.0.0.1:" + HTTP[node] + "/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(SERVER + DATABASE, DB_USER, DB_PASSWORD);
    }

    private static long count(String query) {
        return Long.parseLong(string(query));
    }

    private static String string(String query) {
        try (Connection db = database(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new AssertionError(query + " failed", e);
        }
    }

    private static Set<String> strings(String query) {
        return counted(query).keySet();
    }

    private static Map<String, Integer> counted(String query) {
        Map<String, Integer> values = new HashMap<>();
        try (Connection db = database(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.merge(rows.getString(1), 1, Integer::sum);
            }
        } catch (SQLException e) {
            throw new AssertionError(query + " failed", e);
        }
        return values;
    }
}
