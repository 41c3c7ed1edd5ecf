package dev.postmaster.settings.boundary;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.postmaster.settings.entity.MailServer;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.OAuthSettings;
import dev.postmaster.settings.entity.Protocol;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OAuth 2.0 client side of a mail server's sign-in, on the Nimbus OAuth 2.0 SDK: the authorization request
 * of a connect (code flow with PKCE S256 and a {@code state}), the exchange of the code for tokens, and the
 * refresh of an access token. Client authentication is {@code client_secret_post}, which Microsoft, Google and
 * most others accept. Every exchange is bounded by the settings' timeouts.
 *
 * <p>The ID token of a connect is read only for the account's name (the page says who is connected); it is not
 * verified, which OpenID Connect allows for an ID token received straight from the token endpoint over TLS
 * (Core 1.0, 3.1.3.7), and nothing is granted on the strength of it.
 */
@ApplicationScoped
public class OAuthClient {

    /** When the provider does not say how long an access token lives: treated as short-lived. */
    static final Duration UNKNOWN_LIFETIME = Duration.ofMinutes(10);

    /** Providers' refusals that another try cannot mend: the grant or the client is no longer good. */
    private static final Set<String> PERMANENT = Set.of("invalid_grant", "invalid_client", "unauthorized_client",
            "invalid_scope", "access_denied", "unsupported_grant_type", "invalid_request");

    @Inject
    SecretBox secretBox;

    public OAuthClient() {
        // for CDI
    }

    public OAuthClient(SecretBox secretBox) {
        this.secretBox = secretBox;
    }

    /** Where to send the browser to connect, and what to keep until it comes back. */
    public record Authorization(URI uri, String state, String verifier) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** What a connect or a refresh got: a fresh access token, and a refresh token when one was issued. */
    public record Tokens(String accessToken, Instant expiresAt, Duration lifetime, String refreshToken,
            String account) {

        @Override
        public String toString() {
            return "Tokens[expiresAt=" + expiresAt + ", account=" + account + "]";
        }
    }

    /** The provider said no (its error code and description), or could not be asked. */
    public static final class OAuthException extends Exception {

        private static final long serialVersionUID = 1L;
        private final String error;
        private final boolean permanent;

        OAuthException(String message, String error, boolean permanent, Throwable cause) {
            super(message, cause);
            this.error = error;
            this.permanent = permanent;
        }

        /** The provider's error code, such as {@code invalid_grant}; {@code null} when it was not reached. */
        public String error() {
            return error;
        }

        /** Whether trying again cannot help: the grant must be made again (or the client mended). */
        public boolean permanent() {
            return permanent;
        }
    }

    /** The redirect URL to register with the provider, from the Application URL; {@code null} without one. */
    public static String redirectUri(MailSettings settings) {
        String base = settings.getApplicationUrl();
        if (base == null) {
            return null;
        }
        return base.replaceAll("/+$", "") + "/admin/oauth2/callback";
    }

    /** The authorization request for connecting the {@code protocol} server's account. */
    public Authorization authorization(Protocol protocol, MailServer server, URI redirect) {
        OAuthSettings oauth = server.getOauth();
        State state = new State();
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(ResponseType.CODE,
                new ClientID(oauth.getClientId()))
                .endpointURI(URI.create(oauth.effectiveAuthorizationEndpoint()))
                .redirectionURI(redirect)
                .scope(Scope.parse(oauth.effectiveScopes(protocol)))
                .state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (server.getUsername() != null) {
            request.customParameter("login_hint", server.getUsername());
        }
        if (oauth.getProvider() != null) {
            oauth.getProvider().authorizationParameters().forEach(request::customParameter);
        }
        return new Authorization(request.build().toURI(), state.getValue(), verifier.getValue());
    }

    /** Exchanges the code the provider sent back for the first tokens, naming the account that granted them. */
    public Tokens exchange(MailSettings settings, Protocol protocol, String code, String verifier, URI redirect)
            throws OAuthException {
        AuthorizationGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), redirect,
                new CodeVerifier(verifier));
        return token(settings, protocol, grant, null);
    }

    /** A fresh access token for {@code refreshToken}; its {@code refreshToken} is set when the provider rotated it. */
    public Tokens refresh(MailSettings settings, Protocol protocol, String refreshToken) throws OAuthException {
        return token(settings, protocol, new RefreshTokenGrant(new RefreshToken(refreshToken)), refreshToken);
    }

    private Tokens token(MailSettings settings, Protocol protocol, AuthorizationGrant grant, String usedRefresh)
            throws OAuthException {
        OAuthSettings oauth = settings.server(protocol).getOauth();
        String endpoint = oauth.effectiveTokenEndpoint();
        String secret = secretBox.open(SecretField.clientSecretOf(protocol), oauth.getClientSecretSealed());
        TokenRequest request = new TokenRequest(URI.create(endpoint),
                new ClientSecretPost(new ClientID(oauth.getClientId()), new Secret(secret)), grant);
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout((int) settings.effectiveConnectTimeout().toMillis());
        http.setReadTimeout((int) settings.effectiveReadTimeout().toMillis());
        HTTPResponse response;
        try {
            response = http.send();
        } catch (IOException e) {
            throw new OAuthException("Could not reach the token endpoint " + endpoint + ": " + e.getMessage(), null,
                    false, e);
        }
        TokenResponse parsed;
        try {
            parsed = TokenResponse.parse(response);
        } catch (ParseException e) {
            throw new OAuthException("The token endpoint " + endpoint + " answered HTTP " + response.getStatusCode()
                    + " with something that is not a token response", null, response.getStatusCode() < 500, e);
        }
        if (!parsed.indicatesSuccess()) {
            ErrorObject error = parsed.toErrorResponse().getErrorObject();
            String code = error.getCode();
            boolean permanent = response.getStatusCode() < 500 && (code == null || PERMANENT.contains(code));
            throw new OAuthException("The provider refused" + (usedRefresh == null ? " the sign-in" : " to renew the"
                    + " sign-in") + ": " + (code == null ? "HTTP " + response.getStatusCode() : code)
                    + (error.getDescription() == null ? "" : " (" + firstLine(error.getDescription()) + ")"), code,
                    permanent, null);
        }
        AccessTokenResponse success = parsed.toSuccessResponse();
        AccessToken access = success.getTokens().getAccessToken();
        RefreshToken refresh = success.getTokens().getRefreshToken();
        Duration lifetime = access.getLifetime() > 0 ? Duration.ofSeconds(access.getLifetime()) : UNKNOWN_LIFETIME;
        String rotated = refresh == null || refresh.getValue().equals(usedRefresh) ? null : refresh.getValue();
        return new Tokens(access.getValue(), Instant.now().plus(lifetime), lifetime, rotated,
                account(success.getCustomParameters()));
    }

    /** The account an ID token names: its email, else the name Microsoft signs in with. */
    private static String account(Map<String, Object> parameters) {
        Object idToken = parameters.get("id_token");
        if (!(idToken instanceof String text)) {
            return null;
        }
        try {
            JWTClaimsSet claims = JWTParser.parse(text).getJWTClaimsSet();
            for (String claim : List.of("email", "preferred_username", "upn")) {
                String value = claims.getStringClaim(claim);
                if (value != null && !value.isBlank()) {
                    return value.strip();
                }
            }
            return null;
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    /**
     * What a provider wrote (an error description, often with trace lines after it), as its first line, shortened:
     * it goes into a page and the log.
     */
    static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= 300 ? line : line.substring(0, 297) + "...";
    }
}
