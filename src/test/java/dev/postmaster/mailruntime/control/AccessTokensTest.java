package dev.postmaster.mailruntime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.postmaster.fixtures.TestAuthorizationServer;
import dev.postmaster.mailruntime.boundary.GrantRefused;
import dev.postmaster.mailruntime.boundary.MailSignIn;
import dev.postmaster.settings.boundary.OAuthClient;
import dev.postmaster.settings.boundary.SecretBox;
import dev.postmaster.settings.boundary.SecretField;
import dev.postmaster.settings.entity.AuthMethod;
import dev.postmaster.settings.entity.MailServer;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.OAuthProvider;
import dev.postmaster.settings.entity.Protocol;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OAuth2 sign-in below the container: the code flow of {@link OAuthClient} against the test authorization server,
 * and the sessions {@link MailSessionFactory} builds for it sending and reading over SASL XOAUTH2 with GreenMail,
 * which accepts only the newest access token issued. The refresh rules of {@link AccessTokens}: once for many
 * threads, again when the token runs out, the rotated refresh token used next, a refusal heard once and not asked
 * again, an unreachable provider only failing the one connection.
 */
class AccessTokensTest {

    private static final String LOGIN = "mailer@oauth.test";
    private static final String CLIENT = "postmaster-test";
    private static final String CLIENT_SECRET = "Client-Pa55-" + System.nanoTime();

    private final SecretBox box = SecretBox.withKey(key());
    private final OAuthClient client = new OAuthClient(box);
    private GreenMail greenMail;
    private TestAuthorizationServer provider;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        greenMail.start();
        greenMail.setUser(LOGIN, LOGIN, "not-a-token");
        provider = TestAuthorizationServer.start(greenMail);
        provider.registerClient(CLIENT, CLIENT_SECRET);
        provider.signInAs(LOGIN);
    }

    @AfterEach
    void stop() {
        provider.close();
        greenMail.stop();
    }

    @Test
    void theCodeFlowUsesPkceAndStateAndNamesTheAccount() throws Exception {
        MailSettings settings = settings(null);
        URI redirect = URI.create("https://postmaster.example.com/admin/oauth2/callback");

        OAuthClient.Authorization authorization = client.authorization(Protocol.SMTP, settings.getOutgoing(),
                redirect);
        Map<String, String> answer = follow(authorization.uri());
        Map<String, String> asked = provider.lastAuthorizationRequest();

        assertEquals("S256", asked.get("code_challenge_method"));
        assertEquals(authorization.state(), answer.get("state"), "the state comes back as it was sent");
        assertEquals(redirect.toString(), asked.get("redirect_uri"));
        assertEquals("mail offline_access openid email", asked.get("scope"));
        assertFalse(authorization.uri().toString().contains(authorization.verifier()), "the verifier stays here");
        OAuthClient.Tokens tokens = client.exchange(settings, Protocol.SMTP, answer.get("code"),
                authorization.verifier(), redirect);
        assertNotNull(tokens.refreshToken());
        assertEquals(LOGIN, tokens.account(), "from the ID token");
        assertFalse(tokens.toString().contains(tokens.accessToken()), "a token is never part of its text");

        OAuthClient.OAuthException wrongVerifier = assertThrows(OAuthClient.OAuthException.class, () ->
                client.exchange(settings, Protocol.SMTP, follow(client.authorization(Protocol.SMTP,
                        settings.getOutgoing(), redirect).uri()).get("code"), authorization.verifier(), redirect));
        assertEquals("invalid_grant", wrongVerifier.error(), "a code is bound to its own verifier");
        assertTrue(wrongVerifier.permanent());
    }

    @Test
    void manySendersAtOnceCostOneRefreshAndAnExpiredTokenOneMore() throws Exception {
        provider.accessTokenLifetime(Duration.ofSeconds(2));
        Session session = new MailSessionFactory(box).session(Protocol.SMTP, settings(connect()));

        sendAtOnce(session, 8, "first");
        assertEquals(1, provider.refreshCount(CLIENT), "eight connections at once, one refresh");
        Thread.sleep(2_100);
        sendAtOnce(session, 8, "second");

        assertEquals(2, provider.refreshCount(CLIENT), "the token ran out: one refresh more, not eight");
        assertEquals(16, greenMail.getReceivedMessages().length, "every mail went out over XOAUTH2");
    }

    @Test
    void aRotatedRefreshTokenIsTheOneUsedNext() throws Exception {
        provider.accessTokenLifetime(Duration.ofSeconds(1));
        provider.rotateRefreshTokens(true);
        Session session = new MailSessionFactory(box).session(Protocol.SMTP, settings(connect()));

        sendAtOnce(session, 1, "before rotation");
        Thread.sleep(1_100);
        sendAtOnce(session, 1, "after rotation");

        assertEquals(2, provider.refreshCount(CLIENT), "the second refresh had to present the new token");
    }

    @Test
    void theIncomingMailboxIsReadOverXoauth2() throws Exception {
        MailSettings settings = settings(connect());
        settings.getIncoming().setHost("127.0.0.1");
        settings.getIncoming().setPort(greenMail.getImap().getPort());
        settings.getIncoming().setAuthMethod(AuthMethod.OAUTH2);
        copyClient(settings.getOutgoing(), settings.getIncoming(), Protocol.IMAP);
        Session session = new MailSessionFactory(box).session(Protocol.IMAP, settings);

        try (Store store = session.getStore()) {
            MailSignIn.connect(store, session);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertEquals(0, inbox.getMessageCount());
            inbox.close(false);
        }
        assertEquals(1, provider.refreshCount(CLIENT));
    }

    @Test
    void aTokenTheServerNoLongerTakesIsReplacedOnceAndTheConnectionMade() throws Exception {
        MailSettings settings = settings(connect());
        Session first = new MailSessionFactory(box).session(Protocol.SMTP, settings);
        sendAtOnce(first, 1, "with the first token");
        // Another session of the same grant gets a token of its own, which GreenMail then takes instead.
        sendAtOnce(new MailSessionFactory(box).session(Protocol.SMTP, settings), 1, "with the second token");

        sendAtOnce(first, 1, "with a third token");

        assertEquals(3, provider.refreshCount(CLIENT), "the first session's token was refused, then replaced");
        assertEquals(3, greenMail.getReceivedMessages().length);
    }

    @Test
    void aRefusedGrantIsHeardOnceAndNotAskedAgain() throws Exception {
        provider.accessTokenLifetime(Duration.ofSeconds(1));
        List<GrantRefused> heard = new ArrayList<>();
        AccessTokens tokens = new AccessTokens(Protocol.SMTP, settings(connect()), client, box, null, heard::add);
        tokens.accessToken();
        provider.revokeGrants();
        Thread.sleep(1_100);
        int asked = provider.refreshRequests();

        AuthenticationFailedException refused = assertThrows(AuthenticationFailedException.class,
                tokens::accessToken);
        assertThrows(AuthenticationFailedException.class, tokens::accessToken);

        assertTrue(refused.getMessage().startsWith("The provider refused to renew the sign-in: invalid_grant"),
                refused.getMessage());
        assertTrue(refused.getMessage().endsWith("Connect the account again on the Email page, then Apply now."));
        assertEquals(List.of(new GrantRefused(Protocol.SMTP, tokens, refused.getMessage())), heard, "heard once");
        assertTrue(heard.get(0).message().startsWith("Outgoing mail is off: The provider refused"));
        assertEquals(asked + 1, provider.refreshRequests(), "the provider was asked once, not again");
    }

    @Test
    void aProviderThatCannotBeReachedFailsOnlyThatConnection() throws Exception {
        MailSettings settings = settings(connect());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        settings.getOutgoing().getOauth().setTokenEndpoint("http://127.0.0.1:" + closedPort + "/token");
        List<GrantRefused> heard = new ArrayList<>();
        AccessTokens tokens = new AccessTokens(Protocol.SMTP, settings, client, box, null, heard::add);

        MessagingException failed = assertThrows(MessagingException.class, tokens::accessToken);

        assertFalse(failed instanceof AuthenticationFailedException, "not a refusal");
        assertTrue(failed.getMessage().startsWith("Could not reach the token endpoint"), failed.getMessage());
        assertEquals(List.of(), heard, "mail stays on: the next connection tries again");
        assertInstanceOf(OAuthClient.OAuthException.class, failed.getCause());
        assertTrue(tokens.refusal().isEmpty());
    }

    /** Runs the code flow and returns the sealed refresh token. */
    private String connect() throws Exception {
        URI redirect = URI.create("https://postmaster.example.com/admin/oauth2/callback");
        MailSettings settings = settings(null);
        OAuthClient.Authorization authorization = client.authorization(Protocol.SMTP, settings.getOutgoing(),
                redirect);
        OAuthClient.Tokens tokens = client.exchange(settings, Protocol.SMTP, follow(authorization.uri()).get("code"),
                authorization.verifier(), redirect);
        return box.seal(SecretField.refreshTokenOf(Protocol.SMTP), tokens.refreshToken());
    }

    private MailSettings settings(String sealedRefreshToken) {
        MailSettings settings = new MailSettings();
        settings.setReplyTo("noreply@oauth.test");
        MailServer smtp = settings.getOutgoing();
        smtp.setHost("127.0.0.1");
        smtp.setPort(greenMail.getSmtp().getPort());
        smtp.setAuthMethod(AuthMethod.OAUTH2);
        smtp.getOauth().setProvider(OAuthProvider.GENERIC);
        smtp.getOauth().setAuthorizationEndpoint(provider.authorizationEndpoint());
        smtp.getOauth().setTokenEndpoint(provider.tokenEndpoint());
        smtp.getOauth().setScopes("mail offline_access openid email");
        smtp.getOauth().setClientId(CLIENT);
        smtp.getOauth().setClientSecretSealed(box.seal(SecretField.SMTP_CLIENT_SECRET, CLIENT_SECRET));
        if (sealedRefreshToken != null) {
            smtp.getOauth().granted(sealedRefreshToken, LOGIN, Instant.now());
        }
        return settings;
    }

    /** The same client and grant for the {@code protocol} server, sealed for its own fields. */
    private void copyClient(MailServer from, MailServer to, Protocol protocol) {
        to.getOauth().setProvider(from.getOauth().getProvider());
        to.getOauth().setAuthorizationEndpoint(from.getOauth().getAuthorizationEndpoint());
        to.getOauth().setTokenEndpoint(from.getOauth().getTokenEndpoint());
        to.getOauth().setScopes(from.getOauth().getScopes());
        to.getOauth().setClientId(from.getOauth().getClientId());
        to.getOauth().setClientSecretSealed(box.seal(SecretField.clientSecretOf(protocol), CLIENT_SECRET));
        String refresh = box.open(SecretField.SMTP_REFRESH_TOKEN, from.getOauth().getRefreshTokenSealed());
        to.getOauth().granted(box.seal(SecretField.refreshTokenOf(protocol), refresh), LOGIN, Instant.now());
    }

    /** {@code count} connections at once, each sending one mail (all released together). */
    private static void sendAtOnce(Session session, int count, String subject) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(count);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger numbers = new AtomicInteger();
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(senders.submit(() -> {
                    go.await();
                    MimeMessage message = new MimeMessage(session);
                    message.setFrom("noreply@oauth.test");
                    message.setRecipients(MimeMessage.RecipientType.TO, "someone@oauth.test");
                    message.setSubject(subject + " " + numbers.incrementAndGet());
                    message.setText("Sent over XOAUTH2");
                    try (Transport transport = session.getTransport()) {
                        MailSignIn.connect(transport, session);
                        transport.sendMessage(message, message.getAllRecipients());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> one : sent) {
                one.get();
            }
        } finally {
            senders.shutdownNow();
        }
    }

    /** Opens the authorization URL as a browser would, and returns the parameters it is sent back with. */
    private static Map<String, String> follow(URI authorization) throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(authorization).build(),
                HttpResponse.BodyHandlers.discarding());
        String location = response.headers().firstValue("Location").orElseThrow();
        return Arrays.stream(URI.create(location).getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> java.net.URLDecoder.decode(pair[1],
                        StandardCharsets.UTF_8)));
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        return key;
    }
}
