package dev.postmaster.mailruntime.control;

import dev.postmaster.mailruntime.boundary.GrantRefused;
import dev.postmaster.settings.boundary.MailSettingsService;
import dev.postmaster.settings.boundary.OAuthClient;
import dev.postmaster.settings.boundary.SecretBox;
import dev.postmaster.settings.boundary.SecretField;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.OAuthSettings;
import dev.postmaster.settings.entity.Protocol;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The access tokens of one OAuth2 mail server, as the sessions built from one version of the settings use them.
 * Every connection asks {@link #accessToken()}: the token in hand while it has time left, else a fresh one from
 * the refresh token. One refresh at a time: threads that ask meanwhile wait for it and take its token, so a
 * burst of sends after the token ran out costs the provider one request.
 *
 * <p>A token is renewed before it runs out: when less than a quarter of its lifetime, or five minutes, is left,
 * whichever is less. A provider that rotates refresh tokens gets the new one stored in the settings, in place of
 * the old. A refusal that another try cannot mend (a revoked grant, an expired client secret) ends this grant:
 * {@code refused} hears it once, to turn the server's mail off with the reason, and every later ask fails at once
 * with the same reason, without asking the provider again. A provider that cannot be reached fails only that
 * ask; the outbox tries again later.
 */
public final class AccessTokens {

    /** Where a session built for OAuth2 carries its tokens, for {@code MailSignIn}. */
    public static final String PROPERTY = "postmaster.oauth.tokens";
    private static final Duration MOST_AHEAD = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(AccessTokens.class.getName());

    private final Protocol protocol;
    private final MailSettings settings;
    private final String user;
    private final OAuthClient client;
    private final SecretBox secretBox;
    private final MailSettingsService settingsService;
    private final Consumer<GrantRefused> refused;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile Token current;
    private volatile String refusal;
    private volatile String lastRefresh;
    private String refreshSealed;

    private record Token(String value, Instant renewAfter, Instant expiresAt) {
    }

    /**
     * @param settings the settings the sessions were built from (copied)
     * @param settingsService where a rotated refresh token is stored, and the newest one read; {@code null} in
     *        tests that keep tokens in memory only
     * @param refused told once when the provider refuses this grant for good
     */
    public AccessTokens(Protocol protocol, MailSettings settings, OAuthClient client, SecretBox secretBox,
            MailSettingsService settingsService, Consumer<GrantRefused> refused) {
        this.protocol = protocol;
        this.settings = settings.copy();
        this.client = client;
        this.secretBox = secretBox;
        this.settingsService = settingsService;
        this.refused = refused;
        OAuthSettings oauth = this.settings.server(protocol).getOauth();
        this.refreshSealed = oauth.getRefreshTokenSealed();
        this.user = this.settings.server(protocol).oauthUser();
        // Both secrets are opened now, so that a key problem turns the server off when the sessions are built.
        secretBox.open(SecretField.refreshTokenOf(protocol), refreshSealed);
        secretBox.open(SecretField.clientSecretOf(protocol), oauth.getClientSecretSealed());
    }

    /** The account XOAUTH2 signs in as. */
    public String user() {
        return user;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** How the last refresh went, in words for the connection tests, if one was made. */
    public Optional<String> lastRefresh() {
        return Optional.ofNullable(lastRefresh);
    }

    /** Why the provider refused this grant for good, if it did. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    /**
     * An access token with time left, refreshed first when needed.
     *
     * @throws AuthenticationFailedException when the provider refused the grant (now or before)
     * @throws MessagingException when the provider could not be reached
     */
    public String accessToken() throws MessagingException {
        Token token = current;
        if (token != null && Instant.now().isBefore(token.renewAfter())) {
            return token.value();
        }
        String refusedNow = null;
        lock.lock();
        try {
            token = current;
            if (token != null && Instant.now().isBefore(token.renewAfter())) {
                return token.value();
            }
            if (refusal != null) {
                throw new AuthenticationFailedException(refusal);
            }
            try {
                return refresh().value();
            } catch (OAuthClient.OAuthException e) {
                lastRefresh = e.getMessage();
                if (!e.permanent()) {
                    LOG.warning(() -> "Could not renew the OAuth2 access token of the " + protocol.direction()
                            + " server; trying again with the next connection: " + e.getMessage());
                    throw new MessagingException(e.getMessage(), e);
                }
                refusal = e.getMessage() + ". Connect the account again on the Email page, then Apply now.";
                refusedNow = refusal;
                throw new AuthenticationFailedException(refusal);
            }
        } finally {
            lock.unlock();
            if (refusedNow != null) {
                refused.accept(new GrantRefused(protocol, this, refusedNow));
            }
        }
    }

    /**
     * The server refused {@code token} although it had time left (revoked early, say): the next connection
     * refreshes rather than trying it again.
     */
    public void rejected(String token) {
        Token held = current;
        if (held != null && held.value().equals(token)) {
            current = null;
        }
    }

    private Token refresh() throws OAuthClient.OAuthException {
        String sealed = newestRefreshToken();
        OAuthClient.Tokens tokens = client.refresh(settings, protocol, secretBox.open(
                SecretField.refreshTokenOf(protocol), sealed));
        Duration ahead = tokens.lifetime().dividedBy(4);
        if (ahead.compareTo(MOST_AHEAD) > 0) {
            ahead = MOST_AHEAD;
        }
        Token fresh = new Token(tokens.accessToken(), tokens.expiresAt().minus(ahead), tokens.expiresAt());
        current = fresh;
        boolean rotated = tokens.refreshToken() != null;
        if (rotated) {
            store(sealed, secretBox.seal(SecretField.refreshTokenOf(protocol), tokens.refreshToken()));
        }
        lastRefresh = "New access token for " + (user == null ? "the account" : user) + ", valid until "
                + fresh.expiresAt() + (rotated ? "; the provider issued a new refresh token, stored" : "");
        LOG.fine(() -> "Renewed the OAuth2 access token of the " + protocol.direction() + " server");
        return fresh;
    }

    /** The refresh token of this grant: another node may have stored a newer one since these sessions were built. */
    private String newestRefreshToken() {
        if (settingsService != null) {
            try {
                Instant grantedAt = settings.server(protocol).getOauth().getGrantedAt();
                settingsService.activeRefreshToken(protocol, grantedAt).ifPresent(newest -> refreshSealed = newest);
            } catch (RuntimeException e) {
                LOG.fine(() -> "Could not read the stored refresh token; using the one in hand: " + e.getMessage());
            }
        }
        return refreshSealed;
    }

    private void store(String oldSealed, String newSealed) {
        refreshSealed = newSealed;
        if (settingsService == null) {
            return;
        }
        try {
            settingsService.replaceRefreshToken(protocol, oldSealed, newSealed);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The provider issued a new refresh token for the " + protocol.direction()
                    + " server, but it could not be stored; it is used until the next restart", e);
        }
    }
}
