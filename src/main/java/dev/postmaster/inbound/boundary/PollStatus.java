package dev.postmaster.inbound.boundary;

import dev.postmaster.inbound.entity.InboundMailbox.Backlog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How the inbox poller stands: whether it runs, when it ran and succeeded last, where and why the last poll failed
 * (with a hint), when it runs next, and the mail held back at the first connect. Immutable: each poll makes the
 * next one, so the page and {@code /health/ready} read one consistent picture.
 *
 * @param offReason why the poller does not run, or {@code null} while it runs
 * @param failures how many polls in a row failed
 * @param notStored the messages of the last poll that could not be stored, and why (they stay unread)
 */
public record PollStatus(String offReason, Instant lastRunAt, Instant lastSuccessAt, Instant lastFailureAt,
        String failedStep, String failure, String hint, int failures, Instant nextRunAt, Duration interval,
        int lastRead, long backlog, Backlog backlogDecision, String mailbox, List<String> notStored) {

    static PollStatus notStarted() {
        return new PollStatus("Not started yet", null, null, null, null, null, null, 0, null, null, 0, 0, null, null,
                List.of());
    }

    /** Whether the poller runs at all. */
    public boolean isOn() {
        return offReason == null;
    }

    /** Whether the last poll worked (or none has run yet while the poller is on). */
    public boolean isHealthy() {
        return isOn() && failures == 0;
    }

    /** Whether mail is held back, waiting for an administrator to take it in or mark it seen. */
    public boolean isBacklogHeld() {
        return backlog > 0 && backlogDecision == Backlog.HELD;
    }

    PollStatus off(String reason) {
        return new PollStatus(reason, lastRunAt, lastSuccessAt, lastFailureAt, failedStep, failure, hint, failures,
                null, null, lastRead, backlog, backlogDecision, mailbox, notStored);
    }

    PollStatus on(Instant nextRun, Duration every) {
        return new PollStatus(null, lastRunAt, lastSuccessAt, lastFailureAt, failedStep, failure, hint, failures,
                nextRun, every, lastRead, backlog, backlogDecision, mailbox, notStored);
    }

    PollStatus next(Instant nextRun, Duration every) {
        return on(nextRun, every);
    }

    PollStatus succeeded(Instant ranAt, Instant doneAt, int read, long heldBack, Backlog decision, String box,
            List<String> problems) {
        return new PollStatus(null, ranAt, doneAt, lastFailureAt, failedStep, failure, hint, 0, nextRunAt, interval,
                read, heldBack, decision, box, List.copyOf(problems));
    }

    PollStatus failed(Instant ranAt, String step, String reply, String whatToTry, String box) {
        return new PollStatus(null, ranAt, lastSuccessAt, ranAt, step, reply, whatToTry, failures + 1, nextRunAt,
                interval, 0, backlog, backlogDecision, box, List.of());
    }

    PollStatus backlogDecided() {
        return new PollStatus(offReason, lastRunAt, lastSuccessAt, lastFailureAt, failedStep, failure, hint,
                failures, nextRunAt, interval, lastRead, 0, Backlog.MARKED_SEEN, mailbox, notStored);
    }
}
