package dev.postmaster.console;

import static dev.postmaster.console.pages.EmailSettingsPage.Section.INCOMING;
import static dev.postmaster.console.pages.EmailSettingsPage.Section.NOTIFICATIONS;
import static dev.postmaster.console.pages.EmailSettingsPage.Section.OUTGOING;
import static dev.postmaster.console.pages.EmailSettingsPage.Section.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.postmaster.ApplicationDatabase;
import dev.postmaster.Deployments;
import dev.postmaster.Eventually;
import dev.postmaster.MailServerSandbox;
import dev.postmaster.console.pages.Browser;
import dev.postmaster.console.pages.ConnectionTestDialog;
import dev.postmaster.console.pages.EmailSettingsPage;
import dev.postmaster.console.pages.HomePage;
import dev.postmaster.console.pages.InboundLogPage;
import dev.postmaster.console.pages.LoginPage;
import dev.postmaster.fixtures.DatabaseProbe;
import dev.postmaster.fixtures.TestAuthorizationServer;
import dev.postmaster.fixtures.TestUsers;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * OAuth2 sign-in as an administrator uses it, in Chromium against the deployed WAR, with a test authorization
 * server in this JVM playing Microsoft or Google, and GreenMail accepting AUTH XOAUTH2 with the newest access
 * token that server issued (it becomes the mailbox's password). The outgoing and the incoming server are each
 * connected through the browser, then mail is sent and read over XOAUTH2; an expired token is refreshed once for
 * several connections at once; a revoked grant turns outgoing mail off with its reason shown and mail waits
 * until the account is connected again; an answer from the provider replayed, forged or carried into another
 * session is refused; and no token or secret is in the database in clear, in a page or (scripts/check-logs.sh,
 * every token carries the tests' secret marker) in a log.
 *
 * <p>The tests run in order on one server, as an administrator would go: connect first, then what follows from
 * a connection. Each says what it starts from.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OAuthBrowserIT {

    private static final String ADMIN = "admin";
    private static final String MAILER = "mailer@oauth.test";
    private static final String INBOX = "inbox@oauth.test";
    private static final String SMTP_CLIENT = "postmaster-smtp";
    private static final String IMAP_CLIENT = "postmaster-imap";
    private static final String SMTP_SECRET = "Smtp-Client-Pa55-" + System.nanoTime();
    private static final String IMAP_SECRET = "Imap-Client-Pa55-" + System.nanoTime();
    private static final String SCOPES = "mail offline_access openid email";
    /** Short, so that the tests see tokens run out; renewed a quarter of it ahead. */
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(8);
    private static final int MEMBERS = 12;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static GreenMail greenMail;
    private static TestAuthorizationServer provider;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.postmaster().withFixtures(TestUsers.class, DatabaseProbe.class, ApplicationDatabase.class)
                .build();
    }

    @BeforeAll
    static void startServers() {
        greenMail = MailServerSandbox.start();
        greenMail.setUser(MAILER, MAILER, "Not-A-Token-Pa55");
        greenMail.setUser(INBOX, INBOX, "Not-A-Token-Pa55");
        provider = TestAuthorizationServer.start(greenMail);
        provider.registerClient(SMTP_CLIENT, SMTP_SECRET);
        provider.registerClient(IMAP_CLIENT, IMAP_SECRET);
        provider.accessTokenLifetime(TOKEN_LIFETIME);
    }

    @AfterAll
    static void stopServers() {
        provider.close();
        MailServerSandbox.stop();
    }

    @ArquillianResource
    URL baseUrl;

    @RegisterExtension
    final Browser browser = new Browser(() -> baseUrl);

    @Test
    @Order(1)
    void bothServersAreConnectedThroughTheBrowserAndMailIsSentAndReadOverXoauth2() throws Exception {
        EmailSettingsPage email = signInAsAdmin().openEmailSettingsFromMenu()
                .fill(OUTGOING, "Outgoing mail server (SMTP)", MailServerSandbox.HOST)
                .fill(OUTGOING, "Port", String.valueOf(MailServerSandbox.SMTP_PORT))
                .fill(OUTGOING, "Reply-To Address", "noreply@oauth.test")
                .choose(OUTGOING, "Encryption", "None")
                .choose(OUTGOING, "Authentication", "OAuth2")
                .choose(OUTGOING, "OAuth2 provider", "Microsoft 365");
        assertAll("the Microsoft preset",
                () -> assertEquals("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize",
                        email.shown(OUTGOING, "Authorization endpoint")),
                () -> assertEquals("https://login.microsoftonline.com/organizations/oauth2/v2.0/token",
                        email.shown(OUTGOING, "Token endpoint")));
        email.enter(OUTGOING, "Tenant", "contoso.onmicrosoft.com");
        assertEquals("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token",
                email.shown(OUTGOING, "Token endpoint"), "the tenant is part of the endpoints");
        email.choose(OUTGOING, "OAuth2 provider", "Google");
        assertEquals("https://oauth2.googleapis.com/token", email.shown(OUTGOING, "Token endpoint"));
        fillClient(email.choose(OUTGOING, "OAuth2 provider", "Other provider"), OUTGOING, SMTP_CLIENT, SMTP_SECRET)
                .fill(NOTIFICATIONS, "Application URL", baseUrl.toExternalForm())
                .fill(NOTIFICATIONS, "Mail errors to", "ops@oauth.test")
                .fill(INCOMING, "Incoming mail server", MailServerSandbox.HOST)
                .fill(INCOMING, "Port", String.valueOf(MailServerSandbox.IMAP_PORT))
                .choose(INCOMING, "Encryption", "None")
                .choose(INCOMING, "Authentication", "OAuth2")
                .fill(INCOMING, "Username", "")
                .choose(INCOMING, "OAuth2 provider", "Other provider")
                .fill(INCOMING, "Check for new mail every (seconds)", "3600")
                .fill(TIMEOUTS, "Parallel connections", "4");
        fillClient(email, INCOMING, IMAP_CLIENT, IMAP_SECRET);

        provider.signInAs(MAILER);
        EmailSettingsPage connected = email.connect(OUTGOING);
        String redirect = baseUrl.toExternalForm() + "admin/oauth2/callback";
        assertAll("the outgoing server connected",
                () -> assertTrue(connected.formMessages().contains("Connected as " + MAILER + " to the outgoing"
                        + " server. It takes effect at Apply now"), connected.formMessages()),
                () -> assertTrue(connected.shown(OUTGOING, "Account").startsWith("Connected as " + MAILER + " on "),
                        connected.shown(OUTGOING, "Account")),
                () -> assertEquals(redirect, connected.shown(OUTGOING, "Redirect URL")),
                () -> assertEquals(redirect, provider.lastAuthorizationRequest().get("redirect_uri")),
                () -> assertEquals("S256", provider.lastAuthorizationRequest().get("code_challenge_method")),
                () -> assertEquals(SCOPES, provider.lastAuthorizationRequest().get("scope")),
                () -> assertEquals(SMTP_CLIENT, provider.lastAuthorizationRequest().get("client_id")));

        provider.signInAs(INBOX);
        EmailSettingsPage both = connected.connect(INCOMING);
        assertTrue(both.shown(INCOMING, "Account").startsWith("Connected as " + INBOX + " on "),
                both.shown(INCOMING, "Account"));
        assertTrue(both.pendingChanges().containsAll(List.of("Outgoing OAuth2", "Incoming OAuth2")),
                both.pendingChanges()::toString);

        both.applyNow();
        assertAll("running with OAuth2",
                () -> assertEquals("OAuth2 (Other provider), as " + MAILER, both.running("Authentication")),
                () -> assertEquals("OAuth2 (Other provider), as " + INBOX, both.running("Incoming authentication")));

        ConnectionTestDialog test = both.sendTestEmailTo("tester@oauth.test");
        List<String> steps = test.steps();
        assertAll("the test shows the OAuth steps",
                () -> assertTrue(test.summary().startsWith("Sent."), test.summary()),
                () -> assertEquals("Token refresh ✓", steps.get(1), steps::toString),
                () -> assertTrue(steps.contains("AUTH XOAUTH2 ✓"), steps::toString),
                () -> assertTrue(test.transcriptOf("Token refresh").contains("New access token for " + MAILER),
                        test.transcriptOf("Token refresh")),
                () -> assertTrue(test.transcriptOf("AUTH XOAUTH2").contains("AUTH XOAUTH2 result: 235"),
                        test.transcriptOf("AUTH XOAUTH2")));
        ConnectionTestDialog incoming = test.close().testIncomingConnection();
        assertTrue(incoming.steps().contains("Login (AUTHENTICATE XOAUTH2) ✓"), incoming.steps()::toString);
        assertTrue(incoming.transcriptOf("Login (AUTHENTICATE XOAUTH2)").contains("OK AUTHENTICATE completed"),
                incoming.transcriptOf("Login (AUTHENTICATE XOAUTH2)"));
        assertTrue(incoming.steps().get(1).startsWith("Token refresh"), incoming.steps()::toString);
        EmailSettingsPage afterTest = incoming.close();
        Eventually.await(() -> received("tester@oauth.test").size() == 1);

        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()));
        reply.setFrom("customer@oauth.test");
        reply.setRecipients(Message.RecipientType.TO, INBOX);
        reply.setSubject("Read over XOAUTH2");
        reply.setText("Hello from the mailbox");
        greenMail.getUserManager().getUser(INBOX).deliver(reply);
        InboundLogPage inbound = InboundLogPage.fromMenu(afterTest).pollNow();
        assertTrue(inbound.messages().stream().anyMatch(m -> m.subject().equals("Read over XOAUTH2")),
                inbound.messages()::toString);
        Eventually.await(() -> inboxMessages(INBOX).stream().allMatch(m -> m.getFlags().contains(Flags.Flag.SEEN)),
                Duration.ofSeconds(20), "the message read was not marked read on the server");

        List<EmailSettingsPage.HistoryEntry> history = EmailSettingsPage.open(browser, "history").history();
        assertTrue(history.stream().anyMatch(entry -> entry.summary().startsWith("Connected account " + MAILER
                + " to the outgoing server (SMTP)")), history::toString);
        assertTrue(history.stream().anyMatch(entry -> entry.details().contains("Outgoing OAuth2: connected account "
                + MAILER)), history::toString);
    }

    @Test
    @Order(2)
    void anExpiredTokenIsRefreshedOnceForSeveralConnectionsAtOnce() throws Exception {
        // From test 1: the outgoing server is connected and running, with four parallel connections.
        List<String> members = IntStream.range(0, MEMBERS).mapToObj(i -> "oauth-member-" + i).toList();
        for (String member : members) {
            HttpResponse<String> created = api("POST", "api/users", "{\"username\":\"" + member
                    + "\",\"password\":\"Member-Pa55word\",\"role\":\"user\",\"firstName\":\"Member\","
                    + "\"lastName\":\"" + member + "\",\"email\":\"" + member + "@oauth.test\"}");
            assertEquals(201, created.statusCode(), created.body());
        }
        assertEquals(200, api("POST", "api/outbox/hold", "").statusCode());
        HttpResponse<String> project = api("POST", "api/projects", "{\"name\":\"Refreshed once\",\"members\":["
                + members.stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(",")) + "]}");
        assertEquals(201, project.statusCode(), project.body());
        Thread.sleep(TOKEN_LIFETIME.toMillis()); // the token in hand runs out meanwhile
        int before = provider.refreshCount(SMTP_CLIENT);

        assertEquals(200, api("POST", "api/outbox/release", "").statusCode());

        Eventually.await(() -> members.stream().allMatch(m -> !received(m + "@oauth.test").isEmpty()),
                Duration.ofSeconds(60), "not every member got the notification");
        assertEquals(1, provider.refreshCount(SMTP_CLIENT) - before,
                "four connections at once after the token ran out: one refresh");
    }

    @Test
    @Order(3)
    void aRevokedGrantTurnsOutgoingMailOffWithTheReasonAndMailWaitsUntilTheAccountIsConnectedAgain()
            throws Exception {
        // From test 1: both servers connected and running. The provider now refuses every grant it gave.
        provider.revokeGrants();
        Thread.sleep(TOKEN_LIFETIME.toMillis());
        HttpResponse<String> added = api("POST", "api/projects", "{\"name\":\"While revoked\",\"members\":"
                + "[\"oauth-member-0\"]}");
        assertEquals(201, added.statusCode(), added.body());

        String off = "Outgoing mail is off: The provider refused to renew the sign-in: invalid_grant (AADSTS70000";
        signInAsAdmin();
        EmailSettingsPage email = Eventually.awaitValue(() -> {
            EmailSettingsPage page = EmailSettingsPage.open(browser, "mail-off");
            return page.runningNow().contains(off) ? Optional.of(page) : Optional.empty();
        }, Duration.ofSeconds(60), () -> "the Email page does not say outgoing mail is off");
        assertTrue(email.runningNow().contains("Connect the account again on the Email page, then Apply now."),
                email.runningNow());
        JsonObject smtp = readiness("smtp");
        assertEquals("DOWN", smtp.getString("status"), smtp::toString);
        assertTrue(smtp.getJsonObject("data").getString("reason").startsWith(off), smtp::toString);
        String waiting = api("GET", "api/outbox?status=DEFERRED", null).body()
                + api("GET", "api/outbox?status=QUEUED", null).body();
        assertTrue(waiting.contains("oauth-member-0@oauth.test"), "the notification waits: " + waiting);
        assertFalse(api("GET", "api/outbox?status=FAILED", null).body().contains("oauth-member-0@oauth.test"));
        int notifiedBefore = received("oauth-member-0@oauth.test").size();

        provider.signInAs(MAILER);
        EmailSettingsPage reconnected = email.connect(OUTGOING).applyNow();

        assertFalse(reconnected.runningNow().contains("Outgoing mail is off"), reconnected.runningNow());
        Eventually.await(() -> received("oauth-member-0@oauth.test").size() == notifiedBefore + 1,
                Duration.ofSeconds(60), "the waiting notification was not sent after the reconnect");
        Eventually.await(() -> received("ops@oauth.test").stream().anyMatch(body -> body.contains(off)),
                Duration.ofSeconds(60), "the error mail did not say why outgoing mail was off");
        assertEquals("UP", readiness("smtp").getString("status"), () -> "after the reconnect");
    }

    @Test
    @Order(4)
    void anAnswerReplayedForgedOrCarriedIntoAnotherSessionIsRefused() {
        String refused = "The answer from the sign-in was refused: it does not belong to a Connect started in this"
                + " session, or it was used already.";
        EmailSettingsPage.HistoryEntry first = signInAsAdmin().openEmailSettingsFromMenu().history().get(0);

        browser.open("admin/oauth2/callback?state=forged-state&code=forged-code");
        EmailSettingsPage forged = pageAfterCallback("forged");
        assertTrue(forged.formMessages().contains(refused), forged.formMessages());
        assertEquals(first, forged.history().get(0), "a forged answer changed the History");

        provider.signInAs(MAILER);
        provider.interceptNextAuthorization();
        forged.connectAndStayAtTheProvider(OUTGOING);
        String heldForTheFirstSession = provider.interceptedRedirect();
        browser.open(EmailSettingsPage.PATH);
        browser.driver().manage().deleteAllCookies();
        signInAsAdmin(); // a new session of the same administrator
        browser.driver().get(heldForTheFirstSession);
        EmailSettingsPage otherSession = pageAfterCallback("other-session");
        assertTrue(otherSession.formMessages().contains(refused), otherSession.formMessages());

        provider.interceptNextAuthorization();
        otherSession.connectAndStayAtTheProvider(OUTGOING);
        String answer = provider.interceptedRedirect();
        browser.driver().get(answer);
        EmailSettingsPage once = pageAfterCallback("answered-once");
        assertTrue(once.formMessages().contains("Connected as " + MAILER), once.formMessages());
        browser.driver().get(answer);
        EmailSettingsPage replayed = pageAfterCallback("replayed");
        assertTrue(replayed.formMessages().contains(refused), replayed.formMessages());
        List<EmailSettingsPage.HistoryEntry> history = replayed.history();
        List<EmailSettingsPage.HistoryEntry> since = history.subList(0, history.indexOf(first));
        assertEquals(1, since.stream().filter(entry -> entry.what().equals("Connected")).count(),
                "one connect for the four answers: " + since);
        assertTrue(since.get(0).summary().startsWith("Connected account " + MAILER), since::toString);
    }

    @Test
    @Order(5)
    void noTokenOrSecretIsStoredInClearOrShownAndDisconnectForgetsTheTokens() throws Exception {
        EmailSettingsPage email = signInAsAdmin().openEmailSettingsFromMenu();
        List<String> secrets = new ArrayList<>(provider.issuedSecrets());
        secrets.add(SMTP_SECRET);
        secrets.add(IMAP_SECRET);
        assertTrue(secrets.size() > 6, "tokens were issued: " + secrets.size());

        String page = browser.driver().getPageSource();
        InboundLogPage.fromMenu(email);
        String inboundPage = browser.driver().getPageSource();
        String stored = heldInTheDatabase(secrets);
        assertAll("no secret in clear",
                () -> assertEquals(List.of(), secrets.stream().filter(page::contains).toList(), "Email page"),
                () -> assertEquals(List.of(), secrets.stream().filter(inboundPage::contains).toList(), "Inbound"),
                () -> assertEquals("", stored, "in the database"),
                () -> assertFalse(readiness("smtp").toString().contains(TestAuthorizationServer.SECRET_MARKER),
                        "in /health/ready"));

        EmailSettingsPage expiring = EmailSettingsPage.open(browser, "secret-expiry")
                .fill(OUTGOING, "Client secret expires on", "31.12.2027").update("expiry-not-a-date");
        assertEquals("Enter the date as yyyy-mm-dd, such as 2027-06-30",
                expiring.messageBeside(OUTGOING, "Client secret expires on"));
        String inTenDays = LocalDate.now(ZoneOffset.UTC).plusDays(10).toString();
        expiring.fill(OUTGOING, "Client secret expires on", inTenDays).update("expiry-in-ten-days");
        assertTrue(expiring.hintsBeside(OUTGOING, "Client secret expires on").contains("Outgoing mail: the OAuth2"
                + " client secret expires on " + inTenDays + ", in 10 days."),
                expiring.hintsBeside(OUTGOING, "Client secret expires on"));

        EmailSettingsPage disconnected = EmailSettingsPage.open(browser, "before-disconnect").disconnect(INCOMING);
        assertEquals("Not connected.", disconnected.shown(INCOMING, "Account"));
        assertTrue(disconnected.history().get(0).details().contains("Incoming OAuth2: disconnected"),
                disconnected.history().get(0).details());
    }

    private static EmailSettingsPage fillClient(EmailSettingsPage email, EmailSettingsPage.Section section,
            String clientId, String secret) {
        return email.fill(section, "Authorization endpoint", provider.authorizationEndpoint())
                .fill(section, "Token endpoint", provider.tokenEndpoint())
                .fill(section, "Scopes", SCOPES)
                .fill(section, "Client ID", clientId)
                .fill(section, "Client secret", secret);
    }

    private HomePage signInAsAdmin() {
        return LoginPage.open(browser).signInAs(ADMIN, TestUsers.adminPassword());
    }

    /** The Email page the provider's answer led to, with what it says of the answer (said once only). */
    private EmailSettingsPage pageAfterCallback(String step) {
        browser.settle();
        assertTrue(browser.currentPath().endsWith("/" + EmailSettingsPage.PATH), browser.currentPath());
        return EmailSettingsPage.expect(browser, step);
    }

    /** Subject and body of each mail GreenMail received for {@code address}. */
    private static List<String> received(String address) {
        List<String> texts = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                if (Arrays.stream(message.getAllRecipients()).anyMatch(to -> to.toString().contains(address))) {
                    texts.add(message.getSubject() + "\n" + GreenMailUtil.getBody(message));
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return texts;
    }

    private static List<StoredMessage> inboxMessages(String login) {
        try {
            GreenMailUser user = greenMail.getUserManager().getUser(login);
            return greenMail.getManagers().getImapHostManager().getInbox(user).getMessages();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asks the database probe which of {@code texts} the database holds, as the signed-in browser. */
    private String heldInTheDatabase(List<String> texts) {
        Object answer = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {method: 'POST', body: arguments[1]})"
                        + ".then(r => r.ok ? r.text() : 'HTTP ' + r.status).then(done, e => done('failed: ' + e));",
                baseUrl.toExternalForm() + "fixtures/database-holds", String.join("\n", texts));
        return String.valueOf(answer);
    }

    private HttpResponse<String> api(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.toURI().resolve(path))
                .header("Accept", "application/json")
                .header("Authorization", basic())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code /health/ready} check named {@code name}, as an administrator reads it. */
    private JsonObject readiness(String name) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(baseUrl.toURI().resolve("/health/ready"))
                .header("Authorization", basic()).build(), HttpResponse.BodyHandlers.ofString());
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(check -> check.getString("name").equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no check " + name + " in " + response.body()));
        }
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + TestUsers.adminPassword())
                .getBytes(StandardCharsets.UTF_8));
    }
}
