package dev.postmaster.outbox.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What this node's drainer did since the minute's statistics were last written: sent, deferred and failed
 * mails. Counting in memory keeps the database out of the sending path; once a minute the counts become a row
 * (see {@code OutboxStatistics}), so a crash loses at most the last minute's counts, never a mail.
 */
@ApplicationScoped
public class OutboxActivity {

    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger deferred = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    public void add(OutboxStore.Tally tally) {
        sent.addAndGet(tally.sent());
        deferred.addAndGet(tally.deferred());
        failed.addAndGet(tally.failed());
    }

    /** The counts since the last {@link #take()}, without resetting them. */
    public OutboxStore.Tally peek() {
        return new OutboxStore.Tally(sent.get(), deferred.get(), failed.get());
    }

    /** The counts since the last call, which start again from zero. */
    public OutboxStore.Tally take() {
        return new OutboxStore.Tally(sent.getAndSet(0), deferred.getAndSet(0), failed.getAndSet(0));
    }
}
