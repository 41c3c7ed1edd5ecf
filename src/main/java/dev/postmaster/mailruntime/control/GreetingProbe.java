package dev.postmaster.mailruntime.control;

import dev.postmaster.mailruntime.boundary.FailureHints;
import dev.postmaster.settings.entity.MailServer;
import dev.postmaster.settings.entity.Protocol;
import dev.postmaster.settings.entity.TransportSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSocket;

/**
 * Checks that a mail server is there: connect (with TLS first for implicit TLS) and read its greeting, within a short
 * timeout, without signing in or sending anything; then say goodbye as the protocol asks (SMTP {@code QUIT}, IMAP
 * {@code LOGOUT}), because a hang-up is logged as an error by real servers, and GreenMail 2.1.5 keeps a thread spinning
 * for each IMAP connection that is closed without LOGOUT. Results are cached for {@link #CACHE_FOR} per server, so a
 * load balancer polling {@code /health/ready} every second does not become a stream of connections to the mail server.
 */
@ApplicationScoped
public class GreetingProbe {

    public static final Duration CACHE_FOR = Duration.ofSeconds(30);
    public static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** What the server said, or why it could not be reached. */
    public record Greeting(boolean up, String detail, Instant at) {
    }

    private final Map<String, Greeting> cache = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** Whether {@code server}, which speaks {@code protocol}, greets as a healthy server does. */
    public Greeting probe(Protocol protocol, MailServer server) {
        int port = server.effectivePort(protocol);
        String key = protocol + ":" + server.getHost() + ":" + port + ":" + server.getSecurity() + ":"
                + server.isTrustCertificate();
        Greeting cached = cache.get(key);
        Instant now = clock.instant();
        if (cached != null && cached.at().plus(CACHE_FOR).isAfter(now)) {
            return cached;
        }
        Greeting fresh = connect(protocol, server.getHost(), port, server.getSecurity(),
                server.isTrustCertificate(), now);
        cache.put(key, fresh);
        return fresh;
    }

    /**
     * Ends the conversation politely and reads the answer, so the server closes its side first. The socket's
     * timeout bounds the wait; a server that does not answer is closed on anyway.
     */
    private static void goodbye(Protocol protocol, Socket socket, BufferedReader in) {
        String command = protocol == Protocol.SMTP ? "QUIT" : "p1 LOGOUT";
        String done = protocol == Protocol.SMTP ? "221" : "p1 ";
        try {
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String line;
            while ((line = in.readLine()) != null && !line.startsWith(done)) {
                // "* BYE" and other untagged lines come first
            }
        } catch (IOException e) {
            // the greeting was read; how the server takes its leave does not change the answer
        }
    }

    /** What a healthy greeting starts with. */
    private static String expectedGreeting(Protocol protocol) {
        return switch (protocol) {
            case SMTP -> "220";
            case IMAP -> "* OK";
        };
    }

    private static Greeting connect(Protocol protocol, String host, int port, TransportSecurity security,
            boolean trustCertificate, Instant now) {
        int timeout = (int) TIMEOUT.toMillis();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), timeout);
            plain.setSoTimeout(timeout);
            Socket socket = plain;
            if (security == TransportSecurity.SSL_TLS) {
                SSLSocket tls = (SSLSocket) MailSessionFactory.sslSocketFactory(trustCertificate)
                        .createSocket(plain, host, port, true);
                if (!trustCertificate) {
                    var parameters = tls.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    tls.setSSLParameters(parameters);
                }
                tls.startHandshake();
                socket = tls;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            String line = in.readLine();
            if (line == null) {
                return new Greeting(false, "the server closed the connection without a greeting", now);
            }
            goodbye(protocol, socket, in);
            String greeting = line.length() > 200 ? line.substring(0, 200) : line;
            return line.startsWith(expectedGreeting(protocol))
                    ? new Greeting(true, greeting, now)
                    : new Greeting(false, "unexpected greeting: " + greeting, now);
        } catch (IOException e) {
            return new Greeting(false, FailureHints.rootMessage(e), now);
        }
    }
}
