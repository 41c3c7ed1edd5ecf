package dev.postmaster.settings.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.settings.entity.MailSettings.Field;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The settings value and its two mail servers: port defaults from the protocol and the encryption, "Use SSL" as a
 * view of the encryption, change detection, the rules that span fields, each reported on its field, and the
 * incoming-mail values with their defaults and bounds.
 */
class MailSettingsTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void emptyPortsFollowTheProtocolAndTheEncryption() {
        MailSettings settings = new MailSettings();
        assertEquals(25, settings.getOutgoing().effectivePort(Protocol.SMTP));
        assertEquals(143, settings.getIncoming().effectivePort(Protocol.IMAP));
        settings.getOutgoing().setSsl(true);
        settings.getIncoming().setSsl(true);
        assertEquals(465, settings.getOutgoing().effectivePort(Protocol.SMTP));
        assertEquals(993, settings.getIncoming().effectivePort(Protocol.IMAP));
        settings.getOutgoing().setSecurity(TransportSecurity.STARTTLS);
        settings.getIncoming().setSecurity(TransportSecurity.STARTTLS);
        assertEquals(587, settings.getOutgoing().effectivePort(Protocol.SMTP));
        assertEquals(143, settings.getIncoming().effectivePort(Protocol.IMAP));
        settings.getOutgoing().setPort(2525);
        settings.getIncoming().setPort(1143);
        assertEquals(2525, settings.getOutgoing().effectivePort(Protocol.SMTP));
        assertEquals(1143, settings.getIncoming().effectivePort(Protocol.IMAP));
    }

    @Test
    void useSslIsAViewOfTheEncryption() {
        MailServer server = new MailServer();
        assertFalse(server.isSsl());
        server.setSsl(true);
        assertEquals(TransportSecurity.SSL_TLS, server.getSecurity());
        server.setSsl(false);
        assertEquals(TransportSecurity.NONE, server.getSecurity());

        server.setSecurity(TransportSecurity.STARTTLS);
        assertFalse(server.isSsl());
        server.setSsl(false);
        assertEquals(TransportSecurity.STARTTLS, server.getSecurity(), "clearing Use SSL keeps STARTTLS");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        MailSettings settings = new MailSettings();
        assertEquals("Postmaster", settings.getApplicationName());
        assertTrue(settings.isUseSystemReply());
        assertTrue(settings.isUseDisplayName());
        assertFalse(settings.getOutgoing().isAuthentication());
        assertTrue(settings.getIncoming().isAuthentication(), "the incoming account always signs in");
        assertTrue(validator.validate(settings).isEmpty(), "empty settings are valid: mail is simply off");
    }

    @Test
    void blankTextIsStoredAsAbsent() {
        MailSettings settings = new MailSettings();
        settings.getOutgoing().setHost("  smtp.example.com ");
        settings.setReplyTo("   ");
        assertEquals("smtp.example.com", settings.getOutgoing().getHost());
        assertNull(settings.getReplyTo());
        assertFalse(settings.hasReplyTo());
    }

    @Test
    void aCopyIsIndependentOfItsOriginal() {
        MailSettings original = new MailSettings();
        original.getOutgoing().setHost("old.example.com");
        MailSettings copy = original.copy();
        copy.getOutgoing().setHost("new.example.com");
        copy.getIncoming().setHost("imap.example.com");
        assertEquals("old.example.com", original.getOutgoing().getHost());
        assertNull(original.getIncoming().getHost());
    }

    @Test
    void changedFieldsAreNamedInPageOrder() {
        MailSettings active = new MailSettings();
        active.getOutgoing().setHost("old.example.com");
        MailSettings pending = active.copy();
        assertEquals(List.of(), pending.changedFields(active));

        pending.getOutgoing().setHost("new.example.com");
        pending.setReplyTo("noreply@example.com");
        pending.setUseDisplayName(false);
        pending.getIncoming().setSecurity(TransportSecurity.SSL_TLS);
        assertEquals(List.of(Field.OUTGOING_HOST, Field.REPLY_TO, Field.USE_DISPLAY_NAME, Field.INCOMING_SECURITY),
                pending.changedFields(active));
    }

    @Test
    void anExplicitDefaultPortIsNoChange() {
        MailSettings active = new MailSettings();
        MailSettings pending = active.copy();
        pending.getOutgoing().setPort(25);
        assertEquals(List.of(), pending.changedFields(active));
    }

    @Test
    void everyFieldDiffersFromNothing() {
        assertEquals(Field.values().length, new MailSettings().changedFields(null).size());
    }

    @Test
    void aRecordedChangeKeepsValuesButNeverAPassword() {
        MailSettings before = new MailSettings();
        MailSettings after = before.copy();
        after.getOutgoing().setSecurity(TransportSecurity.STARTTLS);
        after.getOutgoing().setPasswordSealed("v1:sealed");

        SettingsChange security = SettingsChange.of(Field.OUTGOING_SECURITY, before, after);
        assertEquals("NONE", security.getBefore());
        assertEquals("STARTTLS", security.getAfter());
        SettingsChange password = SettingsChange.of(Field.OUTGOING_PASSWORD, before, after);
        assertNull(password.getBefore());
        assertNull(password.getAfter());
        assertEquals("false", SettingsChange.of(Field.OUTGOING_TRUST, before, after).getAfter());
    }

    @Test
    void authenticationRequiresUsernameAndPasswordOnThoseFields() {
        MailSettings settings = new MailSettings();
        settings.getOutgoing().setAuthentication(true);
        assertEquals(Map.of(
                "outgoing.username", "Enter the username: the outgoing server requires authentication",
                "outgoing.password", "Enter the password: the outgoing server requires authentication"),
                problems(settings));

        settings.getOutgoing().setUsername("mailer");
        settings.getOutgoing().setPasswordSealed("v1:sealed");
        assertEquals(Map.of(), problems(settings));
    }

    @Test
    void anIncomingServerRequiresItsAccount() {
        MailSettings settings = new MailSettings();
        settings.getIncoming().setHost("imap.example.com");
        assertEquals(Map.of(
                "incoming.username", "Enter the username of the incoming mail account",
                "incoming.password", "Enter the password of the incoming mail account"),
                problems(settings));
    }

    @Test
    void eachServersFieldsAreCheckedAndReportedOnTheirPath() {
        MailSettings settings = new MailSettings();
        settings.getOutgoing().setPort(0);
        settings.getIncoming().setPort(65536);
        settings.getOutgoing().setHost("smtp server");
        assertEquals(Map.of("outgoing.port", "Enter a port from 1 to 65535",
                "incoming.port", "Enter a port from 1 to 65535",
                "outgoing.host", "Enter a host name such as mail.example.com, or an IP address"),
                problems(settings));
        settings.getOutgoing().setPort(1);
        settings.getIncoming().setPort(65535);
        settings.getOutgoing().setHost("smtp.example.com");
        assertEquals(Map.of(), problems(settings));
    }

    @Test
    void everyFieldNamesThePropertyItsProblemsAreReportedOn() {
        MailSettings settings = new MailSettings();
        settings.getOutgoing().setAuthentication(true);
        settings.getIncoming().setHost("imap.example.com");
        settings.getOutgoing().setPort(0);
        settings.setReplyTo("not an address");
        List<String> properties = List.of(Field.values()).stream().map(Field::property).toList();
        for (String reported : problems(settings).keySet()) {
            assertTrue(properties.contains(reported), () -> reported + " is no field's property: " + properties);
        }
    }

    @Test
    void anOAuth2ClientNeedsEverythingItSendsAndEndpointsThatProtectIt() {
        MailSettings settings = new MailSettings();
        settings.getOutgoing().setAuthMethod(AuthMethod.OAUTH2);
        assertEquals(Map.of("outgoing.oauth.provider", "Choose the OAuth2 provider"), problems(settings));

        OAuthSettings oauth = settings.getOutgoing().getOauth();
        oauth.setProvider(OAuthProvider.GENERIC);
        assertEquals(Map.of(
                "outgoing.oauth.authorizationEndpoint", "Enter the provider's authorization endpoint",
                "outgoing.oauth.tokenEndpoint", "Enter the provider's token endpoint",
                "outgoing.oauth.scopes", "Enter the scopes to ask the provider for",
                "outgoing.oauth.clientId", "Enter the client ID of the app registered with the provider",
                "outgoing.oauth.clientSecret", "Enter the client secret of the app registered with the provider"),
                problems(settings));

        oauth.setAuthorizationEndpoint("https://login.example.com/authorize");
        oauth.setTokenEndpoint("http://login.example.com/token");
        oauth.setScopes("mail offline_access");
        oauth.setClientId("postmaster");
        oauth.setClientSecretSealed("v2:sealed");
        assertEquals(Map.of("outgoing.oauth.tokenEndpoint", "Use an https:// address: the client secret and the"
                + " tokens travel over it"), problems(settings), "http leaves the machine in clear");
        oauth.setTokenEndpoint("http://127.0.0.1:8081/token");
        assertEquals(Map.of(), problems(settings), "http to this machine only");
        assertFalse(settings.getOutgoing().getOauth().isConnected(), "saved before it is connected");
    }

    @Test
    void thePresetsFillInTheEndpointsAndScopesOfEachProvider() {
        OAuthSettings oauth = new OAuthSettings();
        oauth.setProvider(OAuthProvider.MICROSOFT);
        assertEquals("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize",
                oauth.effectiveAuthorizationEndpoint());
        oauth.setTenant("contoso.onmicrosoft.com");
        assertEquals("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token",
                oauth.effectiveTokenEndpoint());
        assertEquals("https://outlook.office.com/SMTP.Send offline_access openid email",
                oauth.effectiveScopes(Protocol.SMTP));
        assertEquals("https://outlook.office.com/IMAP.AccessAsUser.All offline_access openid email",
                oauth.effectiveScopes(Protocol.IMAP));
        MailSettings settings = new MailSettings();
        settings.getOutgoing().setAuthMethod(AuthMethod.OAUTH2);
        settings.getOutgoing().getOauth().setProvider(OAuthProvider.MICROSOFT);
        settings.getOutgoing().getOauth().setTenant("bad tenant/..");
        assertTrue(problems(settings).get("outgoing.oauth.tenant").startsWith("Enter the directory (tenant) ID"));

        oauth.setProvider(OAuthProvider.GOOGLE);
        oauth.setAuthorizationEndpoint("https://ignored.example.com/");
        assertEquals("https://accounts.google.com/o/oauth2/v2/auth", oauth.effectiveAuthorizationEndpoint());
        assertEquals("https://oauth2.googleapis.com/token", oauth.effectiveTokenEndpoint());
        assertEquals("https://mail.google.com/ openid email", oauth.effectiveScopes(Protocol.IMAP));
        assertEquals(Map.of("access_type", "offline", "prompt", "consent"),
                OAuthProvider.GOOGLE.authorizationParameters(), "without them Google issues no refresh token");
        oauth.setScopes("  https://mail.google.com/ \n email ");
        assertEquals("https://mail.google.com/ email", oauth.effectiveScopes(Protocol.SMTP), "entered scopes win");
    }

    @Test
    void theIncomingAccountAlwaysSignsIn() {
        MailSettings settings = new MailSettings();
        settings.getIncoming().setHost("imap.example.com");
        settings.getIncoming().setAuthMethod(AuthMethod.NONE);
        assertEquals(Map.of("incoming.authMethod", "The incoming account always signs in: choose Password or"
                + " OAuth2"), problems(settings));
    }

    @Test
    void aGrantIsRecordedByItsAccountAndTimeAndTheClientSecretOnlyAsChanged() {
        MailSettings before = new MailSettings();
        MailSettings after = before.copy();
        after.getOutgoing().getOauth().setClientSecretSealed("v2:sealed-secret");
        after.getOutgoing().getOauth().granted("v2:sealed-refresh", "mailer@example.com",
                java.time.Instant.parse("2026-12-02T10:00:00Z"));

        assertTrue(after.changedFields(before).containsAll(List.of(Field.OUTGOING_OAUTH_CLIENT_SECRET,
                Field.OUTGOING_OAUTH_GRANT)));
        SettingsChange grant = SettingsChange.of(Field.OUTGOING_OAUTH_GRANT, before, after);
        assertNull(grant.getBefore());
        assertEquals("mailer@example.com, granted 2026-12-02T10:00:00Z", grant.getAfter());
        SettingsChange secret = SettingsChange.of(Field.OUTGOING_OAUTH_CLIENT_SECRET, before, after);
        assertNull(secret.getAfter(), "a client secret is never recorded");
        MailSettings copy = after.copy();
        assertEquals("v2:sealed-refresh", copy.getOutgoing().getOauth().getRefreshTokenSealed(), "copied");
        copy.getOutgoing().getOauth().forgetGrant();
        assertTrue(after.getOutgoing().getOauth().isConnected(), "the copy is its own");
    }

    @Test
    void parallelConnectionsAreTwoUntilSetAndFromOneToEight() {
        MailSettings settings = new MailSettings();
        assertEquals(2, settings.effectiveSmtpConnections());
        settings.setSmtpConnections(0);
        assertEquals(Map.of("smtpConnections", "Enter a number of connections from 1 to 8"), problems(settings));
        settings.setSmtpConnections(9);
        assertEquals(Map.of("smtpConnections", "Enter a number of connections from 1 to 8"), problems(settings));
        settings.setSmtpConnections(8);
        assertEquals(Map.of(), problems(settings));
        assertEquals(8, settings.effectiveSmtpConnections());
        assertEquals(8, settings.copy().effectiveSmtpConnections(), "the copy keeps it");
    }

    @Test
    void incomingMailDefaultsAreTheDocumentedOnes() {
        MailSettings settings = new MailSettings();
        assertEquals(Duration.ofSeconds(60), settings.effectivePollInterval());
        assertEquals(25L * 1024 * 1024, settings.effectiveMaxMessageBytes());
        assertEquals(Duration.ofDays(7), settings.effectiveBacklogAge());
        assertFalse(settings.isRepliesToIncoming(), "replies go to the From until an administrator says otherwise");
        assertNull(settings.effectiveIncomingAddress());
    }

    @Test
    void enteredIncomingMailValuesAreUsed() {
        MailSettings settings = new MailSettings();
        settings.setPollIntervalSeconds(300);
        settings.setMaxMessageMegabytes(100);
        settings.setBacklogDays(0);
        assertEquals(Duration.ofMinutes(5), settings.effectivePollInterval());
        assertEquals(100L * 1024 * 1024, settings.effectiveMaxMessageBytes(), "computed in long, no overflow");
        assertEquals(Duration.ZERO, settings.effectiveBacklogAge(), "0 days: no unread mail is held back");
    }

    @Test
    void incomingMailValuesAreCheckedAtTheirBounds() {
        MailSettings settings = new MailSettings();
        settings.setPollIntervalSeconds(9);
        settings.setMaxMessageMegabytes(0);
        settings.setBacklogDays(-1);
        assertEquals(Map.of(
                "pollIntervalSeconds", "Enter an interval from 10 to 86400 seconds",
                "maxMessageMegabytes", "Enter a size from 1 to 100 MB",
                "backlogDays", "Enter a number of days from 0 to 3650"),
                problems(settings));
        settings.setPollIntervalSeconds(86401);
        settings.setMaxMessageMegabytes(101);
        settings.setBacklogDays(3651);
        assertEquals(Set.of("pollIntervalSeconds", "maxMessageMegabytes", "backlogDays"),
                problems(settings).keySet());

        settings.setPollIntervalSeconds(10);
        settings.setMaxMessageMegabytes(1);
        settings.setBacklogDays(0);
        assertEquals(Map.of(), problems(settings));
        settings.setPollIntervalSeconds(86400);
        settings.setMaxMessageMegabytes(100);
        settings.setBacklogDays(3650);
        assertEquals(Map.of(), problems(settings));
    }

    @Test
    void theIncomingAddressIsTheOneEnteredElseAnAddressUsername() {
        MailSettings settings = new MailSettings();
        settings.getIncoming().setUsername("tasks");
        assertNull(settings.effectiveIncomingAddress(), "a username that is no address");
        settings.getIncoming().setUsername("tasks@acme.test");
        assertEquals("tasks@acme.test", settings.effectiveIncomingAddress());
        settings.setIncomingAddress("  replies@acme.test ");
        assertEquals("replies@acme.test", settings.effectiveIncomingAddress());
        settings.setIncomingAddress(" ");
        assertNull(settings.getIncomingAddress());
        assertEquals("tasks@acme.test", settings.effectiveIncomingAddress());

        settings.setIncomingAddress("not an address");
        assertEquals("Enter one email address such as noreply@example.com",
                problems(settings).get("incomingAddress"));
    }

    @Test
    void incomingMailFieldsAreCopiedAndComparedByTheirEffectiveValues() {
        MailSettings active = new MailSettings();
        active.setIncomingAddress("tasks@acme.test");
        active.setRepliesToIncoming(true);
        active.setPollIntervalSeconds(120);
        active.setMaxMessageMegabytes(10);
        active.setBacklogDays(30);
        MailSettings pending = active.copy();
        assertEquals(List.of(), pending.changedFields(active));

        pending.setPollIntervalSeconds(null);
        pending.setMaxMessageMegabytes(null);
        pending.setBacklogDays(null);
        pending.setRepliesToIncoming(false);
        pending.setIncomingAddress(null);
        assertEquals(List.of(Field.INCOMING_ADDRESS, Field.REPLIES_TO_INCOMING, Field.POLL_INTERVAL,
                Field.MAX_MESSAGE_SIZE, Field.BACKLOG_AGE), pending.changedFields(active));

        MailSettings explicitDefaults = new MailSettings();
        explicitDefaults.setPollIntervalSeconds(60);
        explicitDefaults.setMaxMessageMegabytes(25);
        explicitDefaults.setBacklogDays(7);
        assertEquals(List.of(), explicitDefaults.changedFields(new MailSettings()), "a default entered is no change");
        assertEquals(25L, Field.MAX_MESSAGE_SIZE.valueIn(explicitDefaults));
    }

    private static Map<String, String> problems(MailSettings settings) {
        return validator.validate(settings).stream().collect(Collectors.toMap(
                v -> v.getPropertyPath().toString(), ConstraintViolation::getMessage));
    }
}
