package dev.postmaster.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The outbox under faults, against the packaged application started with {@code java -jar} (one boot, and one
 * more after the kill): the SMTP server goes away in the middle of a burst of a thousand notifications, and the
 * application is killed with {@code kill -9} while it drains. The test counts every Message-ID the SMTP sink
 * accepted against every mail the application queued: nothing may be lost, nothing sent twice while the
 * application runs, and after a crash at most the batches it had claimed may go out again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutboxFaultIT {

    private static final int HTTP_PORT = 14000;
    private static final int SMTP_PORT = 14001;
    private static final int USERS = 20;
    private static final int BURST = 1000;
    private static final int DRAIN = 300;
    private static final int IN_FLIGHT_REQUESTS = 8;

    /**
     * After a crash, what may go out a second time: the batches that were claimed and in flight. The drainer
     * claims batches of 50 mails per SMTP connection and (issue 10, "Parallel connections", default 2) sends
     * over that many connections at once, so 2 × 50.
     */
    private static final int MAX_RESENT_AFTER_CRASH = 2 * 50;

    private static SmtpSink sink;
    private static AppProcess app;
    private static AppClient api;

    @BeforeAll
    static void boot() throws Exception {
        sink = SmtpSink.start(SMTP_PORT);
        app = new AppProcess("OutboxFaultIT", HTTP_PORT, Map.of(
                "POSTMASTER_SMTP_HOST", "127.0.0.1",
                "POSTMASTER_SMTP_PORT", String.valueOf(SMTP_PORT),
                "POSTMASTER_REPLY_TO", "postmaster@fault.test"));
        app.start();
        api = new AppClient(app.base());
        for (int i = 0; i < USERS; i++) {
            api.createUser(user(i), user(i) + "@fault.test");
        }
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (app != null) {
            app.stop();
        }
        if (sink != null) {
            sink.close();
        }
    }

    /**
     * The SMTP server stops after a quarter of a burst of {@value #BURST} notifications and comes back after
     * three quarters. The mail that met the closed port is deferred and tried again by the drainer's own
     * back-off (30 s for a first failure, {@code RetryPolicy}): the test waits for that real retry, nothing
     * kicks it. All {@value #BURST} are delivered, each Message-ID exactly once.
     */
    @Test
    @Order(1)
    void allOfABurstIsDeliveredOnceWhenTheSmtpServerWasDownInTheMiddle() throws Exception {
        AtomicInteger queued = new AtomicInteger();
        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        ExecutorService burst = queue(BURST, "Burst", queued, refused);

        Waiting.until(Duration.ofMinutes(3), () -> queued.get() >= BURST / 4,
                () -> "the burst was slow to start: " + queued.get() + " queued, refused " + refused);
        sink.stop();
        int acceptedBeforeOutage = sink.acceptedCount();
        System.out.println("SMTP down after " + queued.get() + " queued, " + acceptedBeforeOutage + " delivered");
        Waiting.until(Duration.ofMinutes(3), () -> queued.get() >= BURST * 3 / 4
                && api.outboxCounts().getOrDefault("DEFERRED", 0L) > 0, () -> "the outage was not seen: "
                + queued.get() + " queued, outbox " + api.outboxCounts());
        long deferred = api.outboxCounts().get("DEFERRED");
        sink.resume();
        System.out.println("SMTP back after " + queued.get() + " queued; " + deferred + " deferred meanwhile");

        burst.shutdown();
        assertTrue(burst.awaitTermination(5, TimeUnit.MINUTES), "the burst did not finish");
        assertTrue(refused.isEmpty(), "requests of the burst were refused: " + refused);
        assertEquals(BURST, queued.get());

        Waiting.until(Duration.ofMinutes(4), () -> api.outboxCounts().getOrDefault("SENT", 0L) == BURST,
                () -> "not all delivered: outbox " + api.outboxCounts() + ", sink accepted " + sink.acceptedCount()
                        + " (" + sink.counts().size() + " distinct)");
        List<String> sent = api.messageIds("SENT");
        Map<String, Integer> delivered = sink.counts();
        Set<String> missing = new HashSet<>(sent);
        missing.removeAll(delivered.keySet());
        long retried = api.outbox("SENT").stream().filter(m -> m.getInt("attempts") > 1).count();
        System.out.printf("SMTP outage: queued %d, deferred during the outage %d, delivered after a retry %d,"
                        + " sink accepted %d (%d distinct), duplicates %d%n", BURST, deferred, retried,
                sink.acceptedCount(), delivered.size(), sink.duplicates());
        assertEquals(BURST, sent.size(), "outbox rows marked sent");
        assertTrue(missing.isEmpty(), missing.size() + " mails the application marked sent never reached the"
                + " server, e.g. " + missing.stream().limit(3).toList());
        assertEquals(BURST, delivered.size(), "distinct Message-IDs the server accepted");
        assertEquals(0, sink.duplicates(), "Message-IDs delivered twice: " + twice(delivered));
        assertTrue(deferred > 0 && retried > 0, "the outage deferred nothing: the test did not test the retry");
    }

    /**
     * Sending is held while {@value #DRAIN} notifications are queued, then released to a slow SMTP server; once
     * a third is delivered the application is killed with {@code kill -9}. The embedded database is opened
     * while it is down: every mail is there, and the ones it had claimed (status SENDING) are the only ones that
     * can have been sent without being recorded. After a restart on the same data directory all are delivered,
     * and the duplicates are at most {@link #MAX_RESENT_AFTER_CRASH}, all of them mails that were claimed.
     *
     * <p>A claim of a dead process is taken back when its lease (5 minutes) ends, or at once when the same node
     * starts again ({@code OutboxStore.releaseEarlierClaims}), which is what happens here: nothing waits for the
     * lease.
     */
    @Test
    @Order(2)
    void afterKillNineDuringTheDrainEveryMailIsDeliveredAndOnlyClaimedOnesTwice() throws Exception {
        Map<String, Long> before = api.outboxCounts();
        long total = before.values().stream().mapToLong(Long::longValue).sum() + DRAIN;
        sink.delayEachMessage(30);
        assertEquals(200, api.send("POST", "api/outbox/hold", "").statusCode());
        AtomicInteger queued = new AtomicInteger();
        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        ExecutorService work = queue(DRAIN, "Drain", queued, refused);
        work.shutdown();
        assertTrue(work.awaitTermination(5, TimeUnit.MINUTES), "queuing did not finish");
        assertTrue(refused.isEmpty(), "requests were refused: " + refused);
        int acceptedBefore = sink.acceptedCount();
        assertEquals(200, api.send("POST", "api/outbox/release", "").statusCode());

        Waiting.until(Duration.ofMinutes(2), () -> sink.acceptedCount() - acceptedBefore >= DRAIN / 3,
                () -> "the drain did not get going: " + (sink.acceptedCount() - acceptedBefore) + " delivered, "
                        + api.outboxCounts());
        app.kill9();
        Set<String> acceptedAtKill = new HashSet<>(sink.acceptedIds());
        System.out.println("killed after " + (acceptedAtKill.size() - acceptedBefore) + " of " + DRAIN
                + " delivered");

        Map<String, Long> byStatus = new TreeMap<>();
        Set<String> claimed = new HashSet<>();
        Set<String> recorded = new HashSet<>();
        try (Connection db = DriverManager.getConnection(app.embeddedDatabaseUrl(), AppProcess.DB_USER,
                AppProcess.DB_PASSWORD); Statement sql = db.createStatement()) {
            try (ResultSet rows = sql.executeQuery("select status, message_id from outbox_message")) {
                while (rows.next()) {
                    byStatus.merge(rows.getString(1), 1L, Long::sum);
                    if ("SENDING".equals(rows.getString(1))) {
                        claimed.add(rows.getString(2));
                    }
                    if ("SENDING".equals(rows.getString(1)) || "SENT".equals(rows.getString(1))) {
                        recorded.add(rows.getString(2));
                    }
                }
            }
        }
        Set<String> claimedAndDelivered = new HashSet<>(claimed);
        claimedAndDelivered.retainAll(acceptedAtKill);
        System.out.println("after the kill the database holds " + byStatus + "; " + claimed.size()
                + " were claimed (in flight), of them " + claimedAndDelivered.size() + " delivered already");
        assertEquals(total, byStatus.values().stream().mapToLong(Long::longValue).sum(),
                "outbox rows after the crash");
        assertTrue(claimed.size() <= MAX_RESENT_AFTER_CRASH, claimed.size() + " claimed at once");
        Set<String> forgotten = new HashSet<>(acceptedAtKill);
        forgotten.removeAll(recorded);
        assertTrue(forgotten.isEmpty(), forgotten.size() + " mails the SMTP server had accepted are neither sent nor"
                + " claimed in the database after kill -9: committed transactions were lost, e.g. "
                + forgotten.stream().limit(3).toList());

        sink.delayEachMessage(0);
        app.start();
        Waiting.until(Duration.ofMinutes(4), () -> api.outboxCounts().getOrDefault("SENT", 0L) == total,
                () -> "not all delivered after the restart: outbox " + api.outboxCounts() + ", sink accepted "
                        + sink.acceptedCount() + " (" + sink.counts().size() + " distinct)");
        Map<String, Integer> delivered = sink.counts();
        Set<String> missing = new HashSet<>(api.messageIds("SENT"));
        missing.removeAll(delivered.keySet());
        Set<String> duplicated = twice(delivered);
        Set<String> duplicatedUnclaimed = new HashSet<>(duplicated);
        duplicatedUnclaimed.removeAll(claimed);
        System.out.printf("kill -9 during the drain: %d mails in all, sink accepted %d (%d distinct),"
                        + " duplicates %d (bound %d, in flight at the kill %d, of them delivered before it %d)%n",
                total, sink.acceptedCount(), delivered.size(), sink.duplicates(), MAX_RESENT_AFTER_CRASH,
                claimed.size(), claimedAndDelivered.size());
        assertTrue(missing.isEmpty(), missing.size() + " mails never reached the server, e.g. "
                + missing.stream().limit(3).toList());
        assertEquals(total, delivered.size(), "distinct Message-IDs the server accepted");
        assertTrue(sink.duplicates() <= MAX_RESENT_AFTER_CRASH, sink.duplicates() + " duplicates");
        assertTrue(duplicatedUnclaimed.isEmpty(), "mails that were not in flight at the kill were sent twice: "
                + duplicatedUnclaimed);
    }

    /** Queues {@code count} notifications, {@value #IN_FLIGHT_REQUESTS} requests at a time, in the background. */
    private static ExecutorService queue(int count, String title, AtomicInteger queued,
            ConcurrentLinkedQueue<String> refused) {
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT_REQUESTS);
        for (int i = 0; i < count; i++) {
            int n = i;
            pool.execute(() -> {
                try {
                    HttpResponse<String> answer = api.assignTask(title + " " + n, user(n % USERS));
                    if (answer.statusCode() == 201) {
                        queued.incrementAndGet();
                    } else {
                        refused.add(answer.statusCode() + " " + answer.body());
                    }
                } catch (RuntimeException e) {
                    refused.add(e.toString());
                }
            });
        }
        return pool;
    }

    private static Set<String> twice(Map<String, Integer> counts) {
        Set<String> twice = new HashSet<>();
        counts.forEach((id, n) -> {
            if (n > 1) {
                twice.add(id);
            }
        });
        return twice;
    }

    private static String user(int i) {
        return "fault" + i;
    }
}
