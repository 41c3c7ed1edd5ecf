package dev.postmaster.mailruntime.control;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * An {@link SSLSocketFactory} that hands out its delegate's sockets and afterwards tells what each TLS handshake
 * negotiated: protocol, cipher suite, and the server certificate's subject and expiry. The diagnostics use it to show
 * an administrator what the TLS step actually negotiated, for implicit TLS and STARTTLS alike.
 */
public class TlsObserver extends SSLSocketFactory {

    /** What one handshake negotiated. */
    public record Handshake(String protocol, String cipherSuite, String subject, String issuer, Instant notAfter) {
    }

    private final List<SSLSocket> sockets;
    private final SSLSocketFactory delegate;

    /** An observer that has not wrapped a factory yet; {@link MailSessionFactory} calls {@link #wrap}. */
    public TlsObserver() {
        this(new CopyOnWriteArrayList<>(), null);
    }

    private TlsObserver(List<SSLSocket> sockets, SSLSocketFactory delegate) {
        this.sockets = sockets;
        this.delegate = delegate;
    }

    /** A factory that creates {@code factory}'s sockets and records their handshakes here. */
    SSLSocketFactory wrap(SSLSocketFactory factory) {
        return new TlsObserver(sockets, factory);
    }

    /**
     * The handshakes that completed on this observer's sockets. Read from the sockets' sessions after the
     * conversation (handshake listeners run on a thread of their own and may not have run yet).
     */
    public List<Handshake> handshakes() {
        List<Handshake> handshakes = new ArrayList<>();
        for (SSLSocket socket : sockets) {
            SSLSession session = socket.getSession();
            if (session == null || "NONE".equals(session.getProtocol())
                    || session.getCipherSuite().contains("NULL_WITH_NULL")) {
                continue;
            }
            handshakes.add(describe(session));
        }
        return handshakes;
    }

    private Socket observe(Socket socket) {
        if (socket instanceof SSLSocket ssl) {
            sockets.add(ssl);
        }
        return socket;
    }

    private static Handshake describe(SSLSession session) {
        String subject = "";
        String issuer = "";
        Instant notAfter = null;
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                subject = leaf.getSubjectX500Principal().getName();
                issuer = leaf.getIssuerX500Principal().getName();
                notAfter = leaf.getNotAfter().toInstant();
            }
        } catch (SSLPeerUnverifiedException e) {
            subject = "(the server sent no certificate)";
        }
        return new Handshake(session.getProtocol(), session.getCipherSuite(), subject, issuer, notAfter);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return observe(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return observe(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return observe(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return observe(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return observe(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return observe(delegate.createSocket(address, port, localAddress, localPort));
    }
}
