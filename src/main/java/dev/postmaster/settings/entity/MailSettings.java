package dev.postmaster.settings.entity;

import dev.postmaster.validation.HostName;
import dev.postmaster.validation.HttpUrl;
import dev.postmaster.validation.MailAddress;
import dev.postmaster.validation.SingleLine;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.Serializable;
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

    public static final int SMTP_SSL_PORT = 465;
    public static final int SMTP_PLAIN_PORT = 25;
    public static final int IMAP_SSL_PORT = 993;
    public static final int IMAP_PLAIN_PORT = 143;

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

    @Column(name = "smtp_ssl")
    private boolean smtpSsl;

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

    /** The port actually used: the one entered, or the seed's default for the SSL choice. */
    public int effectiveSmtpPort() {
        return smtpPort != null ? smtpPort : smtpSsl ? SMTP_SSL_PORT : SMTP_PLAIN_PORT;
    }

    public int effectiveImapPort() {
        return imapPort != null ? imapPort : imapSsl ? IMAP_SSL_PORT : IMAP_PLAIN_PORT;
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
        copy.smtpAuth = smtpAuth;
        copy.smtpUsername = smtpUsername;
        copy.smtpPasswordSealed = smtpPasswordSealed;
        copy.useSystemReply = useSystemReply;
        copy.useDisplayName = useDisplayName;
        copy.applicationName = applicationName;
        copy.applicationUrl = applicationUrl;
        copy.imapHost = imapHost;
        copy.imapPort = imapPort;
        copy.imapUsername = imapUsername;
        copy.imapPasswordSealed = imapPasswordSealed;
        copy.imapSsl = imapSsl;
        return copy;
    }

    /**
     * The labels of the fields whose values differ from {@code other}, in page order. A password counts as
     * different when its sealed form differs; the settings service keeps the sealed form unchanged when the same
     * password is typed again, so this does not report a change that is not one.
     */
    public List<String> differencesFrom(MailSettings other) {
        List<String> changed = new ArrayList<>();
        for (Field field : Field.values()) {
            if (other == null || !Objects.equals(field.value.apply(this), field.value.apply(other))) {
                changed.add(field.label);
            }
        }
        return changed;
    }

    /** The fields as the page names them, used to tell an administrator what a save changed. */
    public enum Field {
        SMTP_HOST("Outgoing mail server (SMTP)", MailSettings::getSmtpHost),
        SMTP_PORT("Outgoing port", s -> s.effectiveSmtpPort()),
        REPLY_TO("Reply-To Address", MailSettings::getReplyTo),
        SMTP_SSL("Outgoing Use SSL", MailSettings::isSmtpSsl),
        SMTP_AUTH("Outgoing server requires authentication", MailSettings::isSmtpAuth),
        SMTP_USERNAME("Outgoing username", MailSettings::getSmtpUsername),
        SMTP_PASSWORD("Outgoing password", MailSettings::getSmtpPasswordSealed),
        USE_SYSTEM_REPLY("Use System Reply", MailSettings::isUseSystemReply),
        USE_DISPLAY_NAME("Use Display Name", MailSettings::isUseDisplayName),
        APPLICATION_NAME("Application name", MailSettings::getApplicationName),
        APPLICATION_URL("Application URL", MailSettings::getApplicationUrl),
        IMAP_HOST("Incoming mail server", MailSettings::getImapHost),
        IMAP_PORT("Incoming port", s -> s.hasIncomingServer() ? s.effectiveImapPort() : null),
        IMAP_USERNAME("Incoming username", MailSettings::getImapUsername),
        IMAP_PASSWORD("Incoming password", MailSettings::getImapPasswordSealed),
        IMAP_SSL("Incoming Use SSL", MailSettings::isImapSsl);

        private final String label;
        private final Function<MailSettings, Object> value;

        Field(String label, Function<MailSettings, Object> value) {
            this.label = label;
            this.value = value;
        }

        public String label() {
            return label;
        }
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

    public boolean isSmtpSsl() {
        return smtpSsl;
    }

    public void setSmtpSsl(boolean smtpSsl) {
        this.smtpSsl = smtpSsl;
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

    public boolean isImapSsl() {
        return imapSsl;
    }

    public void setImapSsl(boolean imapSsl) {
        this.imapSsl = imapSsl;
    }

    private static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
