package dev.postmaster.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.postmaster.fixtures.InboundMail;
import dev.postmaster.fixtures.TestMailbox;
import jakarta.json.JsonObject;
import jakarta.mail.MessagingException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The inbox poller under faults, against the packaged application started with {@code java -jar} (one boot, and
 * one more after the kill), reading a GreenMail mailbox through a {@link FaultProxy}: the IMAP server goes away,
 * then refuses the password, then comes back; and the application is killed with {@code kill -9} in the middle
 * of a slow poll. The test reads the mailbox's flags over IMAP and, while the application is down, what its
 * embedded database stored: no message may be marked {@code \Seen} without being stored, none may be lost, and
 * none may be taken in twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboxFaultIT {

    private static final int HTTP_PORT = 14010;
    private static final int IMAP_PORT = 14011;
    private static final int PROXY_PORT = 14012;
    private static final String LOGIN = "inbox";
    private static final String PASSWORD = "Inbox-Pa55word";
    private static final String CHANGED_PASSWORD = "Changed-Inbox-Pa55word";
    private static final int PER_PHASE = 20;
    private static final int DURING_KILL = 600;
    /** About 3 KB a message, and the proxy passes 150 KB/s: a poll of {@value #DURING_KILL} takes some seconds. */
    private static final int SLOW_BYTES_PER_SECOND = 150_000;

    private static GreenMail imap;
    private static GreenMailUser account;
    private static FaultProxy proxy;
    private static AppProcess app;
    private static AppClient api;
    private static final List<String> delivered = new ArrayList<>();
    private static String serverPassword = PASSWORD;

    @BeforeAll
    static void boot() throws Exception {
        imap = new GreenMail(new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        imap.start();
        account = imap.setUser(LOGIN + "@fault.test", LOGIN, PASSWORD);
        proxy = FaultProxy.start("IMAP", PROXY_PORT, IMAP_PORT);
        app = new AppProcess("InboxFaultIT", HTTP_PORT, Map.of(
                "POSTMASTER_IMAP_HOST", "127.0.0.1",
                "POSTMASTER_IMAP_PORT", String.valueOf(PROXY_PORT),
                "POSTMASTER_IMAP_USERNAME", LOGIN,
                "POSTMASTER_IMAP_PASSWORD", PASSWORD,
                "POSTMASTER_IMAP_ADDRESS", LOGIN + "@fault.test",
                "POSTMASTER_POLL_INTERVAL_SECONDS", "10"));
        app.start();
        api = new AppClient(app.base());
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (app != null) {
            app.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (imap != null) {
            imap.stop();
        }
    }

    /**
     * Up, down (the port refuses connections), wrong password (the server's password was changed), up again.
     * {@code /health/ready} names each state, mail that arrives meanwhile stays unread on the server, and once
     * the server is back every message is taken in and marked seen.
     */
    @Test
    @Order(1)
    void theStatusShowsEachStateOfTheImapServerAndEveryMailIsTakenInOnceItIsBack() throws Exception {
        deliver("up", PER_PHASE);
        awaitAllSeen(Duration.ofMinutes(2));
        JsonObject up = awaitInbox("UP", "", "the first polls");

        proxy.cut();
        List<String> whileDown = deliver("down", PER_PHASE);
        JsonObject down = awaitInbox("DOWN", "Connect", "the server is down");
        assertNoneSeen(whileDown, "while the server was down");

        proxy.restore();
        account.setPassword(CHANGED_PASSWORD);
        serverPassword = CHANGED_PASSWORD;
        List<String> whileLocked = deliver("locked", PER_PHASE);
        JsonObject locked = awaitInbox("DOWN", "Sign in", "the password is wrong");
        assertNoneSeen(whileDown, "while the password was wrong");
        assertNoneSeen(whileLocked, "while the password was wrong");

        account.setPassword(PASSWORD);
        serverPassword = PASSWORD;
        awaitAllSeen(Duration.ofMinutes(2));
        JsonObject back = awaitInbox("UP", "", "the server is back");
        System.out.println("IMAP states as /health/ready showed them:\n  up: " + up + "\n  down: " + down
                + "\n  wrong password: " + locked + "\n  back: " + back);
        System.out.println("IMAP outage: " + delivered.size() + " delivered, all seen after the server came back");
    }

    /**
     * {@value #DURING_KILL} messages arrive and the proxy is slowed, so that a poll takes a while; once two
     * windows of them are marked seen, the application is killed with {@code kill -9}. With the application
     * down, every message marked seen must be in its database. After a restart on the same data directory every
     * message of the whole class is stored exactly once and marked seen.
     */
    @Test
    @Order(2)
    void afterKillNineDuringAPollNoMessageIsLostOrTakenInTwice() throws Exception {
        proxy.throttle(SLOW_BYTES_PER_SECOND);
        List<String> duringKill = deliver("kill", DURING_KILL);
        Set<String> killBatch = new HashSet<>(duringKill);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        long seen;
        while ((seen = seen().stream().filter(killBatch::contains).count()) < 200) {
            assertTrue(Instant.now().isBefore(deadline), "the poll did not get going: " + seen + " seen");
        }
        app.kill9();
        Set<String> seenAtKill = seen();
        long seenOfBatch = seenAtKill.stream().filter(killBatch::contains).count();
        Map<String, Integer> stored = storedKeys();
        Set<String> seenNotStored = new HashSet<>(seenAtKill);
        seenNotStored.removeAll(stored.keySet());
        Set<String> storedNotSeen = new HashSet<>(stored.keySet());
        storedNotSeen.removeAll(seenAtKill);
        System.out.printf("killed during the poll: %d of %d seen, %d stored in all, %d stored but not yet seen"
                + " (taken in by the poll the kill interrupted)%n", seenOfBatch, DURING_KILL, stored.size(),
                storedNotSeen.size());
        assertTrue(seenNotStored.isEmpty(), seenNotStored.size() + " messages are marked seen on the server but"
                + " are not in the database after kill -9: lost, e.g. " + seenNotStored.stream().limit(3).toList());
        assertTrue(seenOfBatch < DURING_KILL, "the poll was over before the kill: the test killed nothing");

        proxy.throttle(0);
        app.start();
        awaitAllSeen(Duration.ofMinutes(3));
        app.stop();
        Map<String, Integer> after = storedKeys();
        Set<String> missing = new HashSet<>(delivered);
        missing.removeAll(after.keySet());
        long twice = after.values().stream().filter(n -> n > 1).count();
        System.out.printf("after the restart: %d delivered, %d stored (%d distinct), %d stored twice,"
                + " %d missing%n", delivered.size(), after.values().stream().mapToInt(Integer::intValue).sum(),
                after.size(), twice, missing.size());
        assertTrue(missing.isEmpty(), missing.size() + " messages were never taken in, e.g. "
                + missing.stream().limit(3).toList());
        assertEquals(0, twice, "messages taken in twice");
        assertEquals(delivered.size(), after.size(), "messages stored");
    }

    /** Puts {@code count} unread messages into the mailbox, directly (not through the proxy). */
    private static List<String> deliver(String phase, int count) throws MessagingException {
        List<String> ids = new ArrayList<>();
        String[] raw = new String[count];
        String filler = "All work and no play makes Jack a dull boy. ".repeat(60);
        for (int i = 0; i < count; i++) {
            String id = "<" + phase + "-" + i + "@fault.test>";
            ids.add(id);
            raw[i] = InboundMail.plain(id, "someone@elsewhere.test", LOGIN + "@fault.test", phase + " " + i,
                    phase + " " + i + "\n" + filler);
        }
        mailbox().deliver(raw);
        delivered.addAll(ids);
        return ids;
    }

    private static TestMailbox mailbox() {
        return new TestMailbox("127.0.0.1", IMAP_PORT, LOGIN, serverPassword);
    }

    /** The Message-IDs marked seen on the server. */
    private static Set<String> seen() {
        try {
            return mailbox().contents().stream().filter(TestMailbox.Held::seen).map(TestMailbox.Held::messageId)
                    .collect(Collectors.toSet());
        } catch (MessagingException e) {
            throw new AssertionError("the test could not read the mailbox", e);
        }
    }

    private static void awaitAllSeen(Duration deadline) {
        Waiting.until(deadline, () -> seen().containsAll(delivered), () -> {
            Set<String> unread = new HashSet<>(delivered);
            unread.removeAll(seen());
            return unread.size() + " of " + delivered.size() + " messages still unread, e.g. "
                    + unread.stream().limit(3).toList() + "; inbox check " + api.readiness("inbox");
        });
    }

    private static void assertNoneSeen(List<String> ids, String when) {
        Set<String> seen = new HashSet<>(ids);
        seen.retainAll(seen());
        assertTrue(seen.isEmpty(), seen.size() + " messages were marked seen " + when + ": " + seen);
    }

    /** Waits until the inbox check is {@code status} and its reason names {@code step}; returns the check. */
    private static JsonObject awaitInbox(String status, String step, String state) {
        Waiting.until(Duration.ofMinutes(2), () -> {
            Optional<JsonObject> check = api.readiness("inbox");
            return check.isPresent() && status.equals(check.get().getString("status"))
                    && check.get().toString().contains(step);
        }, () -> "/health/ready did not show that " + state + " (" + status + ", " + step + "): "
                + api.readiness("inbox"));
        return api.readiness("inbox").orElseThrow();
    }

    /** How often each message key (its Message-ID) is stored; read from the database while the app is down. */
    private static Map<String, Integer> storedKeys() throws Exception {
        assertTrue(!app.isAlive(), "the database is read while the application is down");
        Map<String, Integer> keys = new HashMap<>();
        try (Connection db = DriverManager.getConnection(app.embeddedDatabaseUrl(), AppProcess.DB_USER,
                AppProcess.DB_PASSWORD); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select message_key from inbound_message")) {
            while (rows.next()) {
                keys.merge(rows.getString(1), 1, Integer::sum);
            }
        }
        return keys;
    }
}
