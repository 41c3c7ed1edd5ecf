package dev.postmaster.inbound.boundary;

import dev.postmaster.infrastructure.ClusterNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Readiness;

/**
 * The poller in {@code /health/ready} ({@code inbox}): UP while its polls work, DOWN with the step and the reason
 * when the last one failed, and DOWN with the reason when it is off. It reports what the poller last saw and
 * never connects by itself.
 */
@ApplicationScoped
public class InboxReadiness {

    @Inject
    InboxPoller poller;

    @Inject
    InboxLease lease;

    @Produces
    @Readiness
    HealthCheck inbox() {
        return () -> {
            PollStatus status = poller.status();
            Map<String, Object> data = new LinkedHashMap<>();
            if (!status.isOn()) {
                data.put("reason", "the poller is off: " + status.offReason());
            } else if (!status.isHealthy()) {
                data.put("reason", "failed at " + status.failedStep() + ": " + status.failure());
                data.put("failures", status.failures());
            }
            if (status.lastSuccessAt() != null) {
                data.put("lastSuccess", status.lastSuccessAt().toString());
            }
            if (status.backlog() > 0) {
                data.put("heldBack", status.backlog());
            }
            return new HealthCheckResponse("inbox", status.isHealthy() ? Status.UP : Status.DOWN, Optional.of(data));
        };
    }

    /**
     * Which node answered, and whether it is the one polling the incoming account (and if not, which is). Always
     * UP: a node that stands by is as ready as the one that polls.
     */
    @Produces
    @Readiness
    HealthCheck node() {
        return () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", ClusterNode.NAME);
            data.put("polling", lease.fence().isPresent());
            lease.lastSeen().ifPresent(seen -> {
                if (seen.holder() != null) {
                    data.put("pollingNode", seen.holder());
                    data.put("leaseUntil", String.valueOf(seen.expiresAt()));
                }
            });
            lease.problem().ifPresent(problem -> data.put("lease", problem));
            return new HealthCheckResponse("node", Status.UP, Optional.of(data));
        };
    }
}
