package dev.postmaster.mailruntime.boundary;

import dev.postmaster.settings.entity.MailServer;
import dev.postmaster.settings.entity.Protocol;
import dev.postmaster.settings.entity.TransportSecurity;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * Turns a failed connection into the step it failed at and what an administrator can do about it. The words
 * come from what such failures look like in practice: a plain connection to an SSL port times out waiting for
 * a greeting, an SSL handshake with a plain port reads garbage, a certificate issued to another name fails the
 * host-name check, and so on.
 */
public final class FailureHints {

    /** Where a failure happened. */
    public enum Stage { RESOLVE, CONNECT, TLS, AUTH, OTHER }

    /** The stage and the hint. */
    public record Diagnosis(Stage stage, String hint) {
    }

    private FailureHints() {
    }

    /** Why talking {@code protocol} to {@code server} failed with {@code failure}, and what to try. */
    public static Diagnosis diagnose(Exception failure, Protocol protocol, MailServer server) {
        String text = chainText(failure).toLowerCase(Locale.ROOT);
        String host = server.getHost();
        int port = server.effectivePort(protocol);
        TransportSecurity security = server.getSecurity();
        int sslPort = protocol.defaultPort(TransportSecurity.SSL_TLS);
        if (failure instanceof AuthenticationFailedException) {
            return new Diagnosis(Stage.AUTH, "The server rejected the username or password. Check both; some"
                    + " providers need an app password instead of the account password.");
        }
        if (has(failure, CertificateExpiredException.class)) {
            return new Diagnosis(Stage.TLS, "The server's certificate has expired. Ask its administrator to renew"
                    + " it.");
        }
        if (text.contains("no subject alternative") || text.contains("no name matching")
                || text.contains("server identity") || text.contains("hostname") && text.contains("verif")) {
            return new Diagnosis(Stage.TLS, "The certificate is not issued to " + host + " (name mismatch). Use"
                    + " the host name the certificate names, or tick \"Trust this server's certificate\".");
        }
        if (text.contains("pkix") || text.contains("unable to find valid certification path")
                || text.contains("self-signed") || text.contains("self signed")) {
            return new Diagnosis(Stage.TLS, "The certificate is not signed by an authority this server trusts"
                    + " (self-signed or private CA). Add the CA to the Java trust store, or tick \"Trust this"
                    + " server's certificate\".");
        }
        if (text.contains("starttls") && (text.contains("not support") || text.contains("required"))) {
            return new Diagnosis(Stage.TLS, "The server does not offer STARTTLS on port " + port + ". Choose"
                    + " SSL/TLS (port " + sslPort + ") or, on a trusted network only, None.");
        }
        if (has(failure, UnknownHostException.class)) {
            return new Diagnosis(Stage.RESOLVE, "The name " + host + " does not resolve. Check its spelling, or"
                    + " enter the server's IP address.");
        }
        if (has(failure, ConnectException.class)) {
            return new Diagnosis(Stage.CONNECT, "Nothing accepts connections at " + host + ":" + port + ". Check"
                    + " the port (" + portsHint(protocol) + ") and that the server is running.");
        }
        if (has(failure, SSLException.class)) {
            return new Diagnosis(Stage.TLS, security == TransportSecurity.SSL_TLS
                    ? "The server does not speak SSL/TLS on port " + port + ". Port " + sslPort + " uses"
                            + " SSL/TLS; for " + protocol.defaultPort(TransportSecurity.STARTTLS)
                            + " choose STARTTLS."
                    : "The TLS handshake failed: " + rootMessage(failure) + ".");
        }
        if (has(failure, SocketTimeoutException.class)) {
            return new Diagnosis(Stage.CONNECT, security != TransportSecurity.SSL_TLS && port == sslPort
                    ? "No greeting from port " + port + ": it expects SSL/TLS from the first byte. Choose"
                            + " SSL/TLS (Use SSL)."
                    : "The server did not answer in time. Check the port and encryption, and whether a"
                            + " firewall is in the way.");
        }
        if (failure instanceof SendFailedException) {
            return new Diagnosis(Stage.OTHER, text.contains("530") || text.contains("authentication required")
                    ? "The server requires authentication: tick \"Outgoing server requires authentication\"."
                    : "The server refused the sender or a recipient. Check that the Reply-To Address may send"
                            + " through this server, and the recipient address.");
        }
        if (failure instanceof MessagingException && text.contains("530")) {
            return new Diagnosis(Stage.AUTH, "The server requires authentication: tick \"Outgoing server"
                    + " requires authentication\".");
        }
        return new Diagnosis(Stage.OTHER, "The server said: " + rootMessage(failure));
    }

    /** "25 for None, 587 for STARTTLS, 465 for SSL/TLS", from the protocol's ports (one port may serve two). */
    static String portsHint(Protocol protocol) {
        Map<Integer, List<String>> choices = new LinkedHashMap<>();
        for (TransportSecurity choice : List.of(TransportSecurity.NONE, TransportSecurity.STARTTLS,
                TransportSecurity.SSL_TLS)) {
            choices.computeIfAbsent(protocol.defaultPort(choice), p -> new ArrayList<>()).add(choice.label());
        }
        return choices.entrySet().stream().map(e -> e.getKey() + " for " + String.join(" or ", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String chainText(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    /** The innermost message, first line only. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
