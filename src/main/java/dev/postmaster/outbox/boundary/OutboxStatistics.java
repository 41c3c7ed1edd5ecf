package dev.postmaster.outbox.boundary;

import dev.postmaster.infrastructure.ClusterNode;
import dev.postmaster.outbox.control.OutboxActivity;
import dev.postmaster.outbox.control.OutboxStore;
import dev.postmaster.outbox.entity.OutboxMinute;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outbox's last hour, minute by minute: sent, deferred and failed, and the queue depth, for the chart on the
 * Outbox page. Once a minute this node writes what its drainer counted ({@link OutboxActivity}) and the depth it
 * sees into its own row; the chart adds the nodes up. The minute in progress comes from memory, so the chart is
 * current without waiting for the next write.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class OutboxStatistics {

    static final Duration KEPT = Duration.ofDays(1);
    static final int MINUTES = 60;

    @PersistenceContext
    EntityManager em;

    @Inject
    OutboxActivity activity;

    @Inject
    OutboxStore store;

    private final String node = ClusterNode.NAME;

    /** One point of the chart. */
    public record Minute(Instant minute, int sent, int deferred, int failed, long depth) {
    }

    @Schedule(second = "0", minute = "*", hour = "*", persistent = false)
    void everyMinute() {
        Instant ended = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
        OutboxStore.Tally counted = activity.take();
        OutboxMinute row = em.find(OutboxMinute.class, new OutboxMinute.Key(ended, node));
        if (row == null) {
            row = new OutboxMinute(ended, node);
            em.persist(row);
        }
        row.add(counted.sent(), counted.deferred(), counted.failed(), store.queueDepth());
        em.createNamedQuery(OutboxMinute.DELETE_BEFORE).setParameter("before", Instant.now().minus(KEPT))
                .executeUpdate();
    }

    /**
     * The last hour, one point per minute and oldest first, ending with the minute in progress. A minute in which
     * no node counted anything is a point of zeros that carries the depth last seen before it.
     */
    public List<Minute> lastHour() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant since = now.minus(MINUTES - 1, ChronoUnit.MINUTES);
        Map<Instant, int[]> counts = new TreeMap<>();
        Map<Instant, Long> depths = new TreeMap<>();
        for (OutboxMinute row : em.createNamedQuery(OutboxMinute.SINCE, OutboxMinute.class)
                .setParameter("since", since).getResultList()) {
            int[] c = counts.computeIfAbsent(row.getMinute(), m -> new int[3]);
            c[0] += row.getSent();
            c[1] += row.getDeferred();
            c[2] += row.getFailed();
            if (row.getDepth() != null) {
                depths.merge(row.getMinute(), row.getDepth().longValue(), Math::max);
            }
        }
        OutboxStore.Tally current = activity.peek();
        List<Minute> points = new ArrayList<>(MINUTES);
        long depth = 0;
        for (Instant minute = since; minute.isBefore(now); minute = minute.plus(1, ChronoUnit.MINUTES)) {
            int[] c = counts.getOrDefault(minute, new int[3]);
            depth = depths.getOrDefault(minute, depth);
            points.add(new Minute(minute, c[0], c[1], c[2], depth));
        }
        int[] c = counts.getOrDefault(now, new int[3]);
        points.add(new Minute(now, c[0] + current.sent(), c[1] + current.deferred(), c[2] + current.failed(),
                store.queueDepth()));
        return points;
    }
}
