package dev.postmaster.outbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * One pass at a time, and every request is served by a pass that starts after it: the drainer's kick after a
 * commit must never wait for the next timer tick because it came in while a pass was finishing.
 */
class CoalescingTest {

    private final Coalescing gate = new Coalescing();

    @Test
    void aRequestDuringAPassMakesThatPassRunOnceMoreInsteadOfASecondOne() throws Exception {
        CountDownLatch inPass = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger passes = new AtomicInteger();
        Runnable pass = () -> {
            if (passes.incrementAndGet() == 1) {
                inPass.countDown();
                await(release);
            }
        };
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> first = threads.submit(() -> gate.request(pass));
            assertTrue(inPass.await(5, TimeUnit.SECONDS));

            assertEquals(0, gate.request(pass), "a second caller must not run beside the first");
            assertEquals(0, gate.request(pass), "requests while a pass runs are coalesced");
            release.countDown();

            assertEquals(2, first.get(5, TimeUnit.SECONDS), "the running thread serves the requests: one more pass");
            assertEquals(2, passes.get());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void noRequestIsLostWhenTwoThreadsAskAtOnce() throws Exception {
        AtomicLong tickets = new AtomicLong();
        AtomicLong servedUpTo = new AtomicLong();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        Runnable pass = () -> {
            if (concurrent.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            servedUpTo.accumulateAndGet(tickets.get(), Math::max);
            for (int spin = 0; spin < 50; spin++) {
                Thread.onSpinWait();
            }
            concurrent.decrementAndGet();
        };
        // Each round: two threads draw a ticket and ask for a pass at the same moment. When both calls have
        // returned, a pass that started after the later ticket must have run (a lost request leaves it unserved).
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Callable<Void> asker = () -> {
            start.await(5, TimeUnit.SECONDS);
            tickets.incrementAndGet();
            gate.request(pass);
            return null;
        };
        try {
            for (int round = 0; round < 20_000; round++) {
                Future<Void> a = threads.submit(asker);
                Future<Void> b = threads.submit(asker);
                a.get(5, TimeUnit.SECONDS);
                b.get(5, TimeUnit.SECONDS);
                assertEquals(tickets.get(), servedUpTo.get(), "round " + round + ": a request was never served");
            }
            assertEquals(0, overlaps.get(), "two passes ran at the same time");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFailingPassLetsTheNextRequestRun() {
        assertThrows(IllegalStateException.class, () -> gate.request(() -> {
            throw new IllegalStateException("boom");
        }));
        AtomicInteger runs = new AtomicInteger();
        assertEquals(1, gate.request(runs::incrementAndGet), "the failed pass must not leave the gate closed");
        assertEquals(1, runs.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
