package dev.postmaster.inbound.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The right to poll the incoming account, held by one node of a cluster at a time. Persistent EJB timers are not
 * shared across Payara Micro nodes and Hazelcast's locks may lose a lock without its CP subsystem, so the nodes
 * coordinate through the database that they already trust: one row, taken and renewed with conditional updates.
 *
 * <p>The {@code fencing} counter goes up each time the lease changes hands (or process). Every transaction that
 * stores polled mail first confirms that the counter still has the value its poll started with, in the same
 * transaction, so a node that paused past its lease (a long GC, a frozen VM) and wakes up still polling cannot store
 * anything after another node took over. The unique keys of incoming mail would refuse its second copies anyway;
 * the fence keeps it from even trying.
 */
@Entity
@Table(name = "poller_lease")
@NamedQuery(name = PollerLease.RENEW, query = "update PollerLease l set l.renewedAt = :now, l.expiresAt = :until"
        + " where l.name = :name and l.holder = :node and l.incarnation = :incarnation")
@NamedQuery(name = PollerLease.TAKE, query = "update PollerLease l set l.holder = :node, l.incarnation = :incarnation,"
        + " l.fencing = l.fencing + 1, l.acquiredAt = :now, l.renewedAt = :now, l.expiresAt = :until"
        + " where l.name = :name and (l.holder is null or l.expiresAt < :now or l.holder = :node)")
@NamedQuery(name = PollerLease.CONFIRM, query = "update PollerLease l set l.confirmedAt = :now"
        + " where l.name = :name and l.fencing = :fencing and l.incarnation = :incarnation")
@NamedQuery(name = PollerLease.RELEASE, query = "update PollerLease l set l.expiresAt = :now"
        + " where l.name = :name and l.holder = :node and l.incarnation = :incarnation")
public class PollerLease {

    public static final String RENEW = "PollerLease.renew";
    public static final String TAKE = "PollerLease.take";
    public static final String CONFIRM = "PollerLease.confirm";
    public static final String RELEASE = "PollerLease.release";

    /** The one lease there is today: polling the incoming account. */
    public static final String INBOUND = "inbound";

    @Id
    @Column(length = 50)
    private String name;

    /** The node that holds it, or {@code null} before anyone did. */
    @Column(length = 100)
    private String holder;

    /** Which process of {@link #holder} holds it. */
    @Column(length = 40)
    private String incarnation;

    @Column(nullable = false)
    private long fencing;

    @Column(name = "acquired_at")
    private Instant acquiredAt;

    @Column(name = "renewed_at")
    private Instant renewedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    /** When the holder last stored polled mail under it. */
    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    protected PollerLease() {
        // JPA
    }

    public String getName() {
        return name;
    }

    public String getHolder() {
        return holder;
    }

    public String getIncarnation() {
        return incarnation;
    }

    public long getFencing() {
        return fencing;
    }

    public Instant getAcquiredAt() {
        return acquiredAt;
    }

    public Instant getRenewedAt() {
        return renewedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
