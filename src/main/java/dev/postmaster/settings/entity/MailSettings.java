package dev.postmaster.settings.entity;

import dev.postmaster.validation.HttpUrl;
import dev.postmaster.validation.MailAddress;
import dev.postmaster.validation.SingleLine;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One complete version of the Email settings: the outgoing and the incoming {@link MailServer}, the sender
 * switches and names of notification mail, and the connection timeouts both servers share. The same value is
 * kept twice in the database (pending and active, see {@link StoredMailSettings}), so it is an embeddable value
 * with a {@link #copy()} rather than an entity of its own.
 *
 * <p>Passwords are only ever held here sealed (encrypted); the clear text exists in memory only while a mail
 * session is being built. How the fields are named on the page is the console's business; {@link Field} only
 * says which fields there are, in page order, and how two versions are compared.
 */
@Embeddable
@CompleteCredentials
public class MailSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The display name of system mail until an administrator picks another. */
    public static final String DEFAULT_APPLICATION_NAME = "Postmaster";

    public static final int DEFAULT_SMTP_CONNECTIONS = 2;
    public static final int MAX_SMTP_CONNECTIONS = 8;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_MESSAGE_MEGABYTES = 25;
    public static final Duration DEFAULT_BACKLOG_AGE = Duration.ofDays(7);

    @Valid
    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "host", column = @Column(name = "smtp_host", length = 253)),
        @AttributeOverride(name = "port", column = @Column(name = "smtp_port")),
        @AttributeOverride(name = "security", column = @Column(name = "smtp_security", nullable = false,
                length = 16)),
        @AttributeOverride(name = "trustCertificate", column = @Column(name = "smtp_trust_certificate",
                nullable = false)),
        @AttributeOverride(name = "authMethod", column = @Column(name = "smtp_auth_method", nullable = false,
                length = 16)),
        @AttributeOverride(name = "username", column = @Column(name = "smtp_username", length = 254)),
        @AttributeOverride(name = "passwordSealed", column = @Column(name = "smtp_password_sealed",
                length = MailServer.SEALED_PASSWORD_LENGTH)),
        @AttributeOverride(name = "oauth.provider", column = @Column(name = "smtp_oauth_provider", length = 16)),
        @AttributeOverride(name = "oauth.tenant", column = @Column(name = "smtp_oauth_tenant", length = 100)),
        @AttributeOverride(name = "oauth.authorizationEndpoint", column = @Column(name = "smtp_oauth_authorization_url",
                length = 2000)),
        @AttributeOverride(name = "oauth.tokenEndpoint", column = @Column(name = "smtp_oauth_token_url",
                length = 2000)),
        @AttributeOverride(name = "oauth.scopes", column = @Column(name = "smtp_oauth_scopes", length = 1000)),
        @AttributeOverride(name = "oauth.clientId", column = @Column(name = "smtp_oauth_client_id", length = 254)),
        @AttributeOverride(name = "oauth.clientSecretSealed", column = @Column(name = "smtp_oauth_secret_sealed",
                length = MailServer.SEALED_PASSWORD_LENGTH)),
        @AttributeOverride(name = "oauth.clientSecretExpires", column = @Column(name = "smtp_oauth_secret_expires")),
        @AttributeOverride(name = "oauth.refreshTokenSealed", column = @Column(name = "smtp_oauth_refresh_sealed",
                length = OAuthSettings.SEALED_REFRESH_TOKEN_LENGTH)),
        @AttributeOverride(name = "oauth.account", column = @Column(name = "smtp_oauth_account", length = 254)),
        @AttributeOverride(name = "oauth.grantedAt", column = @Column(name = "smtp_oauth_granted_at"))
    })
    private MailServer outgoing = new MailServer();

    @MailAddress
    @Column(name = "reply_to", length = 254)
    private String replyTo;

    @Column(name = "use_system_reply", nullable = false)
    private boolean useSystemReply = true;

    @Column(name = "use_display_name", nullable = false)
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

    /** Where SEVERE log records are mailed (TeamConnect's SMTP appender); none means they are not mailed. */
    @MailAddress
    @Column(name = "error_mail_to", length = 254)
    private String errorMailTo;

    /** The incoming account; its type is always IMAP, and it always signs in. */
    @Valid
    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "host", column = @Column(name = "imap_host", length = 253)),
        @AttributeOverride(name = "port", column = @Column(name = "imap_port")),
        @AttributeOverride(name = "security", column = @Column(name = "imap_security", nullable = false,
                length = 16)),
        @AttributeOverride(name = "trustCertificate", column = @Column(name = "imap_trust_certificate",
                nullable = false)),
        @AttributeOverride(name = "authMethod", column = @Column(name = "imap_auth_method", nullable = false,
                length = 16)),
        @AttributeOverride(name = "username", column = @Column(name = "imap_username", length = 254)),
        @AttributeOverride(name = "passwordSealed", column = @Column(name = "imap_password_sealed",
                length = MailServer.SEALED_PASSWORD_LENGTH)),
        @AttributeOverride(name = "oauth.provider", column = @Column(name = "imap_oauth_provider", length = 16)),
        @AttributeOverride(name = "oauth.tenant", column = @Column(name = "imap_oauth_tenant", length = 100)),
        @AttributeOverride(name = "oauth.authorizationEndpoint", column = @Column(name = "imap_oauth_authorization_url",
                length = 2000)),
        @AttributeOverride(name = "oauth.tokenEndpoint", column = @Column(name = "imap_oauth_token_url",
                length = 2000)),
        @AttributeOverride(name = "oauth.scopes", column = @Column(name = "imap_oauth_scopes", length = 1000)),
        @AttributeOverride(name = "oauth.clientId", column = @Column(name = "imap_oauth_client_id", length = 254)),
        @AttributeOverride(name = "oauth.clientSecretSealed", column = @Column(name = "imap_oauth_secret_sealed",
                length = MailServer.SEALED_PASSWORD_LENGTH)),
        @AttributeOverride(name = "oauth.clientSecretExpires", column = @Column(name = "imap_oauth_secret_expires")),
        @AttributeOverride(name = "oauth.refreshTokenSealed", column = @Column(name = "imap_oauth_refresh_sealed",
                length = OAuthSettings.SEALED_REFRESH_TOKEN_LENGTH)),
        @AttributeOverride(name = "oauth.account", column = @Column(name = "imap_oauth_account", length = 254)),
        @AttributeOverride(name = "oauth.grantedAt", column = @Column(name = "imap_oauth_granted_at"))
    })
    private MailServer incoming = incomingAccount();

    /** Where replies to the incoming mailbox are addressed; without one, its username when that is an address. */
    @MailAddress
    @Column(name = "imap_address", length = 254)
    private String incomingAddress;

    /** Whether notifications carry the incoming mailbox as their Reply-To, so that replies are read back. */
    @Column(name = "replies_to_incoming", nullable = false)
    private boolean repliesToIncoming;

    @Min(value = 10, message = "Enter an interval from 10 to 86400 seconds")
    @Max(value = 86400, message = "Enter an interval from 10 to 86400 seconds")
    @Column(name = "poll_interval_seconds")
    private Integer pollIntervalSeconds;

    @Min(value = 1, message = "Enter a size from 1 to 100 MB")
    @Max(value = 100, message = "Enter a size from 1 to 100 MB")
    @Column(name = "max_message_megabytes")
    private Integer maxMessageMegabytes;

    @Min(value = 0, message = "Enter a number of days from 0 to 3650")
    @Max(value = 3650, message = "Enter a number of days from 0 to 3650")
    @Column(name = "backlog_days")
    private Integer backlogDays;

    /**
     * How many SMTP connections the outbox sends over at once. More than one lets a slow server's round trips
     * overlap; more than a few only makes a small server refuse connections, hence the ceiling.
     */
    @Min(value = 1, message = "Enter a number of connections from 1 to " + MAX_SMTP_CONNECTIONS)
    @Max(value = MAX_SMTP_CONNECTIONS, message = "Enter a number of connections from 1 to " + MAX_SMTP_CONNECTIONS)
    @Column(name = "smtp_connections")
    private Integer smtpConnections;

    @Min(value = 1, message = "Enter a timeout from 1 to 300 seconds")
    @Max(value = 300, message = "Enter a timeout from 1 to 300 seconds")
    @Column(name = "connect_timeout_seconds")
    private Integer connectTimeoutSeconds;

    @Min(value = 1, message = "Enter a timeout from 1 to 300 seconds")
    @Max(value = 300, message = "Enter a timeout from 1 to 300 seconds")
    @Column(name = "read_timeout_seconds")
    private Integer readTimeoutSeconds;

    private static MailServer incomingAccount() {
        MailServer account = new MailServer();
        account.setAuthMethod(AuthMethod.PASSWORD);
        return account;
    }

    /** The fields in page order, with how each is compared; {@link #secret()} ones by their sealed form. */
    public enum Field {
        OUTGOING_HOST("outgoing.host", s -> s.outgoing.getHost()),
        OUTGOING_PORT("outgoing.port", s -> s.outgoing.effectivePort(Protocol.SMTP)),
        REPLY_TO("replyTo", MailSettings::getReplyTo),
        OUTGOING_SECURITY("outgoing.security", s -> s.outgoing.getSecurity()),
        OUTGOING_TRUST("outgoing.trustCertificate", s -> s.outgoing.isTrustCertificate()),
        OUTGOING_AUTHENTICATION("outgoing.authMethod", s -> s.outgoing.getAuthMethod()),
        OUTGOING_USERNAME("outgoing.username", s -> s.outgoing.getUsername()),
        OUTGOING_PASSWORD("outgoing.password", s -> s.outgoing.getPasswordSealed()),
        OUTGOING_OAUTH_PROVIDER("outgoing.oauth.provider", s -> s.outgoing.getOauth().getProvider()),
        OUTGOING_OAUTH_TENANT("outgoing.oauth.tenant", s -> s.outgoing.getOauth().getTenant()),
        OUTGOING_OAUTH_AUTHORIZATION("outgoing.oauth.authorizationEndpoint",
                s -> s.outgoing.getOauth().effectiveAuthorizationEndpoint()),
        OUTGOING_OAUTH_TOKEN("outgoing.oauth.tokenEndpoint", s -> s.outgoing.getOauth().effectiveTokenEndpoint()),
        OUTGOING_OAUTH_SCOPES("outgoing.oauth.scopes", s -> s.outgoing.getOauth().getScopes()),
        OUTGOING_OAUTH_CLIENT_ID("outgoing.oauth.clientId", s -> s.outgoing.getOauth().getClientId()),
        OUTGOING_OAUTH_CLIENT_SECRET("outgoing.oauth.clientSecret", s -> s.outgoing.getOauth().getClientSecretSealed()),
        OUTGOING_OAUTH_SECRET_EXPIRES("outgoing.oauth.clientSecretExpires",
                s -> s.outgoing.getOauth().getClientSecretExpires()),
        OUTGOING_OAUTH_GRANT("outgoing.oauth.grant", s -> s.outgoing.getOauth().grantDescription()),
        USE_SYSTEM_REPLY("useSystemReply", MailSettings::isUseSystemReply),
        USE_DISPLAY_NAME("useDisplayName", MailSettings::isUseDisplayName),
        APPLICATION_NAME("applicationName", MailSettings::getApplicationName),
        APPLICATION_URL("applicationUrl", MailSettings::getApplicationUrl),
        ERROR_MAIL_TO("errorMailTo", MailSettings::getErrorMailTo),
        INCOMING_HOST("incoming.host", s -> s.incoming.getHost()),
        INCOMING_PORT("incoming.port", s -> s.incoming.isSet() ? s.incoming.effectivePort(Protocol.IMAP) : null),
        INCOMING_USERNAME("incoming.username", s -> s.incoming.getUsername()),
        INCOMING_AUTHENTICATION("incoming.authMethod", s -> s.incoming.getAuthMethod()),
        INCOMING_PASSWORD("incoming.password", s -> s.incoming.getPasswordSealed()),
        INCOMING_OAUTH_PROVIDER("incoming.oauth.provider", s -> s.incoming.getOauth().getProvider()),
        INCOMING_OAUTH_TENANT("incoming.oauth.tenant", s -> s.incoming.getOauth().getTenant()),
        INCOMING_OAUTH_AUTHORIZATION("incoming.oauth.authorizationEndpoint",
                s -> s.incoming.getOauth().effectiveAuthorizationEndpoint()),
        INCOMING_OAUTH_TOKEN("incoming.oauth.tokenEndpoint", s -> s.incoming.getOauth().effectiveTokenEndpoint()),
        INCOMING_OAUTH_SCOPES("incoming.oauth.scopes", s -> s.incoming.getOauth().getScopes()),
        INCOMING_OAUTH_CLIENT_ID("incoming.oauth.clientId", s -> s.incoming.getOauth().getClientId()),
        INCOMING_OAUTH_CLIENT_SECRET("incoming.oauth.clientSecret", s -> s.incoming.getOauth().getClientSecretSealed()),
        INCOMING_OAUTH_SECRET_EXPIRES("incoming.oauth.clientSecretExpires",
                s -> s.incoming.getOauth().getClientSecretExpires()),
        INCOMING_OAUTH_GRANT("incoming.oauth.grant", s -> s.incoming.getOauth().grantDescription()),
        INCOMING_SECURITY("incoming.security", s -> s.incoming.getSecurity()),
        INCOMING_TRUST("incoming.trustCertificate", s -> s.incoming.isTrustCertificate()),
        INCOMING_ADDRESS("incomingAddress", MailSettings::getIncomingAddress),
        REPLIES_TO_INCOMING("repliesToIncoming", MailSettings::isRepliesToIncoming),
        POLL_INTERVAL("pollIntervalSeconds", s -> s.effectivePollInterval().toSeconds()),
        MAX_MESSAGE_SIZE("maxMessageMegabytes", s -> s.effectiveMaxMessageBytes() / (1024 * 1024)),
        BACKLOG_AGE("backlogDays", s -> s.effectiveBacklogAge().toDays()),
        SMTP_CONNECTIONS("smtpConnections", MailSettings::effectiveSmtpConnections),
        CONNECT_TIMEOUT("connectTimeoutSeconds", s -> s.effectiveConnectTimeout().toSeconds()),
        READ_TIMEOUT("readTimeoutSeconds", s -> s.effectiveReadTimeout().toSeconds());

        private final String property;
        private final Function<MailSettings, Object> value;

        Field(String property, Function<MailSettings, Object> value) {
            this.property = property;
            this.value = value;
        }

        /** The property path Bean Validation reports problems of this field on. */
        public String property() {
            return property;
        }

        /** A password or client secret: compared by its sealed form, and never shown. */
        public boolean secret() {
            return this == OUTGOING_PASSWORD || this == INCOMING_PASSWORD || this == OUTGOING_OAUTH_CLIENT_SECRET
                    || this == INCOMING_OAUTH_CLIENT_SECRET;
        }

        /** The value as compared and recorded: text, a number, a switch or a choice, or {@code null}. */
        public Object valueIn(MailSettings settings) {
            return settings == null ? null : value.apply(settings);
        }

        boolean differs(MailSettings one, MailSettings other) {
            return other == null || !Objects.equals(valueIn(one), valueIn(other));
        }
    }

    /**
     * The fields whose values differ from {@code other} (all of them when there is no other), in page order. A
     * password counts as different when its sealed form differs; the settings service keeps the sealed form
     * unchanged when the same password is typed again, so this does not report a change that is not one.
     */
    public List<Field> changedFields(MailSettings other) {
        return Arrays.stream(Field.values()).filter(field -> field.differs(this, other)).toList();
    }

    public MailSettings copy() {
        MailSettings copy = new MailSettings();
        copy.outgoing = outgoing.copy();
        copy.replyTo = replyTo;
        copy.useSystemReply = useSystemReply;
        copy.useDisplayName = useDisplayName;
        copy.applicationName = applicationName;
        copy.applicationUrl = applicationUrl;
        copy.errorMailTo = errorMailTo;
        copy.incoming = incoming.copy();
        copy.incomingAddress = incomingAddress;
        copy.repliesToIncoming = repliesToIncoming;
        copy.pollIntervalSeconds = pollIntervalSeconds;
        copy.maxMessageMegabytes = maxMessageMegabytes;
        copy.backlogDays = backlogDays;
        copy.smtpConnections = smtpConnections;
        copy.connectTimeoutSeconds = connectTimeoutSeconds;
        copy.readTimeoutSeconds = readTimeoutSeconds;
        return copy;
    }

    /** How many connections the outbox sends over in parallel ("Parallel connections"). */
    public int effectiveSmtpConnections() {
        return smtpConnections != null ? smtpConnections : DEFAULT_SMTP_CONNECTIONS;
    }

    /** How long to wait for a connection; never infinite. */
    public Duration effectiveConnectTimeout() {
        return connectTimeoutSeconds != null ? Duration.ofSeconds(connectTimeoutSeconds) : DEFAULT_CONNECT_TIMEOUT;
    }

    /** How long to wait for each read and write once connected; never infinite. */
    public Duration effectiveReadTimeout() {
        return readTimeoutSeconds != null ? Duration.ofSeconds(readTimeoutSeconds) : DEFAULT_READ_TIMEOUT;
    }

    /** How often the incoming mailbox is read. */
    public Duration effectivePollInterval() {
        return pollIntervalSeconds != null ? Duration.ofSeconds(pollIntervalSeconds) : DEFAULT_POLL_INTERVAL;
    }

    /** Mail larger than this is logged with its headers only. */
    public long effectiveMaxMessageBytes() {
        return (maxMessageMegabytes != null ? maxMessageMegabytes : DEFAULT_MAX_MESSAGE_MEGABYTES) * 1024L * 1024L;
    }

    /** Unread mail that reached the mailbox this long before the first connect is held back, not read. */
    public Duration effectiveBacklogAge() {
        return backlogDays != null ? Duration.ofDays(backlogDays) : DEFAULT_BACKLOG_AGE;
    }

    /**
     * The incoming mailbox's address: the one entered, else the incoming username when that is an address, else
     * none (and replies cannot be sent to the mailbox).
     */
    public String effectiveIncomingAddress() {
        if (incomingAddress != null) {
            return incomingAddress;
        }
        String username = incoming.getUsername();
        return username != null && MailAddress.Validator.isAddress(username) ? username : null;
    }

    public boolean hasReplyTo() {
        return replyTo != null && !replyTo.isBlank();
    }

    /** The outgoing (SMTP) server. */
    public MailServer getOutgoing() {
        return outgoing;
    }

    /** The incoming (IMAP) account. */
    public MailServer getIncoming() {
        return incoming;
    }

    /** The server that speaks {@code protocol}. */
    public MailServer server(Protocol protocol) {
        return protocol == Protocol.SMTP ? outgoing : incoming;
    }

    public String getReplyTo() {
        return replyTo;
    }

    public void setReplyTo(String replyTo) {
        this.replyTo = MailServer.trimToNull(replyTo);
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
        this.applicationName = MailServer.trimToNull(applicationName);
    }

    public String getApplicationUrl() {
        return applicationUrl;
    }

    public void setApplicationUrl(String applicationUrl) {
        this.applicationUrl = MailServer.trimToNull(applicationUrl);
    }

    public String getErrorMailTo() {
        return errorMailTo;
    }

    public void setErrorMailTo(String errorMailTo) {
        this.errorMailTo = MailServer.trimToNull(errorMailTo);
    }

    public String getIncomingAddress() {
        return incomingAddress;
    }

    public void setIncomingAddress(String incomingAddress) {
        this.incomingAddress = MailServer.trimToNull(incomingAddress);
    }

    public boolean isRepliesToIncoming() {
        return repliesToIncoming;
    }

    public void setRepliesToIncoming(boolean repliesToIncoming) {
        this.repliesToIncoming = repliesToIncoming;
    }

    public Integer getPollIntervalSeconds() {
        return pollIntervalSeconds;
    }

    public void setPollIntervalSeconds(Integer pollIntervalSeconds) {
        this.pollIntervalSeconds = pollIntervalSeconds;
    }

    public Integer getMaxMessageMegabytes() {
        return maxMessageMegabytes;
    }

    public void setMaxMessageMegabytes(Integer maxMessageMegabytes) {
        this.maxMessageMegabytes = maxMessageMegabytes;
    }

    public Integer getBacklogDays() {
        return backlogDays;
    }

    public void setBacklogDays(Integer backlogDays) {
        this.backlogDays = backlogDays;
    }

    public Integer getSmtpConnections() {
        return smtpConnections;
    }

    public void setSmtpConnections(Integer smtpConnections) {
        this.smtpConnections = smtpConnections;
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
}
