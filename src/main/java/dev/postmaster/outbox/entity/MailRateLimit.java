package dev.postmaster.outbox.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * At most one mail per window; what comes in between is counted so the next mail can say how much it left out. A
 * row in the database ({@code rate_window}), read and written under a row lock, so that the limit holds for the
 * whole cluster: two nodes logging errors in the same minute send one mail between them. The rule itself is
 * plain code, unit-tested with any clock.
 */
@Entity
@Table(name = "rate_window")
public class MailRateLimit {

    /** The limit of mail about SEVERE log records. */
    public static final String ERROR_MAIL = "error-mail";

    @Id
    @Column(length = 50)
    private String name;

    @Column(name = "last_pass_at", nullable = false)
    private Instant lastPass;

    @Column(nullable = false)
    private int suppressed;

    protected MailRateLimit() {
        // JPA
    }

    public MailRateLimit(String name) {
        this.name = name;
        this.lastPass = Instant.EPOCH;
    }

    /**
     * @param alsoSuppressed items a node left out without asking (it knew the window was still open)
     * @return the number of items suppressed since the last pass if this one may go out now, or empty if it is
     *         suppressed (and counted)
     */
    public OptionalInt offer(Instant now, Duration window, int alsoSuppressed) {
        suppressed += alsoSuppressed;
        if (Duration.between(lastPass, now).compareTo(window) < 0) {
            suppressed++;
            return OptionalInt.empty();
        }
        return pass(now);
    }

    /** At the end of a window: the count of suppressed items to report now, if any (and the window restarts). */
    public OptionalInt flush(Instant now, Duration window, int alsoSuppressed) {
        suppressed += alsoSuppressed;
        if (suppressed == 0 || Duration.between(lastPass, now).compareTo(window) < 0) {
            return OptionalInt.empty();
        }
        return pass(now);
    }

    /** When the current window ends. */
    public Instant windowEnd(Duration window) {
        return lastPass.plus(window);
    }

    private OptionalInt pass(Instant now) {
        int count = suppressed;
        suppressed = 0;
        lastPass = now;
        return OptionalInt.of(count);
    }
}
