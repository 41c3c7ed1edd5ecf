package dev.postmaster.outbox.boundary;

import dev.postmaster.infrastructure.ClusterNode;
import dev.postmaster.outbox.control.OutboxStore;
import dev.postmaster.outbox.entity.OutboxStatus;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The outbox in MicroProfile Metrics ({@code /metrics}): mails per status, queue depth, the age of the oldest
 * waiting mail (all three for the whole cluster: they are the shared table's), and what this node sent and how
 * long each send took (tagged with the node's name: a cluster's scrapes add up). The gauges read the database
 * when scraped (the counts at most once a second), so they need no bookkeeping; the drainer reports latency
 * through {@link #sendTimer()}.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class OutboxMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    OutboxStore store;

    private Timer sendTimer;
    private Counter sentHere;
    private Counter deferredHere;
    private Counter failedHere;
    private volatile Map<OutboxStatus, Long> counts;
    private volatile Instant countedAt = Instant.EPOCH;

    @PostConstruct
    void register() {
        for (OutboxStatus status : OutboxStatus.values()) {
            registry.gauge(Metadata.builder().withName("postmaster_outbox_messages")
                    .withDescription("Outgoing mails by status").build(),
                    this, m -> m.counts().get(status),
                    new Tag("status", status.name().toLowerCase(Locale.ROOT)));
        }
        registry.gauge(Metadata.builder().withName("postmaster_outbox_queue_depth")
                .withDescription("Mails waiting to be sent (queued, deferred or being sent)").build(),
                store, OutboxStore::queueDepth);
        registry.gauge(Metadata.builder().withName("postmaster_outbox_oldest_waiting")
                .withDescription("Age of the oldest mail still waiting to be sent")
                .withUnit(MetricUnits.SECONDS).build(),
                store, s -> s.oldestWaiting().map(created -> Duration.between(created, Instant.now()).toSeconds())
                        .orElse(0L));
        Tag node = new Tag("node", ClusterNode.NAME);
        sendTimer = registry.timer(Metadata.builder().withName("postmaster_outbox_send")
                .withDescription("Time this node took to hand one mail to the SMTP server").build(), node);
        sentHere = nodeCounter("sent", "accepted by the SMTP server", node);
        deferredHere = nodeCounter("deferred", "refused for now, to be sent again later", node);
        failedHere = nodeCounter("failed", "refused for good, or out of attempts", node);
        registry.gauge(Metadata.builder().withName("postmaster_node_info")
                .withDescription("Which node of the cluster answered this scrape (always 1)").build(),
                () -> 1, node);
    }

    /**
     * The counts per status, read at most once a second: a scrape asks each of the six status gauges, and each
     * would otherwise count the whole table again.
     */
    Map<OutboxStatus, Long> counts() {
        Instant now = Instant.now();
        if (counts == null || countedAt.isBefore(now.minusSeconds(1))) {
            counts = store.countsByStatus();
            countedAt = now;
        }
        return counts;
    }

    private Counter nodeCounter(String outcome, String meaning, Tag node) {
        return registry.counter(Metadata.builder().withName("postmaster_outbox_node_" + outcome)
                .withDescription("Mails this node sent that were " + meaning + " (the statuses above count the"
                        + " whole cluster's outbox)").build(), node);
    }

    /** What a batch of this node's drainer came to (the counters are thread-safe: no lock). */
    @Lock(LockType.READ)
    public void recorded(OutboxStore.Tally tally) {
        sentHere.inc(tally.sent());
        deferredHere.inc(tally.deferred());
        failedHere.inc(tally.failed());
    }

    @Lock(LockType.READ)
    public Timer sendTimer() {
        return sendTimer;
    }
}
