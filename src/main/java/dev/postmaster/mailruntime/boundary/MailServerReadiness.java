package dev.postmaster.mailruntime.boundary;

import dev.postmaster.mailruntime.control.GreetingProbe;
import dev.postmaster.mailruntime.control.GreetingProbe.Greeting;
import dev.postmaster.settings.entity.MailSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
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
        return () -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("smtp");
            MailSettings settings = runtime.current().settings();
            if (settings == null || !settings.hasOutgoingServer()) {
                return response.down().withData("reason", "no outgoing mail server is configured").build();
            }
            Greeting greeting = probe.probe(settings.getSmtpHost(), settings.effectiveSmtpPort(),
                    settings.getSmtpSecurity(), settings.isSmtpTrustCertificate(), "220");
            return describe(response, settings.getSmtpHost() + ":" + settings.effectiveSmtpPort(), greeting);
        };
    }

    @Produces
    @Readiness
    HealthCheck imap() {
        return () -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("imap");
            MailSettings settings = runtime.current().settings();
            if (settings == null || !settings.hasIncomingServer()) {
                return response.down().withData("reason", "no incoming mail server is configured").build();
            }
            Greeting greeting = probe.probe(settings.getImapHost(), settings.effectiveImapPort(),
                    settings.getImapSecurity(), settings.isImapTrustCertificate(), "* OK");
            return describe(response, settings.getImapHost() + ":" + settings.effectiveImapPort(), greeting);
        };
    }

    private static HealthCheckResponse describe(HealthCheckResponseBuilder response, String server,
            Greeting greeting) {
        return response.status(greeting.up())
                .withData("server", server)
                .withData(greeting.up() ? "greeting" : "reason", greeting.detail())
                .withData("checkedAt", greeting.at().toString())
                .build();
    }
}
