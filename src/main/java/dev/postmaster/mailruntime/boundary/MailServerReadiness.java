package dev.postmaster.mailruntime.boundary;

import dev.postmaster.mailruntime.control.GreetingProbe;
import dev.postmaster.mailruntime.control.GreetingProbe.Greeting;
import dev.postmaster.settings.entity.MailServer;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.Protocol;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness checks for the mail servers the application runs with now ({@code /health/ready}): SMTP and IMAP
 * each connect and read the server's greeting. A server that is not configured is DOWN with a reason, not an
 * error, so a monitor tells "not set up" from "broken".
 */
@ApplicationScoped
public class MailServerReadiness {

    @Inject
    MailRuntime runtime;

    @Inject
    GreetingProbe probe;

    @Produces
    @Readiness
    HealthCheck smtp() {
        return () -> check(Protocol.SMTP);
    }

    @Produces
    @Readiness
    HealthCheck imap() {
        return () -> check(Protocol.IMAP);
    }

    private HealthCheckResponse check(Protocol protocol) {
        String name = protocol.name().toLowerCase(Locale.ROOT);
        MailSessions sessions = runtime.current();
        MailSettings settings = sessions.settings();
        // A server whose session could not be built, or was turned off (a refused OAuth2 grant), is DOWN with
        // the reason, whatever its greeting; a client secret about to expire is said beside an UP.
        if (settings == null || !settings.server(protocol).isSet()) {
            return down(name, "no " + protocol.direction() + " mail server is configured");
        }
        MailServer server = settings.server(protocol);
        List<String> problems = sessions.problemsOf(protocol);
        if (sessions.session(protocol) == null && !problems.isEmpty()) {
            return down(name, String.join("; ", problems));
        }
        HealthCheckResponse response = describe(name, server.address(protocol), probe.probe(protocol, server));
        Optional<String> expiry = MailRuntime.secretExpiry(settings, protocol, Instant.now());
        if (expiry.isEmpty()) {
            return response;
        }
        Map<String, Object> data = new LinkedHashMap<>(response.getData().orElse(Map.of()));
        data.put("warning", expiry.get());
        return new HealthCheckResponse(name, response.getStatus(), Optional.of(data));
    }

    // Responses are built directly rather than through HealthCheckResponse.named(...): the builder needs the
    // runtime's SPI, the constructor does not, so the checks also run in plain unit tests.

    private static HealthCheckResponse down(String name, String reason) {
        return new HealthCheckResponse(name, Status.DOWN, Optional.of(Map.of("reason", reason)));
    }

    private static HealthCheckResponse describe(String name, String server, Greeting greeting) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("server", server);
        data.put(greeting.up() ? "greeting" : "reason", greeting.detail());
        data.put("checkedAt", greeting.at().toString());
        return new HealthCheckResponse(name, greeting.up() ? Status.UP : Status.DOWN, Optional.of(data));
    }
}
