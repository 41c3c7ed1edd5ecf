package dev.postmaster.settings.entity;

import java.util.Map;

/**
 * Where an administrator's OAuth2 app is registered, and what each preset fills in: the authorization and token
 * endpoints, the scopes each protocol needs and the extra parameters the provider needs to issue a refresh token.
 * {@link #GENERIC} takes the endpoints as entered.
 *
 * <p>The presets also ask for {@code openid email}: with them the token response carries an ID token that names
 * the account which granted access, so that the page can say who is connected. The mail scopes are the providers'
 * documented ones: Exchange Online's {@code SMTP.Send} and {@code IMAP.AccessAsUser.All} with {@code
 * offline_access} (without it Microsoft issues no refresh token), and Gmail's {@code https://mail.google.com/},
 * the only Google scope that SMTP and IMAP accept.
 */
public enum OAuthProvider {
    MICROSOFT("Microsoft 365",
            "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize",
            "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token",
            "https://outlook.office.com/SMTP.Send offline_access openid email",
            "https://outlook.office.com/IMAP.AccessAsUser.All offline_access openid email",
            Map.of()),
    GOOGLE("Google",
            "https://accounts.google.com/o/oauth2/v2/auth",
            "https://oauth2.googleapis.com/token",
            "https://mail.google.com/ openid email",
            "https://mail.google.com/ openid email",
            // Google issues a refresh token only for offline access, and again only when consent is asked again.
            Map.of("access_type", "offline", "prompt", "consent")),
    GENERIC("Other provider", null, null, null, null, Map.of());

    /** The tenant of a Microsoft preset when none is entered: any work or school account. */
    public static final String ANY_ORGANIZATION = "organizations";

    private final String label;
    private final String authorizationEndpoint;
    private final String tokenEndpoint;
    private final String smtpScopes;
    private final String imapScopes;
    private final Map<String, String> authorizationParameters;

    OAuthProvider(String label, String authorizationEndpoint, String tokenEndpoint, String smtpScopes,
            String imapScopes, Map<String, String> authorizationParameters) {
        this.label = label;
        this.authorizationEndpoint = authorizationEndpoint;
        this.tokenEndpoint = tokenEndpoint;
        this.smtpScopes = smtpScopes;
        this.imapScopes = imapScopes;
        this.authorizationParameters = authorizationParameters;
    }

    public String label() {
        return label;
    }

    /** Whether the endpoints are the preset's rather than entered. */
    public boolean preset() {
        return this != GENERIC;
    }

    /** Whether the endpoints depend on a tenant (Microsoft's directory). */
    public boolean hasTenant() {
        return this == MICROSOFT;
    }

    /** The preset authorization endpoint for {@code tenant}, or {@code null} for {@link #GENERIC}. */
    public String authorizationEndpoint(String tenant) {
        return withTenant(authorizationEndpoint, tenant);
    }

    /** The preset token endpoint for {@code tenant}, or {@code null} for {@link #GENERIC}. */
    public String tokenEndpoint(String tenant) {
        return withTenant(tokenEndpoint, tenant);
    }

    /** The scopes the preset asks for on behalf of {@code protocol}; {@code null} for {@link #GENERIC}. */
    public String scopes(Protocol protocol) {
        return protocol == Protocol.SMTP ? smtpScopes : imapScopes;
    }

    /** Parameters added to the authorization request. */
    public Map<String, String> authorizationParameters() {
        return authorizationParameters;
    }

    private static String withTenant(String endpoint, String tenant) {
        if (endpoint == null) {
            return null;
        }
        return endpoint.replace("{tenant}", tenant == null || tenant.isBlank() ? ANY_ORGANIZATION : tenant.strip());
    }
}
