package dev.postmaster.settings.entity;

import dev.postmaster.validation.HostName;
import dev.postmaster.validation.SingleLine;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.io.Serializable;

/**
 * One mail server the application talks to: where it is, how the connection is protected, whether its
 * certificate is trusted without checking, and the account it signs in with (the password only ever sealed).
 * The Email settings hold it twice, for the outgoing (SMTP) and the incoming (IMAP) server, so everything that
 * connects, tests or probes a server works on this one shape; which protocol it speaks is said by whoever holds
 * it, since the same columns mean the same things for both.
 *
 * <p>"Use SSL" of the documented TeamConnect page is not stored: it is a view of {@link #getSecurity()}
 * ({@link #isSsl()}).
 */
@Embeddable
public class MailServer implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The length of a sealed password's column: a password of {@link MailPassword#MAX_LENGTH} characters at
     * three UTF-8 bytes each, sealed (prefix, nonce and tag, all in base64), takes 1067 characters; the rest is
     * room for a later format.
     */
    public static final int SEALED_PASSWORD_LENGTH = 2048;

    /** {@link HostName} also bounds the length (253, the DNS limit), with the one message for a bad host. */
    @HostName
    @Column(length = 253)
    private String host;

    @Min(value = 1, message = "Enter a port from 1 to 65535")
    @Max(value = 65535, message = "Enter a port from 1 to 65535")
    private Integer port;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TransportSecurity security = TransportSecurity.NONE;

    @Column(nullable = false)
    private boolean trustCertificate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private AuthMethod authMethod = AuthMethod.NONE;

    @SingleLine
    @Size(max = 254, message = "Use at most 254 characters")
    @Column(length = 254)
    private String username;

    @Column(length = SEALED_PASSWORD_LENGTH)
    private String passwordSealed;

    /** Used when {@link #getAuthMethod()} is OAuth2; kept when another method is chosen, so a switch back finds it. */
    @Valid
    @Embedded
    private OAuthSettings oauth = new OAuthSettings();

    public MailServer() {
        // for JPA and the page
    }

    private MailServer(MailServer other) {
        host = other.host;
        port = other.port;
        security = other.security;
        trustCertificate = other.trustCertificate;
        authMethod = other.authMethod;
        username = other.username;
        passwordSealed = other.passwordSealed;
        oauth = other.getOauth().copy();
    }

    public MailServer copy() {
        return new MailServer(this);
    }

    /** Whether a server is set at all; without one, this kind of mail is off. */
    public boolean isSet() {
        return host != null && !host.isBlank();
    }

    /** The port actually used: the one entered, or the one {@code protocol} reserves for the encryption chosen. */
    public int effectivePort(Protocol protocol) {
        return port != null ? port : protocol.defaultPort(getSecurity());
    }

    /** {@code host:port} as used, for logs and reports. */
    public String address(Protocol protocol) {
        return host + ":" + effectivePort(protocol);
    }

    /** "Use SSL": implicit TLS. */
    public boolean isSsl() {
        return security == TransportSecurity.SSL_TLS;
    }

    /** Ticking "Use SSL" means SSL/TLS; clearing it means no encryption unless STARTTLS was chosen. */
    public void setSsl(boolean ssl) {
        if (ssl) {
            security = TransportSecurity.SSL_TLS;
        } else if (isSsl()) {
            security = TransportSecurity.NONE;
        }
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = trimToNull(host);
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public TransportSecurity getSecurity() {
        return security == null ? TransportSecurity.NONE : security;
    }

    public void setSecurity(TransportSecurity security) {
        this.security = security == null ? TransportSecurity.NONE : security;
    }

    public boolean isTrustCertificate() {
        return trustCertificate;
    }

    public void setTrustCertificate(boolean trustCertificate) {
        this.trustCertificate = trustCertificate;
    }

    /** Whether the server is signed in to at all (with a password or with OAuth2). */
    public boolean isAuthentication() {
        return getAuthMethod() != AuthMethod.NONE;
    }

    /** "Requires authentication" as a switch: on means a password unless OAuth2 is chosen; off means none. */
    public void setAuthentication(boolean authentication) {
        if (!authentication) {
            authMethod = AuthMethod.NONE;
        } else if (authMethod == AuthMethod.NONE || authMethod == null) {
            authMethod = AuthMethod.PASSWORD;
        }
    }

    public AuthMethod getAuthMethod() {
        return authMethod == null ? AuthMethod.NONE : authMethod;
    }

    public void setAuthMethod(AuthMethod authMethod) {
        this.authMethod = authMethod == null ? AuthMethod.NONE : authMethod;
    }

    /** Whether the server is signed in to with OAuth2 (SASL XOAUTH2). */
    public boolean isOauth2() {
        return getAuthMethod() == AuthMethod.OAUTH2;
    }

    /**
     * The OAuth2 client and grant; never {@code null} (JPA leaves an embeddable whose columns are all empty
     * {@code null}).
     */
    public OAuthSettings getOauth() {
        if (oauth == null) {
            oauth = new OAuthSettings();
        }
        return oauth;
    }

    /**
     * The account XOAUTH2 signs in as: the username when one is entered (a shared mailbox, say), else the
     * account that granted access.
     */
    public String oauthUser() {
        return username != null ? username : getOauth().getAccount();
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = trimToNull(username);
    }

    public String getPasswordSealed() {
        return passwordSealed;
    }

    public void setPasswordSealed(String passwordSealed) {
        this.passwordSealed = passwordSealed;
    }

    static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
