package dev.postmaster.inbound.boundary;

import dev.postmaster.inbound.control.PollerLeases;
import dev.postmaster.inbound.control.PollerLeases.Lease;
import dev.postmaster.infrastructure.ClusterNode;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which node polls the incoming account. Every node runs the poller's timer, but a poll runs only on the node that
 * holds the lease ({@link PollerLeases}); the others stand by. The lease period {@code P}
 * ({@code POSTMASTER_POLLER_LEASE_SECONDS}, default 60) is the promise: when the polling node dies, another polls
 * within {@code P}. To keep it, a lease is granted for two thirds of {@code P} and every node tries to hold it
 * every third of {@code P}, on a timer of this bean's own, so the holder renews it twice within its validity (one
 * renewal may fail without losing it) and a standby node tries at most a third of {@code P} after it ran out. Each
 * poll also renews it before it starts.
 *
 * <p>This node trusts its lease only until its own clock says it ran out (measured from before the renewal was
 * asked for, on the monotonic clock), and every transaction that stores polled mail confirms it in the database
 * (the fence), so a node that stalled past its lease stores nothing. A node without incoming mail (none set, or a
 * password it cannot open) neither takes nor keeps the lease. The nodes' wall clocks decide when a lease in
 * the table has run out, so they must be kept in step (NTP), as any cluster needs.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InboxLease {

    /** Fired when this node took the lease over from another node (or from no one): it should poll now. */
    public record Taken(Lease lease) {
    }

    @Inject
    @ConfigProperty(name = "postmaster.poller.lease.seconds", defaultValue = "60")
    long periodSeconds;

    @Resource
    TimerService timerService;

    @Inject
    PollerLeases leases;

    @Inject
    MailRuntime runtime;

    @Inject
    Event<Taken> taken;

    @Inject
    Logger log;

    private volatile Lease lease;
    private volatile long trustedUntilNanos;
    private volatile String problem;

    @PostConstruct
    void start() {
        Duration every = period().dividedBy(3);
        timerService.createIntervalTimer(every.toMillis(), every.toMillis(), new TimerConfig("poller-lease", false));
    }

    /** Lets the lease go (at shutdown, or when this node cannot poll), so that another node takes it at once. */
    @PreDestroy
    void stop() {
        if (fence().isPresent()) {
            try {
                leases.release(ClusterNode.NAME, ClusterNode.INCARNATION, Instant.now());
                trustedUntilNanos = System.nanoTime();
            } catch (RuntimeException e) {
                log.fine(() -> "The poller lease could not be let go; it runs out by itself: " + e);
            }
        }
    }

    @Timeout
    void tick() {
        boolean held = fence().isPresent();
        if (runtime.current().imap() == null) {
            // No incoming mail here (none set, or this node cannot open the password): let a node that can poll
            if (held) {
                stop();
            }
            try {
                lease = leases.current(ClusterNode.INCARNATION).orElse(null);
            } catch (RuntimeException e) {
                problem = "The poller lease could not be read: " + e.getMessage();
            }
            return;
        }
        OptionalLong now = hold();
        if (now.isPresent() && !held) {
            log.info(() -> "This node (" + ClusterNode.NAME + ") polls the incoming account now, lease "
                    + now.getAsLong());
            taken.fire(new Taken(lease));
        }
    }

    /**
     * Renews or takes the lease, and tells whether this node may poll now.
     *
     * @return the fencing token to store polled mail under, or empty when another node polls
     */
    public synchronized OptionalLong hold() {
        long asked = System.nanoTime();
        Duration validFor = validFor();
        try {
            lease = leases.hold(ClusterNode.NAME, ClusterNode.INCARNATION, Instant.now(), validFor);
            problem = null;
        } catch (RuntimeException e) {
            // the database is away: trust no lease (a poll could not store anything anyway)
            trustedUntilNanos = asked;
            problem = "The poller lease could not be read: " + e.getMessage();
            log.log(Level.FINE, problem, e);
            return OptionalLong.empty();
        }
        if (lease.mine()) {
            trustedUntilNanos = asked + validFor.toNanos();
        }
        return fence();
    }

    /** The fencing token while this node holds the lease, by its own clock; empty when it does not. */
    public OptionalLong fence() {
        Lease seen = lease;
        return seen != null && seen.mine() && System.nanoTime() - trustedUntilNanos < 0
                ? OptionalLong.of(seen.fencing()) : OptionalLong.empty();
    }

    /** The lease as this node last saw it, for the Inbound log page and {@code /health/ready}. */
    public Optional<Lease> lastSeen() {
        return Optional.ofNullable(lease);
    }

    /** This node's name. */
    public String node() {
        return ClusterNode.NAME;
    }

    /** The node that held the lease when this node last looked; empty before any node held it. */
    public Optional<String> holder() {
        return lastSeen().map(Lease::holder);
    }

    /** When the holder last renewed the lease, as this node last saw it. */
    public Optional<Instant> renewedAt() {
        return lastSeen().map(Lease::renewedAt);
    }

    /** Why the lease could not be read at the last try, if it could not. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The lease period: the longest a dead node keeps the others from polling. */
    public Duration period() {
        return Duration.ofSeconds(Math.max(3, periodSeconds));
    }

    private Duration validFor() {
        return period().multipliedBy(2).dividedBy(3);
    }
}
