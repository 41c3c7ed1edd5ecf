package dev.postmaster.inbound.boundary;

import dev.postmaster.inbound.entity.InboundOutcome;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The poller in MicroProfile Metrics ({@code /metrics}): messages read per outcome, how long a poll takes, the time
 * since the last successful poll (what to alert on: it grows when the mailbox cannot be read), and the unread mail
 * held back at the first connect.
 */
@ApplicationScoped
public class InboundMetrics {

    @Inject
    MetricRegistry registry;

    private final Map<InboundOutcome, Counter> read = new EnumMap<>(InboundOutcome.class);
    private Timer pollTimer;
    private final Instant started = Instant.now();
    private volatile Instant lastSuccess;
    private volatile long backlog;

    @PostConstruct
    void register() {
        for (InboundOutcome outcome : InboundOutcome.values()) {
            read.put(outcome, registry.counter(Metadata.builder().withName("postmaster_inbound_messages")
                    .withDescription("Messages read from the incoming mailbox, by outcome").build(),
                    new Tag("outcome", outcome.name().toLowerCase(Locale.ROOT))));
        }
        pollTimer = registry.timer(Metadata.builder().withName("postmaster_inbound_poll")
                .withDescription("Time one poll of the incoming mailbox takes").build());
        registry.gauge(Metadata.builder().withName("postmaster_inbound_since_last_success")
                .withDescription("Seconds since the incoming mailbox was last read successfully (since start when"
                        + " never)").withUnit(MetricUnits.SECONDS).build(),
                this, metrics -> Duration.between(metrics.lastSuccess == null ? metrics.started : metrics.lastSuccess,
                        Instant.now()).toSeconds());
        registry.gauge(Metadata.builder().withName("postmaster_inbound_backlog")
                .withDescription("Unread messages held back at the first connect, waiting for a decision").build(),
                this, metrics -> metrics.backlog);
    }

    /**
     * Registers the metrics at startup, so that they are there (at zero) before the first poll: delivering the
     * event creates the bean, and {@link #register()} runs.
     */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // nothing else to do
    }

    void read(InboundOutcome outcome) {
        read.get(outcome).inc();
    }

    void polled(Duration took, long heldBack) {
        pollTimer.update(took);
        lastSuccess = Instant.now();
        backlog = heldBack;
    }
}
