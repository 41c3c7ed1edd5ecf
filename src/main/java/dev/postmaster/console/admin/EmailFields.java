package dev.postmaster.console.admin;

import dev.postmaster.settings.entity.AuthMethod;
import dev.postmaster.settings.entity.MailSettings.Field;
import dev.postmaster.settings.entity.OAuthProvider;
import dev.postmaster.settings.entity.SettingsChange;
import dev.postmaster.settings.entity.TransportSecurity;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the Email page names each field of the settings, which input holds it, and how its values read. The
 * settings themselves know only which fields there are; the banner of pending changes and the History table say
 * it in these words, so a field is called the same wherever a person meets it.
 */
final class EmailFields {

    /** How a field's values are shown. */
    private enum Kind { TEXT, SWITCH, CHOICE, SECRET, GRANT }

    private record Wording(String label, String inputId, Kind kind) {
    }

    private static final Map<Field, Wording> WORDING = new EnumMap<>(Field.class);

    static {
        word(Field.OUTGOING_HOST, "Outgoing mail server (SMTP)", "smtpHost", Kind.TEXT);
        word(Field.OUTGOING_PORT, "Outgoing port", "smtpPort", Kind.TEXT);
        word(Field.REPLY_TO, "Reply-To Address", "replyTo", Kind.TEXT);
        word(Field.OUTGOING_SECURITY, "Outgoing encryption", "smtpSecurity", Kind.CHOICE);
        word(Field.OUTGOING_TRUST, "Trust the outgoing server's certificate", "smtpTrustCertificate", Kind.SWITCH);
        word(Field.OUTGOING_AUTHENTICATION, "Outgoing authentication", "smtpAuthMethod", Kind.CHOICE);
        word(Field.OUTGOING_USERNAME, "Outgoing username", "smtpUsername", Kind.TEXT);
        word(Field.OUTGOING_PASSWORD, "Outgoing password", "smtpPassword", Kind.SECRET);
        oauth("Outgoing", "smtp", Field.OUTGOING_OAUTH_PROVIDER, Field.OUTGOING_OAUTH_TENANT,
                Field.OUTGOING_OAUTH_AUTHORIZATION, Field.OUTGOING_OAUTH_TOKEN, Field.OUTGOING_OAUTH_SCOPES,
                Field.OUTGOING_OAUTH_CLIENT_ID, Field.OUTGOING_OAUTH_CLIENT_SECRET, Field.OUTGOING_OAUTH_SECRET_EXPIRES,
                Field.OUTGOING_OAUTH_GRANT);
        word(Field.USE_SYSTEM_REPLY, "Use System Reply", "useSystemReply", Kind.SWITCH);
        word(Field.USE_DISPLAY_NAME, "Use Display Name", "useDisplayName", Kind.SWITCH);
        word(Field.APPLICATION_NAME, "Application name", "applicationName", Kind.TEXT);
        word(Field.APPLICATION_URL, "Application URL", "applicationUrl", Kind.TEXT);
        word(Field.ERROR_MAIL_TO, "Mail errors to", "errorMailTo", Kind.TEXT);
        word(Field.INCOMING_HOST, "Incoming mail server", "imapHost", Kind.TEXT);
        word(Field.INCOMING_PORT, "Incoming port", "imapPort", Kind.TEXT);
        word(Field.INCOMING_USERNAME, "Incoming username", "imapUsername", Kind.TEXT);
        word(Field.INCOMING_AUTHENTICATION, "Incoming authentication", "imapAuthMethod", Kind.CHOICE);
        word(Field.INCOMING_PASSWORD, "Incoming password", "imapPassword", Kind.SECRET);
        oauth("Incoming", "imap", Field.INCOMING_OAUTH_PROVIDER, Field.INCOMING_OAUTH_TENANT,
                Field.INCOMING_OAUTH_AUTHORIZATION, Field.INCOMING_OAUTH_TOKEN, Field.INCOMING_OAUTH_SCOPES,
                Field.INCOMING_OAUTH_CLIENT_ID, Field.INCOMING_OAUTH_CLIENT_SECRET, Field.INCOMING_OAUTH_SECRET_EXPIRES,
                Field.INCOMING_OAUTH_GRANT);
        word(Field.INCOMING_SECURITY, "Incoming encryption", "imapSecurity", Kind.CHOICE);
        word(Field.INCOMING_TRUST, "Trust the incoming server's certificate", "imapTrustCertificate", Kind.SWITCH);
        word(Field.INCOMING_ADDRESS, "Incoming mailbox address", "imapAddress", Kind.TEXT);
        word(Field.REPLIES_TO_INCOMING, "Replies to notifications go to the incoming mailbox", "repliesToIncoming",
                Kind.SWITCH);
        word(Field.POLL_INTERVAL, "Check for new mail every (seconds)", "pollIntervalSeconds", Kind.TEXT);
        word(Field.MAX_MESSAGE_SIZE, "Largest message read (MB)", "maxMessageMegabytes", Kind.TEXT);
        word(Field.BACKLOG_AGE, "Hold back unread mail older than (days)", "backlogDays", Kind.TEXT);
        word(Field.SMTP_CONNECTIONS, "Parallel connections", "smtpConnections", Kind.TEXT);
        word(Field.CONNECT_TIMEOUT, "Connect timeout (seconds)", "connectTimeoutSeconds", Kind.TEXT);
        word(Field.READ_TIMEOUT, "Read and write timeout (seconds)", "readTimeoutSeconds", Kind.TEXT);
        if (WORDING.size() != Field.values().length) {
            throw new IllegalStateException("A field of the Email settings has no words on the Email page");
        }
    }

    private EmailFields() {
    }

    /** The OAuth2 fields of one server, named alike for both. */
    private static void oauth(String server, String prefix, Field... fields) {
        String[][] words = {
            {"OAuth2 provider", "OauthProvider"}, {"OAuth2 tenant", "OauthTenant"},
            {"OAuth2 authorization endpoint", "OauthAuthorization"}, {"OAuth2 token endpoint", "OauthToken"},
            {"OAuth2 scopes", "OauthScopes"}, {"OAuth2 client ID", "OauthClientId"},
            {"OAuth2 client secret", "OauthClientSecret"}, {"OAuth2 client secret expires on", "OauthSecretExpires"},
            {"OAuth2", "OauthConnect"}};
        Kind[] kinds = {Kind.CHOICE, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.SECRET, Kind.TEXT,
            Kind.GRANT};
        for (int i = 0; i < fields.length; i++) {
            word(fields[i], server + " " + words[i][0], prefix + words[i][1], kinds[i]);
        }
    }

    private static void word(Field field, String label, String inputId, Kind kind) {
        WORDING.put(field, new Wording(label, inputId, kind));
    }

    /** The field's name as the page shows it. */
    static String label(Field field) {
        return WORDING.get(field).label();
    }

    /** The id of the input (in the settings form) that a problem reported on {@code property} belongs beside. */
    static Optional<String> inputFor(String property) {
        return Arrays.stream(Field.values()).filter(field -> field.property().equals(property)).findFirst()
                .map(field -> WORDING.get(field).inputId());
    }

    /** One line of the History: {@code Field: old → new}, a password only as changed. */
    static String describe(SettingsChange change) {
        Wording wording = WORDING.get(change.getField());
        if (wording.kind() == Kind.SECRET) {
            return wording.label() + ": changed";
        }
        if (wording.kind() == Kind.GRANT) {
            // Never the token: who granted access, and when.
            return wording.label() + ": " + (change.getAfter() == null ? "disconnected"
                    + (change.getBefore() == null ? "" : " (was " + change.getBefore() + ")")
                    : "connected account " + change.getAfter());
        }
        return wording.label() + ": " + recorded(wording.kind(), change.getBefore()) + " → "
                + recorded(wording.kind(), change.getAfter());
    }

    private static String recorded(Kind kind, String value) {
        return value == null || value.isEmpty() ? "(empty)" : shown(kind, value);
    }

    /**
     * A choice by its label. The authentication was a switch before OAuth2 came: its old entries read
     * {@code true} (a password) and {@code false} (none).
     */
    static String choice(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value) ? AuthMethod.PASSWORD.label() : AuthMethod.NONE.label();
        }
        return Stream.of(Arrays.stream(TransportSecurity.values()).filter(s -> s.name().equals(value))
                        .map(TransportSecurity::label),
                Arrays.stream(AuthMethod.values()).filter(m -> m.name().equals(value)).map(AuthMethod::label),
                Arrays.stream(OAuthProvider.values()).filter(p -> p.name().equals(value)).map(OAuthProvider::label))
                .flatMap(labels -> labels).findFirst().orElse(value);
    }

    private static String shown(Kind kind, String value) {
        return switch (kind) {
            case SWITCH -> Boolean.parseBoolean(value) ? "on" : "off";
            case CHOICE -> choice(value);
            case TEXT, SECRET, GRANT -> value;
        };
    }
}
