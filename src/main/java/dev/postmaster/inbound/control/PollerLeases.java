package dev.postmaster.inbound.control;

import dev.postmaster.inbound.entity.PollerLease;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The poller's lease in the database: renew it if this process holds it, take it if no one does or its holder let
 * it run out, and confirm it (the fence) inside a transaction that stores polled mail. Each is one conditional
 * UPDATE, so of two nodes racing for the lease exactly one gets it, on H2 and PostgreSQL alike.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PollerLeases {

    @PersistenceContext
    EntityManager em;

    /** The lease as one node sees it after trying to hold it. */
    public record Lease(String holder, long fencing, Instant since, Instant renewedAt, Instant expiresAt,
            boolean mine) {
    }

    /** Stored mail was refused because another node took the lease over since this poll began. */
    @ApplicationException(rollback = true)
    public static class LeaseLost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public LeaseLost(String message) {
            super(message);
        }
    }

    /**
     * Renews the lease when this process holds it, else takes it when it is free, ran out, or was held by an
     * earlier process of this node (which is dead: two live processes never share a node name).
     *
     * @param validFor how long the lease stands without a renewal
     * @return the lease after the attempt, whoever holds it
     */
    public Lease hold(String node, String incarnation, Instant now, Duration validFor) {
        int renewed = em.createNamedQuery(PollerLease.RENEW).setParameter("now", now)
                .setParameter("until", now.plus(validFor)).setParameter("name", PollerLease.INBOUND)
                .setParameter("node", node).setParameter("incarnation", incarnation).executeUpdate();
        if (renewed == 0) {
            em.createNamedQuery(PollerLease.TAKE).setParameter("node", node).setParameter("incarnation", incarnation)
                    .setParameter("now", now).setParameter("until", now.plus(validFor))
                    .setParameter("name", PollerLease.INBOUND).executeUpdate();
        }
        return read(incarnation).orElseThrow(() -> new IllegalStateException("The poller_lease row is missing"));
    }

    /** The lease as it stands, without trying to hold it. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Lease> current(String incarnation) {
        return read(incarnation);
    }

    /**
     * The fence: called first in a transaction that stores polled mail. Locks the lease row until that commits, so a
     * takeover waits for it (or it for the takeover, and then fails).
     *
     * @throws LeaseLost when the lease changed hands since {@code fencing} was handed out
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void confirm(long fencing, String incarnation) {
        int held = em.createNamedQuery(PollerLease.CONFIRM).setParameter("now", Instant.now())
                .setParameter("name", PollerLease.INBOUND).setParameter("fencing", fencing)
                .setParameter("incarnation", incarnation).executeUpdate();
        if (held == 0) {
            throw new LeaseLost("Another node took over polling (lease " + fencing + " is no longer held)");
        }
    }

    /** Lets the lease go at shutdown, so that another node takes over at its next try instead of after the lease. */
    public void release(String node, String incarnation, Instant now) {
        em.createNamedQuery(PollerLease.RELEASE).setParameter("now", now).setParameter("name", PollerLease.INBOUND)
                .setParameter("node", node).setParameter("incarnation", incarnation).executeUpdate();
    }

    private Optional<Lease> read(String incarnation) {
        // a bulk update bypasses the persistence context: read the row as the database has it now
        return em.createQuery("select l from PollerLease l where l.name = :name", PollerLease.class)
                .setParameter("name", PollerLease.INBOUND)
                .setHint("eclipselink.refresh", "true")
                .getResultStream().findFirst()
                .map(l -> new Lease(l.getHolder(), l.getFencing(), l.getAcquiredAt(), l.getRenewedAt(),
                        l.getExpiresAt(), incarnation.equals(l.getIncarnation())));
    }
}
