package dev.postmaster.mailruntime.control;

import dev.postmaster.mailruntime.boundary.GrantRefused;
import dev.postmaster.settings.boundary.MailSettingsService;
import dev.postmaster.settings.boundary.OAuthClient;
import dev.postmaster.settings.boundary.SecretBox;
import dev.postmaster.settings.boundary.SecretField;
import dev.postmaster.settings.boundary.SecretUnreadableException;
import dev.postmaster.settings.entity.AuthMethod;
import dev.postmaster.settings.entity.MailServer;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.Protocol;
import dev.postmaster.settings.entity.TransportSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The one place a {@link Session} is built from settings, the same way for both protocols. Every session gets
 * connect, read and write timeouts (a mail server that stops answering must never hang a request thread or a
 * timer). Encryption follows the setting: implicit TLS, or STARTTLS that is <em>required</em> (a server that does
 * not offer it is refused rather than spoken to in clear). Server certificates are checked against the JVM's
 * trust store, host name included, unless the administrator explicitly chose to trust that server's certificate.
 *
 * <p>Passwords are opened from their sealed form only here, into the session's {@link Authenticator}; mail
 * debug output is off, and where a diagnostic turns it on, authentication is never part of it. A server that
 * signs in with OAuth2 gets a session that offers only SASL XOAUTH2 and carries its {@link AccessTokens}, from
 * which every connect takes a fresh access token as its password (see {@code MailSignIn}).
 */
@ApplicationScoped
public class MailSessionFactory {

    @Inject
    SecretBox secretBox;

    @Inject
    OAuthClient oauthClient;

    @Inject
    MailSettingsService settingsService;

    @Inject
    Event<GrantRefused> refusals;

    public MailSessionFactory() {
        // for CDI
    }

    /** For tests: OAuth2 tokens are then kept in memory only, and a refusal is only thrown. */
    public MailSessionFactory(SecretBox secretBox) {
        this.secretBox = secretBox;
        this.oauthClient = new OAuthClient(secretBox);
    }

    /**
     * The session for the server of {@code settings} that speaks {@code protocol}, or {@code null} when no such
     * server is set.
     *
     * @throws dev.postmaster.settings.boundary.SecretUnreadableException when its password cannot be opened
     */
    public Session session(Protocol protocol, MailSettings settings) {
        return session(protocol, settings, null);
    }

    /** As {@link #session(Protocol, MailSettings)}, noting TLS handshakes in {@code observer} when given. */
    public Session session(Protocol protocol, MailSettings settings, TlsObserver observer) {
        MailServer server = settings.server(protocol);
        if (!server.isSet()) {
            return null;
        }
        String name = protocol.name().toLowerCase(Locale.ROOT);
        String prefix = "mail." + name;
        Properties props = new Properties();
        props.put(protocol == Protocol.SMTP ? "mail.transport.protocol" : "mail.store.protocol", name);
        props.put(prefix + ".host", server.getHost());
        props.put(prefix + ".port", Integer.toString(server.effectivePort(protocol)));
        props.put(prefix + ".auth", Boolean.toString(server.isAuthentication()));
        props.put("mail.debug.auth", "false");
        String user = server.isOauth2() ? server.oauthUser() : server.getUsername();
        if (user != null) {
            props.put(prefix + ".user", user);
        }
        security(props, prefix, server, observer);
        timeouts(props, prefix, settings);
        if (protocol == Protocol.IMAP) {
            // Reading a message must set no flag: the poller marks mail seen itself, once it is stored.
            props.put("mail.imap.peek", "true");
        }
        if (protocol == Protocol.SMTP && settings.hasReplyTo()) {
            // Envelope sender and the domain of generated Message-IDs.
            props.put("mail.smtp.from", settings.getReplyTo());
            props.put("mail.from", settings.getReplyTo());
        }
        if (server.isOauth2()) {
            props.put(prefix + ".auth.mechanisms", "XOAUTH2");
            props.put(AccessTokens.PROPERTY, tokens(protocol, settings));
            return Session.getInstance(props);
        }
        Authenticator authenticator = server.getAuthMethod() == AuthMethod.PASSWORD
                ? authenticator(server.getUsername(),
                        secretBox.open(SecretField.passwordOf(protocol), server.getPasswordSealed()))
                : null;
        return Session.getInstance(props, authenticator);
    }

    /**
     * The tokens of an OAuth2 server's sessions. A provider's final refusal is announced as {@link GrantRefused},
     * which turns the server's mail off when these are the sessions running.
     */
    private AccessTokens tokens(Protocol protocol, MailSettings settings) {
        MailServer server = settings.server(protocol);
        if (!server.getOauth().isConnected()) {
            throw new SecretUnreadableException("OAuth2 is chosen but no account is connected: click Connect on the"
                    + " Email page, then Apply now.");
        }
        if (server.oauthUser() == null) {
            throw new SecretUnreadableException("The provider did not name the connected account: enter the"
                    + " mailbox address as the username.");
        }
        return new AccessTokens(protocol, settings, oauthClient, secretBox, settingsService,
                refusals == null ? refusal -> { } : refusals::fire);
    }

    private static void security(Properties props, String prefix, MailServer server, TlsObserver observer) {
        TransportSecurity security = server.getSecurity();
        props.put(prefix + ".ssl.enable", Boolean.toString(security == TransportSecurity.SSL_TLS));
        props.put(prefix + ".starttls.enable", Boolean.toString(security == TransportSecurity.STARTTLS));
        props.put(prefix + ".starttls.required", Boolean.toString(security == TransportSecurity.STARTTLS));
        props.put(prefix + ".ssl.checkserveridentity", Boolean.toString(!server.isTrustCertificate()));
        if (security != TransportSecurity.NONE) {
            // Our own factory in every case, so that trust is decided here and nowhere else.
            SSLSocketFactory factory = sslSocketFactory(server.isTrustCertificate());
            props.put(prefix + ".ssl.socketFactory", observer == null ? factory : observer.wrap(factory));
        }
    }

    private static void timeouts(Properties props, String prefix, MailSettings settings) {
        String connect = Long.toString(settings.effectiveConnectTimeout().toMillis());
        String read = Long.toString(settings.effectiveReadTimeout().toMillis());
        props.put(prefix + ".connectiontimeout", connect);
        props.put(prefix + ".timeout", read);
        props.put(prefix + ".writetimeout", read);
    }

    /** The TLS sockets a server's connections use: the JVM's trust store, or trust for this one server. */
    public static SSLSocketFactory sslSocketFactory(boolean trustCertificate) {
        return trustCertificate ? trustingFactory() : defaultFactory();
    }

    private static SSLSocketFactory defaultFactory() {
        return (SSLSocketFactory) SSLSocketFactory.getDefault();
    }

    /**
     * For a server whose certificate the administrator explicitly chose to trust (self-signed, private CA):
     * the connection is still encrypted, but the certificate is not verified. The page warns about this.
     */
    private static SSLSocketFactory trustingFactory() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    // not a client
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // trusted by the administrator's explicit choice for this one server
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    private static Authenticator authenticator(String username, String password) {
        PasswordAuthentication credentials = new PasswordAuthentication(username, password);
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return credentials;
            }
        };
    }
}
