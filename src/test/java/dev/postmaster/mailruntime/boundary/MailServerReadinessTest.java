package dev.postmaster.mailruntime.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.mailruntime.control.GreetingProbe;
import dev.postmaster.settings.entity.AuthMethod;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.Protocol;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * The readiness checks: DOWN with a reason when a server is not configured or not there, UP with its greeting
 * when it answers, and the answer cached so that polling does not become a stream of connections.
 */
class MailServerReadinessTest {

    private final MailServerReadiness readiness = new MailServerReadiness();

    @Test
    void anUnconfiguredServerIsDownWithAReason() {
        readiness.runtime = runningWith(null);
        readiness.probe = new GreetingProbe();

        HealthCheckResponse smtp = readiness.smtp().call();
        HealthCheckResponse imap = readiness.imap().call();

        assertEquals(HealthCheckResponse.Status.DOWN, smtp.getStatus());
        assertEquals("no outgoing mail server is configured", data(smtp).get("reason"));
        assertEquals(HealthCheckResponse.Status.DOWN, imap.getStatus());
        assertEquals("no incoming mail server is configured", data(imap).get("reason"));
    }

    @Test
    void aServerThatGreetsIsUpAndTheAnswerIsCached() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            greetInTheBackground(server);
            readiness.runtime = runningWith(smtpAt(server.getLocalPort()));
            readiness.probe = new GreetingProbe();

            HealthCheckResponse first = readiness.smtp().call();
            assertEquals(HealthCheckResponse.Status.UP, first.getStatus());
            assertEquals("220 test.example ESMTP ready", data(first).get("greeting"));
            server.close();

            HealthCheckResponse second = readiness.smtp().call();
            assertEquals(HealthCheckResponse.Status.UP, second.getStatus(), "not answered from the cache");
            assertEquals(data(first).get("checkedAt"), data(second).get("checkedAt"));
        }
    }

    @Test
    void aServerThatIsNotThereIsDownWithTheReason() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        readiness.runtime = runningWith(smtpAt(closedPort));
        readiness.probe = new GreetingProbe();

        HealthCheckResponse smtp = readiness.smtp().call();

        assertEquals(HealthCheckResponse.Status.DOWN, smtp.getStatus());
        assertEquals("127.0.0.1:" + closedPort, data(smtp).get("server"));
        assertEquals("Connection refused", data(smtp).get("reason"));
    }

    @Test
    void aServerTurnedOffIsDownWithTheReasonWhateverItsGreeting() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            greetInTheBackground(server);
            String reason = "Outgoing mail is off: The provider refused to renew the sign-in: invalid_grant";
            MailSessions off = new MailSessions(smtpAt(server.getLocalPort()), null, null, Instant.now(),
                    List.of(reason)).without(Protocol.IMAP, "Incoming mail is off: not this one");
            readiness.runtime = new MailRuntime() {
                @Override
                public MailSessions current() {
                    return off;
                }
            };
            readiness.probe = new GreetingProbe();

            HealthCheckResponse smtp = readiness.smtp().call();

            assertEquals(HealthCheckResponse.Status.DOWN, smtp.getStatus());
            assertEquals(reason, data(smtp).get("reason"), "only the outgoing server's problem");
        }
    }

    @Test
    void aClientSecretAboutToExpireIsWarnedAboutBesideUp() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            greetInTheBackground(server);
            MailSettings settings = smtpAt(server.getLocalPort());
            settings.getOutgoing().setAuthMethod(AuthMethod.OAUTH2);
            settings.getOutgoing().getOauth().setClientSecretExpires(LocalDate.now(ZoneOffset.UTC).plusDays(10));
            readiness.runtime = runningWith(settings);
            readiness.probe = new GreetingProbe();

            HealthCheckResponse smtp = readiness.smtp().call();

            assertEquals(HealthCheckResponse.Status.UP, smtp.getStatus());
            assertTrue(String.valueOf(data(smtp).get("warning")).contains("in 10 days"), data(smtp)::toString);
        }
    }

    @Test
    void theSecretExpiryIsWarnedAboutThirtyDaysAheadAndAfter() {
        MailSettings settings = smtpAt(25);
        settings.getOutgoing().setAuthMethod(AuthMethod.OAUTH2);
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        LocalDate today = LocalDate.of(2026, 12, 2);

        settings.getOutgoing().getOauth().setClientSecretExpires(today.plusDays(31));
        assertEquals(Optional.empty(), MailRuntime.secretExpiry(settings, Protocol.SMTP, now));
        settings.getOutgoing().getOauth().setClientSecretExpires(today.plusDays(30));
        assertEquals(Optional.of("Outgoing mail: the OAuth2 client secret expires on 2027-01-01, in 30 days."
                + " Create a new secret at the provider, enter it and its expiry date on the Email page, then Apply"
                + " now."), MailRuntime.secretExpiry(settings, Protocol.SMTP, now));
        settings.getOutgoing().getOauth().setClientSecretExpires(today.minusDays(1));
        assertTrue(MailRuntime.secretExpiry(settings, Protocol.SMTP, now).orElseThrow()
                .contains("expired on 2026-12-01: the provider refuses to renew the sign-in"));
        settings.getOutgoing().setAuthMethod(AuthMethod.PASSWORD);
        assertEquals(Optional.empty(), MailRuntime.secretExpiry(settings, Protocol.SMTP, now), "not used");
    }

    private static MailSettings smtpAt(int port) {
        MailSettings settings = new MailSettings();
        settings.getOutgoing().setHost("127.0.0.1");
        settings.getOutgoing().setPort(port);
        return settings;
    }

    private static MailRuntime runningWith(MailSettings settings) {
        MailSessions sessions = settings == null ? MailSessions.none(Instant.now(), List.of())
                : new MailSessions(settings, null, null, Instant.now(), List.of());
        return new MailRuntime() {
            @Override
            public MailSessions current() {
                return sessions;
            }
        };
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        Optional<Map<String, Object>> data = response.getData();
        return data.orElseThrow();
    }

    private static void greetInTheBackground(ServerSocket server) {
        Thread greeter = new Thread(() -> greetForever(server, "220 test.example ESMTP ready\r\n"));
        greeter.setDaemon(true);
        greeter.start();
    }

    private static void greetForever(ServerSocket server, String greeting) {
        while (!server.isClosed()) {
            try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                out.write(greeting.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }
}
