package dev.postmaster.settings.boundary;

import dev.postmaster.settings.entity.MailServer;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.OAuthSettings;
import dev.postmaster.settings.entity.Protocol;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * "Connect" on the Email page: the OAuth2 authorization-code flow of one administrator's session. {@link #begin}
 * keeps what the answer must match (the {@code state}, the PKCE verifier, which server, which client) in this
 * session, and sends the browser to the provider; {@link #complete} takes the provider's answer back. A state is
 * used once and only in the session that began it, so an answer replayed, forged or carried into another
 * session is refused, and nothing is stored; an answer that is good becomes a pending grant (see
 * {@link MailSettingsService#connect}).
 */
@SessionScoped
public class OAuthConnections implements Serializable {

    private static final long serialVersionUID = 1L;
    /** How long a provider may take to send the administrator back. */
    static final Duration ATTEMPT_LIFETIME = Duration.ofMinutes(10);
    /** Connects begun and not finished that a session keeps; the oldest goes first. */
    private static final int MAX_ATTEMPTS = 4;

    @Inject
    MailSettingsService settingsService;

    @Inject
    OAuthClient client;

    @Inject
    SecretBox secretBox;

    private static final Logger LOG = Logger.getLogger(OAuthConnections.class.getName());

    private final Map<String, Attempt> attempts = new LinkedHashMap<>();
    private Outcome outcome;

    /** A connect under way: for which server and client, and what proves the answer belongs to it. */
    private record Attempt(Protocol protocol, String clientId, String tokenEndpoint, String verifier, URI redirect,
            Instant startedAt) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** How the last connect ended, for the Email page to say once. */
    public record Outcome(boolean connected, String message) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A connect that cannot start or finish, in words for the administrator. */
    public static final class ConnectRefused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public ConnectRefused(String message) {
            super(message);
        }
    }

    /**
     * Starts connecting the {@code protocol} server's account with the saved settings.
     *
     * @return where to send the browser
     * @throws ConnectRefused when the settings do not allow it yet (no Application URL, no complete client)
     */
    public synchronized URI begin(Protocol protocol) {
        MailSettings settings = settingsService.current();
        MailServer server = settings.server(protocol);
        String which = "the " + protocol.direction() + " server";
        if (!server.isOauth2()) {
            throw new ConnectRefused("Choose OAuth2 as the authentication of " + which + " first.");
        }
        String redirect = OAuthClient.redirectUri(settings);
        if (redirect == null) {
            throw new ConnectRefused("Enter the Application URL first: the redirect URL is built from it.");
        }
        try {
            settingsService.validate(settings);
        } catch (InvalidSettingsException e) {
            throw new ConnectRefused("Complete the settings first: " + String.join("; ", e.problems().values()));
        }
        OAuthClient.Authorization authorization = client.authorization(protocol, server, URI.create(redirect));
        Instant now = Instant.now();
        attempts.values().removeIf(attempt -> attempt.startedAt().plus(ATTEMPT_LIFETIME).isBefore(now));
        while (attempts.size() >= MAX_ATTEMPTS) {
            attempts.remove(attempts.keySet().iterator().next());
        }
        OAuthSettings oauth = server.getOauth();
        attempts.put(authorization.state(), new Attempt(protocol, oauth.getClientId(),
                oauth.effectiveTokenEndpoint(), authorization.verifier(), URI.create(redirect), now));
        return authorization.uri();
    }

    /**
     * Takes the provider's answer: checks the state, exchanges the code and stores the grant as pending.
     *
     * @param administrator who connects, for the History
     * @return what the page says
     */
    public synchronized Outcome complete(String state, String code, String error, String errorDescription,
            String administrator) {
        Attempt attempt = state == null ? null : attempts.remove(state);
        if (attempt == null) {
            return remember(false, "The answer from the sign-in was refused: it does not belong to a Connect"
                    + " started in this session, or it was used already. Nothing was changed; click Connect to"
                    + " start again.");
        }
        String which = "the " + attempt.protocol().direction() + " server";
        if (attempt.startedAt().plus(ATTEMPT_LIFETIME).isBefore(Instant.now())) {
            return remember(false, "The sign-in took longer than " + ATTEMPT_LIFETIME.toMinutes() + " minutes, so"
                    + " its answer was refused. Click Connect to start again.");
        }
        if (error != null) {
            return remember(false, "The provider did not grant access to " + which + ": "
                    + OAuthClient.firstLine(error) + (errorDescription == null ? ""
                    : " (" + OAuthClient.firstLine(errorDescription) + ")") + ".");
        }
        if (code == null || code.isBlank()) {
            return remember(false, "The provider's answer had no authorization code. Click Connect to try again.");
        }
        MailSettings settings = settingsService.current();
        OAuthSettings oauth = settings.server(attempt.protocol()).getOauth();
        if (!attempt.clientId().equals(oauth.getClientId())
                || !attempt.tokenEndpoint().equals(oauth.effectiveTokenEndpoint())) {
            return remember(false, "The OAuth2 client of " + which + " was changed while signing in. Click"
                    + " Connect to start again.");
        }
        OAuthClient.Tokens tokens;
        try {
            tokens = client.exchange(settings, attempt.protocol(), code, attempt.verifier(), attempt.redirect());
        } catch (OAuthClient.OAuthException e) {
            LOG.warning(() -> "Connecting " + which + " failed: " + e.getMessage());
            return remember(false, "Not connected. " + e.getMessage() + ".");
        }
        if (tokens.refreshToken() == null) {
            return remember(false, "Not connected: the provider gave no refresh token, so the sign-in would end"
                    + " within the hour. For Microsoft, the scopes need offline_access; other providers may need"
                    + " offline access allowed for the app.");
        }
        if (tokens.refreshToken().length() > OAuthSettings.MAX_REFRESH_TOKEN_LENGTH) {
            return remember(false, "Not connected: the provider's refresh token is longer than "
                    + OAuthSettings.MAX_REFRESH_TOKEN_LENGTH + " characters, more than this version keeps.");
        }
        String account = tokens.account() != null ? tokens.account()
                : settings.server(attempt.protocol()).getUsername();
        // To the second: it names the grant, and a database keeps fewer digits than Instant.now() has.
        Instant grantedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        settingsService.connect(attempt.protocol(), secretBox.seal(SecretField.refreshTokenOf(attempt.protocol()),
                tokens.refreshToken()), account, grantedAt, administrator);
        LOG.info(() -> "Connected " + (account == null ? "an account" : account) + " to " + which + " (by "
                + administrator + "); takes effect at the next restart or Apply now");
        return remember(true, "Connected " + (account == null ? "" : "as " + account + " ") + "to " + which
                + ". It takes effect at Apply now or at the next restart.");
    }

    /** The outcome of the last connect, once. */
    public synchronized Optional<Outcome> takeOutcome() {
        Optional<Outcome> taken = Optional.ofNullable(outcome);
        outcome = null;
        return taken;
    }

    private Outcome remember(boolean connected, String message) {
        if (!connected) {
            LOG.warning(() -> "OAuth2 connect refused: " + message);
        }
        outcome = new Outcome(connected, message);
        return outcome;
    }
}
