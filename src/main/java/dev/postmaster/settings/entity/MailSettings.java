package dev.postmaster.settings.entity;

import dev.postmaster.validation.HostName;
import dev.postmaster.validation.HttpUrl;
import dev.postmaster.validation.MailAddress;
import dev.postmaster.validation.SingleLine;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One complete version of the Email settings, as the administrator sees them on the page. The same value is kept
 * twice in the database (pending and active, see {@link StoredMailSettings}), so it is an embeddable value with a
 * {@link #copy()} rather than an entity of its own.
 *
 * <p>Passwords are only ever held here sealed (encrypted); the clear text exists in memory only while a mail
 * session is being built.
 */
@Embeddable
@CompleteCredentials
public class MailSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Seed's default display name for system mail. */
    public static final String DEFAULT_APPLICATION_NAME = "Postmaster";

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    // --- Outgoing Mail Server Settings
    @HostName
    @Size(max = 253)
    @Column(name = "smtp_host", length = 253)
    private String smtpHost;

    @Min(value = 1, message = "Enter a port from 1 to 65535")
    @Max(value = 65535, message = "Enter a port from 1 to 65535")
    @Column(name = "smtp_port")
    private Integer smtpPort;

    @MailAddress
    @Column(name = "reply_to", length = 254)
    private String replyTo;

    /** Kept for the seed's "Use SSL" meaning and for rows saved before {@link #smtpSecurity} existed. */
    @Column(name = "smtp_ssl")
    private boolean smtpSsl;

    @Enumerated(EnumType.STRING)
    @Column(name = "smtp_security", length = 16)
    private TransportSecurity smtpSecurity;

    @Column(name = "smtp_trust_certificate")
    private boolean smtpTrustCertificate;

    @Column(name = "smtp_auth")
    private boolean smtpAuth;

    @SingleLine
    @Size(max = 254, message = "Use at most 254 characters")
    @Column(name = "smtp_username", length = 254)
    private String smtpUsername;

    @Column(name = "smtp_password_sealed", length = 1024)
    private String smtpPasswordSealed;

    // --- Email Notifications
    @Column(name = "use_system_reply")
    private boolean useSystemReply = true;

    @Column(name = "use_display_name")
    private boolean useDisplayName = true;

    @NotBlank(message = "Enter the name shown as the sender of system mail")
    @SingleLine
    @Size(max = 100, message = "Use at most 100 characters")
    @Column(name = "application_name", length = 100)
    private String applicationName = DEFAULT_APPLICATION_NAME;

    @HttpUrl
    @Size(max = 2000, message = "Use at most 2000 characters")
    @Column(name = "application_url", length = 2000)
    private String applicationUrl;

    /** Where SEVERE log records are mailed (the seed's SMTP appender); none means they are not mailed. */
    @MailAddress
    @Column(name = "error_mail_to", length = 254)
    private String errorMailTo;

    // --- Incoming Mail Server Settings (the account type is always IMAP)
    @HostName
    @Size(max = 253)
    @Column(name = "imap_host", length = 253)
    private String imapHost;

    @Min(value = 1, message = "Enter a port from 1 to 65535")
    @Max(value = 65535, message = "Enter a port from 1 to 65535")
    @Column(name = "imap_port")
    private Integer imapPort;

    @SingleLine
    @Size(max = 254, message = "Use at most 254 characters")
    @Column(name = "imap_username", length = 254)
    private String imapUsername;

    @Column(name = "imap_password_sealed", length = 1024)
    private String imapPasswordSealed;

    @Column(name = "imap_ssl")
    private boolean imapSsl;

    @Enumerated(EnumType.STRING)
    @Column(name = "imap_security", length = 16)
    private TransportSecurity imapSecurity;

    @Column(name = "imap_trust_certificate")
    private boolean imapTrustCertificate;

    // --- Connection limits, for both servers
    @Min(value = 1, message = "Enter a timeout from 1 to 300 seconds")
    @Max(value = 300, message = "Enter a timeout from 1 to 300 seconds")
    @Column(name = "connect_timeout_seconds")
    private Integer connectTimeoutSeconds;

    @Min(value = 1, message = "Enter a timeout from 1 to 300 seconds")
    @Max(value = 300, message = "Enter a timeout from 1 to 300 seconds")
    @Column(name = "read_timeout_seconds")
    private Integer readTimeoutSeconds;

    /** The port actually used: the one entered, or the default for the encryption chosen (465, 587 or 25). */
    public int effectiveSmtpPort() {
        return smtpPort != null ? smtpPort : getSmtpSecurity().defaultSmtpPort();
    }

    /** The port actually used: the one entered, or the default for the encryption chosen (993 or 143). */
    public int effectiveImapPort() {
        return imapPort != null ? imapPort : getImapSecurity().defaultImapPort();
    }

    /** How long to wait for a connection; never infinite. */
    public Duration effectiveConnectTimeout() {
        return connectTimeoutSeconds != null ? Duration.ofSeconds(connectTimeoutSeconds) : DEFAULT_CONNECT_TIMEOUT;
    }

    /** How long to wait for each read and write once connected; never infinite. */
    public Duration effectiveReadTimeout() {
        return readTimeoutSeconds != null ? Duration.ofSeconds(readTimeoutSeconds) : DEFAULT_READ_TIMEOUT;
    }

    public boolean hasOutgoingServer() {
        return smtpHost != null && !smtpHost.isBlank();
    }

    public boolean hasIncomingServer() {
        return imapHost != null && !imapHost.isBlank();
    }

    public boolean hasReplyTo() {
        return replyTo != null && !replyTo.isBlank();
    }

    public MailSettings copy() {
        MailSettings copy = new MailSettings();
        copy.smtpHost = smtpHost;
        copy.smtpPort = smtpPort;
        copy.replyTo = replyTo;
        copy.smtpSsl = smtpSsl;
        copy.smtpSecurity = smtpSecurity;
        copy.smtpTrustCertificate = smtpTrustCertificate;
        copy.smtpAuth = smtpAuth;
        copy.smtpUsername = smtpUsername;
        copy.smtpPasswordSealed = smtpPasswordSealed;
        copy.useSystemReply = useSystemReply;
        copy.useDisplayName = useDisplayName;
        copy.applicationName = applicationName;
        copy.applicationUrl = applicationUrl;
        copy.errorMailTo = errorMailTo;
        copy.imapHost = imapHost;
        copy.imapPort = imapPort;
        copy.imapUsername = imapUsername;
        copy.imapPasswordSealed = imapPasswordSealed;
        copy.imapSsl = imapSsl;
        copy.imapSecurity = imapSecurity;
        copy.imapTrustCertificate = imapTrustCertificate;
        copy.connectTimeoutSeconds = connectTimeoutSeconds;
        copy.readTimeoutSeconds = readTimeoutSeconds;
        return copy;
    }

    /**
     * The labels of the fields whose values differ from {@code other}, in page order. A password counts as
     * different when its sealed form differs; the settings service keeps the sealed form unchanged when the same
     * password is typed again, so this does not report a change that is not one.
     */
    public List<String> differencesFrom(MailSettings other) {
        return changedFields(other).stream().map(Field::label).toList();
    }

    /**
     * The fields as the page names them, in page order: what a save changed is told (in the banner and the
     * audit) in these words. Secret fields are compared by their sealed form and never shown.
     */
    public enum Field {
        SMTP_HOST("Outgoing mail server (SMTP)", MailSettings::getSmtpHost),
        SMTP_PORT("Outgoing port", MailSettings::effectiveSmtpPort),
        REPLY_TO("Reply-To Address", MailSettings::getReplyTo),
        SMTP_SECURITY("Outgoing encryption", s -> s.getSmtpSecurity().label()),
        SMTP_TRUST("Trust the outgoing server's certificate", MailSettings::isSmtpTrustCertificate),
        SMTP_AUTH("Outgoing server requires authentication", MailSettings::isSmtpAuth),
        SMTP_USERNAME("Outgoing username", MailSettings::getSmtpUsername),
        SMTP_PASSWORD("Outgoing password", MailSettings::getSmtpPasswordSealed, true),
        USE_SYSTEM_REPLY("Use System Reply", MailSettings::isUseSystemReply),
        USE_DISPLAY_NAME("Use Display Name", MailSettings::isUseDisplayName),
        APPLICATION_NAME("Application name", MailSettings::getApplicationName),
        APPLICATION_URL("Application URL", MailSettings::getApplicationUrl),
        ERROR_MAIL_TO("Mail errors to", MailSettings::getErrorMailTo),
        IMAP_HOST("Incoming mail server", MailSettings::getImapHost),
        IMAP_PORT("Incoming port", s -> s.hasIncomingServer() ? s.effectiveImapPort() : null),
        IMAP_USERNAME("Incoming username", MailSettings::getImapUsername),
        IMAP_PASSWORD("Incoming password", MailSettings::getImapPasswordSealed, true),
        IMAP_SECURITY("Incoming encryption", s -> s.getImapSecurity().label()),
        IMAP_TRUST("Trust the incoming server's certificate", MailSettings::isImapTrustCertificate),
        CONNECT_TIMEOUT("Connect timeout (seconds)", s -> s.effectiveConnectTimeout().toSeconds()),
        READ_TIMEOUT("Read and write timeout (seconds)", s -> s.effectiveReadTimeout().toSeconds());

        private final String label;
        private final Function<MailSettings, Object> value;
        private final boolean secret;

        Field(String label, Function<MailSettings, Object> value) {
            this(label, value, false);
        }

        Field(String label, Function<MailSettings, Object> value, boolean secret) {
            this.label = label;
            this.value = value;
            this.secret = secret;
        }

        public String label() {
            return label;
        }

        public boolean secret() {
            return secret;
        }

        /** The value as a person reads it; a secret is never shown, only whether it is set. */
        public String display(MailSettings settings) {
            if (settings == null) {
                return "";
            }
            Object shown = value.apply(settings);
            if (secret) {
                return shown == null ? "not set" : "set";
            }
            if (shown instanceof Boolean on) {
                return on ? "on" : "off";
            }
            return shown == null ? "" : shown.toString();
        }

        boolean differs(MailSettings one, MailSettings other) {
            return other == null || !Objects.equals(value.apply(one), value.apply(other));
        }
    }

    /** The fields whose values differ from {@code other}, in page order. */
    public List<Field> changedFields(MailSettings other) {
        List<Field> changed = new ArrayList<>();
        for (Field field : Field.values()) {
            if (field.differs(this, other)) {
                changed.add(field);
            }
        }
        return changed;
    }

    public String getSmtpHost() {
        return smtpHost;
    }

    public void setSmtpHost(String smtpHost) {
        this.smtpHost = trimToNull(smtpHost);
    }

    public Integer getSmtpPort() {
        return smtpPort;
    }

    public void setSmtpPort(Integer smtpPort) {
        this.smtpPort = smtpPort;
    }

    public String getReplyTo() {
        return replyTo;
    }

    public void setReplyTo(String replyTo) {
        this.replyTo = trimToNull(replyTo);
    }

    /** The seed's "Use SSL": implicit TLS. */
    public boolean isSmtpSsl() {
        return getSmtpSecurity() == TransportSecurity.SSL_TLS;
    }

    /** Ticking "Use SSL" means SSL/TLS; clearing it means no encryption unless STARTTLS was chosen. */
    public void setSmtpSsl(boolean smtpSsl) {
        if (smtpSsl) {
            setSmtpSecurity(TransportSecurity.SSL_TLS);
        } else if (isSmtpSsl()) {
            setSmtpSecurity(TransportSecurity.NONE);
        }
    }

    public TransportSecurity getSmtpSecurity() {
        return smtpSecurity != null ? smtpSecurity : smtpSsl ? TransportSecurity.SSL_TLS : TransportSecurity.NONE;
    }

    public void setSmtpSecurity(TransportSecurity smtpSecurity) {
        this.smtpSecurity = smtpSecurity == null ? TransportSecurity.NONE : smtpSecurity;
        this.smtpSsl = this.smtpSecurity == TransportSecurity.SSL_TLS;
    }

    public boolean isSmtpTrustCertificate() {
        return smtpTrustCertificate;
    }

    public void setSmtpTrustCertificate(boolean smtpTrustCertificate) {
        this.smtpTrustCertificate = smtpTrustCertificate;
    }

    public boolean isSmtpAuth() {
        return smtpAuth;
    }

    public void setSmtpAuth(boolean smtpAuth) {
        this.smtpAuth = smtpAuth;
    }

    public String getSmtpUsername() {
        return smtpUsername;
    }

    public void setSmtpUsername(String smtpUsername) {
        this.smtpUsername = trimToNull(smtpUsername);
    }

    public String getSmtpPasswordSealed() {
        return smtpPasswordSealed;
    }

    public void setSmtpPasswordSealed(String smtpPasswordSealed) {
        this.smtpPasswordSealed = smtpPasswordSealed;
    }

    public boolean isUseSystemReply() {
        return useSystemReply;
    }

    public void setUseSystemReply(boolean useSystemReply) {
        this.useSystemReply = useSystemReply;
    }

    public boolean isUseDisplayName() {
        return useDisplayName;
    }

    public void setUseDisplayName(boolean useDisplayName) {
        this.useDisplayName = useDisplayName;
    }

    public String getApplicationName() {
        return applicationName;
    }

    public void setApplicationName(String applicationName) {
        this.applicationName = trimToNull(applicationName);
    }

    public String getApplicationUrl() {
        return applicationUrl;
    }

    public void setApplicationUrl(String applicationUrl) {
        this.applicationUrl = trimToNull(applicationUrl);
    }

    public String getErrorMailTo() {
        return errorMailTo;
    }

    public void setErrorMailTo(String errorMailTo) {
        this.errorMailTo = trimToNull(errorMailTo);
    }

    public String getImapHost() {
        return imapHost;
    }

    public void setImapHost(String imapHost) {
        this.imapHost = trimToNull(imapHost);
    }

    public Integer getImapPort() {
        return imapPort;
    }

    public void setImapPort(Integer imapPort) {
        this.imapPort = imapPort;
    }

    public String getImapUsername() {
        return imapUsername;
    }

    public void setImapUsername(String imapUsername) {
        this.imapUsername = trimToNull(imapUsername);
    }

    public String getImapPasswordSealed() {
        return imapPasswordSealed;
    }

    public void setImapPasswordSealed(String imapPasswordSealed) {
        this.imapPasswordSealed = imapPasswordSealed;
    }

    /** The seed's "Use SSL" for the incoming account: implicit TLS. */
    public boolean isImapSsl() {
        return getImapSecurity() == TransportSecurity.SSL_TLS;
    }

    public void setImapSsl(boolean imapSsl) {
        if (imapSsl) {
            setImapSecurity(TransportSecurity.SSL_TLS);
        } else if (isImapSsl()) {
            setImapSecurity(TransportSecurity.NONE);
        }
    }

    public TransportSecurity getImapSecurity() {
        return imapSecurity != null ? imapSecurity : imapSsl ? TransportSecurity.SSL_TLS : TransportSecurity.NONE;
    }

    public void setImapSecurity(TransportSecurity imapSecurity) {
        this.imapSecurity = imapSecurity == null ? TransportSecurity.NONE : imapSecurity;
        this.imapSsl = this.imapSecurity == TransportSecurity.SSL_TLS;
    }

    public boolean isImapTrustCertificate() {
        return imapTrustCertificate;
    }

    public void setImapTrustCertificate(boolean imapTrustCertificate) {
        this.imapTrustCertificate = imapTrustCertificate;
    }

    public Integer getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    public void setConnectTimeoutSeconds(Integer connectTimeoutSeconds) {
        this.connectTimeoutSeconds = connectTimeoutSeconds;
    }

    public Integer getReadTimeoutSeconds() {
        return readTimeoutSeconds;
    }

    public void setReadTimeoutSeconds(Integer readTimeoutSeconds) {
        this.readTimeoutSeconds = readTimeoutSeconds;
    }

    private static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
