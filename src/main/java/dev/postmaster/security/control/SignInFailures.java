package dev.postmaster.security.control;

import dev.postmaster.security.entity.SignInFailure;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The sign-in throttle's counts in the database, each change in a transaction of its own: a failed sign-in is
 * counted even though the request that made it rolls nothing else back, and the counts are the same on every node.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SignInFailures {

    @PersistenceContext
    EntityManager em;

    /** The failures counted under each key that has any, as (count, last failure). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<String, Count> counts(Collection<String> keys) {
        Map<String, Count> counts = new HashMap<>();
        em.createNamedQuery(SignInFailure.BY_KEYS, SignInFailure.class).setParameter("keys", keys).getResultList()
                .forEach(f -> counts.put(f.getKey(), new Count(f.getFailures(), f.getLastFailureAt())));
        return counts;
    }

    /** Counts one failure under each key (rows locked, so two nodes never lose a count between them). */
    public void failed(Collection<String> keys, Instant now, Duration window) {
        for (String key : keys) {
            SignInFailure failure = em.find(SignInFailure.class, key, LockModeType.PESSIMISTIC_WRITE);
            if (failure == null) {
                em.persist(new SignInFailure(key, now));
            } else {
                failure.failedAgain(now, window);
            }
        }
    }

    public void clear(Collection<String> keys) {
        for (String key : keys) {
            SignInFailure failure = em.find(SignInFailure.class, key);
            if (failure != null) {
                em.remove(failure);
            }
        }
    }

    /** Deletes the counts whose last failure is older than {@code before}: what the throttle holds stays bounded. */
    public int prune(Instant before) {
        return em.createNamedQuery(SignInFailure.PRUNE).setParameter("before", before).executeUpdate();
    }

    /** How many failures a key has, and when the last one was. */
    public record Count(int failures, Instant lastFailureAt) {
    }
}
