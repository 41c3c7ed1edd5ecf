package dev.postmaster.mailruntime.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.mailruntime.boundary.FailureHints.Diagnosis;
import dev.postmaster.mailruntime.boundary.FailureHints.Stage;
import dev.postmaster.settings.entity.MailServer;
import dev.postmaster.settings.entity.Protocol;
import dev.postmaster.settings.entity.TransportSecurity;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Each kind of failure is put at its step with a hint an administrator can act on. */
class FailureHintsTest {

    @Test
    void refusedCredentialsAreAnAuthProblem() {
        Diagnosis d = smtp(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid"),
                TransportSecurity.STARTTLS, 587);
        assertEquals(Stage.AUTH, d.stage());
        assertTrue(d.hint().contains("rejected the username or password"), d.hint());
    }

    @Test
    void aPlainConnectionToThe465PortTimesOutWaitingForAGreeting() {
        Diagnosis d = smtp(wrapped(new SocketTimeoutException("Read timed out")), TransportSecurity.NONE, 465);
        assertEquals(Stage.CONNECT, d.stage());
        assertTrue(d.hint().contains("expects SSL/TLS from the first byte"), d.hint());
    }

    @Test
    void sslOnAPlainPortIsATlsProblem() {
        Diagnosis d = smtp(wrapped(new SSLException("Unsupported or unrecognized SSL message")),
                TransportSecurity.SSL_TLS, 25);
        assertEquals(Stage.TLS, d.stage());
        assertTrue(d.hint().contains("does not speak SSL/TLS on port 25"), d.hint());
    }

    @Test
    void certificateProblemsSayWhichOne() {
        Diagnosis mismatch = smtp(wrapped(handshake(new CertificateException(
                "No subject alternative names matching IP address 10.0.0.1 found"))), TransportSecurity.SSL_TLS, 465);
        assertEquals(Stage.TLS, mismatch.stage());
        assertTrue(mismatch.hint().contains("name mismatch"), mismatch.hint());

        Diagnosis untrusted = smtp(wrapped(handshake(new CertificateException(
                "PKIX path building failed: unable to find valid certification path to requested target"))),
                TransportSecurity.SSL_TLS, 465);
        assertEquals(Stage.TLS, untrusted.stage());
        assertTrue(untrusted.hint().contains("Trust this server's certificate"), untrusted.hint());
    }

    @Test
    void aServerWithoutStarttlsIsNeverUsedInClear() {
        Diagnosis d = smtp(new MessagingException("STARTTLS is required but host does not support STARTTLS"),
                TransportSecurity.STARTTLS, 25);
        assertEquals(Stage.TLS, d.stage());
        assertTrue(d.hint().contains("does not offer STARTTLS on port 25"), d.hint());
    }

    @Test
    void namesAndPortsThatLeadNowhere() {
        Diagnosis unknown = smtp(wrapped(new UnknownHostException("smtp.nowhere.test")), TransportSecurity.NONE, 25);
        assertEquals(Stage.RESOLVE, unknown.stage());
        Diagnosis refused = smtp(wrapped(new ConnectException("Connection refused")), TransportSecurity.NONE, 2525);
        assertEquals(Stage.CONNECT, refused.stage());
        assertTrue(refused.hint().contains("25 for None, 587 for STARTTLS, 465 for SSL/TLS"), refused.hint());
        Diagnosis imap = FailureHints.diagnose(wrapped(new ConnectException("Connection refused")),
                Protocol.IMAP, server("imap.example.com", 1143, TransportSecurity.NONE));
        assertTrue(imap.hint().contains("143 for None or STARTTLS, 993 for SSL/TLS"), imap.hint());
    }

    @Test
    void aServerThatWantsAuthenticationSaysSo() {
        Diagnosis d = smtp(new SendFailedException("530 5.7.0 Authentication required"), TransportSecurity.NONE, 25);
        assertTrue(d.hint().contains("requires authentication"), d.hint());
    }

    @Test
    void sslOnThePlainImapPortPointsAtTheImapPorts() {
        Diagnosis d = FailureHints.diagnose(wrapped(new SSLException("Unsupported or unrecognized SSL message")),
                Protocol.IMAP, server("imap.example.com", 143, TransportSecurity.SSL_TLS));
        assertEquals(Stage.TLS, d.stage());
        assertTrue(d.hint().contains("Port 993 uses SSL/TLS; for 143 choose STARTTLS"), d.hint());
    }

    private static Diagnosis smtp(Exception failure, TransportSecurity security, int port) {
        return FailureHints.diagnose(failure, Protocol.SMTP, server("smtp.example.com", port, security));
    }

    private static MailServer server(String host, int port, TransportSecurity security) {
        MailServer server = new MailServer();
        server.setHost(host);
        server.setPort(port);
        server.setSecurity(security);
        return server;
    }

    private static MessagingException wrapped(Exception cause) {
        return new MessagingException("Could not connect to SMTP host", cause);
    }

    private static SSLHandshakeException handshake(Exception cause) {
        SSLHandshakeException e = new SSLHandshakeException(cause.getMessage());
        e.initCause(cause);
        return e;
    }
}
