package dev.postmaster.outbox.control;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * At most one mail per window; what comes in between is counted so the next mail can say how much it left out.
 * A plain class so the rule is unit-tested with any clock.
 */
public final class MailRateLimit {

    private final Duration window;
    private Instant lastPass = Instant.EPOCH;
    private int suppressed;

    public MailRateLimit(Duration window) {
        this.window = window;
    }

    /**
     * @return the number of items suppressed since the last pass if this one may go out now, or empty if it is
     *         suppressed (and counted)
     */
    public synchronized OptionalInt offer(Instant now) {
        if (Duration.between(lastPass, now).compareTo(window) < 0) {
            suppressed++;
            return OptionalInt.empty();
        }
        return pass(now);
    }

    /** At the end of a window: the count of suppressed items to report now, if any (and the window restarts). */
    public synchronized OptionalInt flush(Instant now) {
        if (suppressed == 0 || Duration.between(lastPass, now).compareTo(window) < 0) {
            return OptionalInt.empty();
        }
        return pass(now);
    }

    /** When the current window ends. */
    public synchronized Instant windowEnd() {
        return lastPass.plus(window);
    }

    private OptionalInt pass(Instant now) {
        int count = suppressed;
        suppressed = 0;
        lastPass = now;
        return OptionalInt.of(count);
    }
}
