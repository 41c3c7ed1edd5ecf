package dev.postmaster.outbox.control;

import dev.postmaster.outbox.entity.MailRateLimit;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * The rate limits that hold for the whole cluster: each decision reads its {@link MailRateLimit} row under a row
 * lock and writes it back in one short transaction of its own, so two nodes asking at once are decided one after
 * the other.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SharedRateLimits {

    @PersistenceContext
    EntityManager em;

    /** What one decision said: pass (with the count left out before) or not, and when the window ends. */
    public record Decision(OptionalInt pass, Instant windowEnd) {
    }

    /** {@link MailRateLimit#offer}, for the whole cluster. */
    public Decision offer(String name, Duration window, Instant now, int alsoSuppressed) {
        MailRateLimit limit = locked(name);
        return new Decision(limit.offer(now, window, alsoSuppressed), limit.windowEnd(window));
    }

    /** {@link MailRateLimit#flush}, for the whole cluster. */
    public Decision flush(String name, Duration window, Instant now, int alsoSuppressed) {
        MailRateLimit limit = locked(name);
        return new Decision(limit.flush(now, window, alsoSuppressed), limit.windowEnd(window));
    }

    private MailRateLimit locked(String name) {
        MailRateLimit limit = em.find(MailRateLimit.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (limit == null) {
            // V9 makes the rows there are; a new limit's first use makes its own
            limit = new MailRateLimit(name);
            em.persist(limit);
        }
        return limit;
    }
}
