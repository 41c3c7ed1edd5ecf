package dev.postmaster.settings.entity;

import dev.postmaster.validation.HttpUrl;
import dev.postmaster.validation.SingleLine;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.Serializable;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A mail server's OAuth2 sign-in: the client an administrator registered with the provider (where, the client
 * id, the client secret sealed like a password, when that secret expires) and the grant an account gave it (the
 * refresh token, sealed, with the account and when). Part of {@link MailServer}, so it is pending and active like
 * every other setting: a new grant takes effect at Apply now or at restart.
 *
 * <p>Access tokens are not kept here: they live an hour, and each node gets its own from the refresh token.
 */
@Embeddable
public class OAuthSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Room for a sealed refresh token of {@link #MAX_REFRESH_TOKEN_LENGTH} characters and a later format. */
    public static final int SEALED_REFRESH_TOKEN_LENGTH = 8192;
    /** Microsoft's refresh tokens run to about 1,500 characters, Google's to about 100; more is refused. */
    public static final int MAX_REFRESH_TOKEN_LENGTH = 5000;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private OAuthProvider provider;

    @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9.-]{0,99}",
            message = "Enter the directory (tenant) ID, a domain such as contoso.onmicrosoft.com, or organizations")
    @Column(length = 100)
    private String tenant;

    @HttpUrl
    @Size(max = 2000, message = "Use at most 2000 characters")
    @Column(length = 2000)
    private String authorizationEndpoint;

    @HttpUrl
    @Size(max = 2000, message = "Use at most 2000 characters")
    @Column(length = 2000)
    private String tokenEndpoint;

    @SingleLine
    @Size(max = 1000, message = "Use at most 1000 characters")
    @Column(length = 1000)
    private String scopes;

    @SingleLine
    @Size(max = 254, message = "Use at most 254 characters")
    @Column(length = 254)
    private String clientId;

    @Column(length = MailServer.SEALED_PASSWORD_LENGTH)
    private String clientSecretSealed;

    private LocalDate clientSecretExpires;

    @Column(length = SEALED_REFRESH_TOKEN_LENGTH)
    private String refreshTokenSealed;

    @Column(length = 254)
    private String account;

    private Instant grantedAt;

    public OAuthSettings() {
        // for JPA and the page
    }

    OAuthSettings copy() {
        OAuthSettings copy = new OAuthSettings();
        copy.provider = provider;
        copy.tenant = tenant;
        copy.authorizationEndpoint = authorizationEndpoint;
        copy.tokenEndpoint = tokenEndpoint;
        copy.scopes = scopes;
        copy.clientId = clientId;
        copy.clientSecretSealed = clientSecretSealed;
        copy.clientSecretExpires = clientSecretExpires;
        copy.refreshTokenSealed = refreshTokenSealed;
        copy.account = account;
        copy.grantedAt = grantedAt;
        return copy;
    }

    /** The endpoint the browser is sent to: the preset's, or the one entered for another provider. */
    public String effectiveAuthorizationEndpoint() {
        return provider != null && provider.preset() ? provider.authorizationEndpoint(tenant) : authorizationEndpoint;
    }

    /** The endpoint codes and refresh tokens are exchanged at: the preset's, or the one entered. */
    public String effectiveTokenEndpoint() {
        return provider != null && provider.preset() ? provider.tokenEndpoint(tenant) : tokenEndpoint;
    }

    /** The scopes asked for: those entered, else the preset's for {@code protocol}. */
    public String effectiveScopes(Protocol protocol) {
        if (scopes != null) {
            return scopes;
        }
        return provider == null ? null : provider.scopes(protocol);
    }

    /** Whether an account has granted access (a refresh token is stored). */
    public boolean isConnected() {
        return refreshTokenSealed != null;
    }

    /** The grant as the History records it: the account and when it was granted, or {@code null} when none. */
    public String grantDescription() {
        return isConnected() ? (account == null ? "an account" : account) + ", granted " + grantedAt : null;
    }

    /** Forgets the grant (Disconnect, or a client that changed so that the grant is no longer its own). */
    public void forgetGrant() {
        refreshTokenSealed = null;
        account = null;
        grantedAt = null;
    }

    /** Takes over the grant of {@code other}. */
    public void keepGrantOf(OAuthSettings other) {
        refreshTokenSealed = other.refreshTokenSealed;
        account = other.account;
        grantedAt = other.grantedAt;
    }

    /** Records a new grant. */
    public void granted(String sealedRefreshToken, String grantingAccount, Instant at) {
        refreshTokenSealed = sealedRefreshToken;
        account = grantingAccount;
        grantedAt = at;
    }

    /**
     * Whether a grant made for {@code other}'s client still belongs to this one: same provider, tenant, token
     * endpoint and client id. A refresh token is bound to its client; under another it is refused.
     */
    public boolean sameClientAs(OAuthSettings other) {
        return provider == other.provider
                && Objects.equals(effectiveTokenEndpoint(), other.effectiveTokenEndpoint())
                && Objects.equals(clientId, other.clientId);
    }

    /**
     * Whether {@code endpoint} may carry the client secret and tokens: https, or http to this machine only
     * (a provider run for tests or behind a local proxy).
     */
    public static boolean protectedEndpoint(String endpoint) {
        if (endpoint == null) {
            return true;
        }
        try {
            URI uri = URI.create(endpoint);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            return scheme.equals("https") || scheme.equals("http")
                    && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
        } catch (IllegalArgumentException e) {
            return true; // reported by @HttpUrl
        }
    }

    public OAuthProvider getProvider() {
        return provider;
    }

    public void setProvider(OAuthProvider provider) {
        this.provider = provider;
    }

    public String getTenant() {
        return tenant;
    }

    public void setTenant(String tenant) {
        this.tenant = MailServer.trimToNull(tenant);
    }

    public String getAuthorizationEndpoint() {
        return authorizationEndpoint;
    }

    public void setAuthorizationEndpoint(String authorizationEndpoint) {
        this.authorizationEndpoint = MailServer.trimToNull(authorizationEndpoint);
    }

    public String getTokenEndpoint() {
        return tokenEndpoint;
    }

    public void setTokenEndpoint(String tokenEndpoint) {
        this.tokenEndpoint = MailServer.trimToNull(tokenEndpoint);
    }

    public String getScopes() {
        return scopes;
    }

    public void setScopes(String scopes) {
        String trimmed = MailServer.trimToNull(scopes);
        this.scopes = trimmed == null ? null : trimmed.replaceAll("\\s+", " ");
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = MailServer.trimToNull(clientId);
    }

    public String getClientSecretSealed() {
        return clientSecretSealed;
    }

    public void setClientSecretSealed(String clientSecretSealed) {
        this.clientSecretSealed = clientSecretSealed;
    }

    public LocalDate getClientSecretExpires() {
        return clientSecretExpires;
    }

    public void setClientSecretExpires(LocalDate clientSecretExpires) {
        this.clientSecretExpires = clientSecretExpires;
    }

    public String getRefreshTokenSealed() {
        return refreshTokenSealed;
    }

    public String getAccount() {
        return account;
    }

    public Instant getGrantedAt() {
        return grantedAt;
    }
}
