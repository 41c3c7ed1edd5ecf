package dev.postmaster.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.Deployments;
import dev.postmaster.fixtures.FirstSignInUser;
import dev.postmaster.fixtures.TestUsers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's security over HTTP, as a browser (or an attacker's page) would meet it: sessions that follow
 * their account, a new session id at sign-in, a sign-out that ends the session on the server, no cookie-borne
 * writes from another site, the cookie flags and response headers, every page and API path closed to strangers
 * and every admin one to users, the view state, and a sign-in throttle that stops guessers without locking the
 * owner out. Different loopback addresses (127.0.0.2, 127.0.0.3) play other clients.
 */
@ExtendWith(ArquillianExtension.class)
class SecurityIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String PASSWORD = "Sessions-Pa55";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.postmaster().withFixtures(TestUsers.class, FirstSignInUser.class).build();
    }

    @ArquillianResource
    URL url;

    private URI base;

    @BeforeEach
    void base() throws Exception {
        base = url.toURI();
    }

    // --- sessions follow the account

    @Test
    void aDemotedAdministratorLosesTheAdminPagesAtTheNextRequest() throws Exception {
        String name = user("admin");
        ConsoleClient browser = signedIn(name, PASSWORD);
        assertEquals(200, browser.get("admin/email.xhtml").statusCode());
        assertEquals(200, browser.send("GET", "api/users", null).statusCode());

        assertEquals(200, api("PUT", "api/users/" + name, "{\"role\":\"user\"}").statusCode());

        assertEndedSession(browser.get("admin/email.xhtml"));
        assertEquals(401, browser.send("GET", "api/users", null).statusCode(), "the API kept the old session");
        ConsoleClient again = signedIn(name, PASSWORD);
        assertEquals(403, again.get("admin/email.xhtml").statusCode(), "signed in again, as a user now");
        assertEquals(200, again.get("index.xhtml").statusCode());
    }

    @Test
    void aDeactivatedUsersSessionsEndInTheConsoleAndTheApi() throws Exception {
        String name = user("user");
        ConsoleClient page = signedIn(name, PASSWORD);
        ConsoleClient script = signedIn(name, PASSWORD);
        assertEquals(200, page.get("tasks/list.xhtml").statusCode());

        assertEquals(200, api("POST", "api/users/" + name + "/deactivate", "").statusCode());

        assertEndedSession(page.get("tasks/list.xhtml"));
        HttpResponse<String> api = script.send("GET", "api/tasks", null);
        assertEquals(401, api.statusCode());
        assertTrue(api.body().contains("Your session ended"), api.body());
        assertFalse(canSignIn(name, PASSWORD), "a deactivated user signed in");
    }

    @Test
    void aNewPasswordEndsTheOtherSessionsAndKeepsTheOneThatChangedIt() throws Exception {
        String name = user("user");
        ConsoleClient here = signedIn(name, PASSWORD);
        ConsoleClient elsewhere = signedIn(name, PASSWORD);
        String before = here.sessionId().orElseThrow();

        HttpResponse<String> changed = here.submit("password.xhtml", "password", Map.of(
                "password:currentPassword", PASSWORD, "password:newPassword", "Changed-Pa55",
                "password:repeated", "Changed-Pa55", "password:save", ""));
        assertTrue(changed.body().contains("Your new password is set"), changed.body());
        assertNotEquals(before, here.sessionId().orElseThrow(), "the session id stayed the same");

        assertEquals(200, here.get("tasks/list.xhtml").statusCode(), "the session that changed it ended");
        assertEndedSession(elsewhere.get("tasks/list.xhtml"));

        HttpResponse<String> wrong = here.submit("password.xhtml", "password", Map.of(
                "password:currentPassword", "not-it-at-all", "password:newPassword", "Other-Pa55word",
                "password:repeated", "Other-Pa55word", "password:save", ""));
        assertTrue(wrong.body().contains("This is not your current password"), wrong.body());

        assertEquals(200, api("PUT", "api/users/" + name, "{\"password\":\"ByAdmin-Pa55\"}").statusCode());
        assertEndedSession(here.get("tasks/list.xhtml"));
        assertTrue(canSignIn(name, "ByAdmin-Pa55"));
    }

    @Test
    void aUserWhoMustChooseANewPasswordIsHeldOnThePasswordPageUntilTheyHave() throws Exception {
        ConsoleClient browser = signedIn(FirstSignInUser.NAME, FirstSignInUser.PASSWORD);
        for (String page : List.of("index.xhtml", "admin/email.xhtml", "tasks/list.xhtml")) {
            HttpResponse<String> held = browser.get(page);
            assertEquals(302, held.statusCode(), page);
            assertTrue(held.headers().firstValue("Location").orElse("").endsWith("/password.xhtml"), page
                    + " went to " + held.headers().firstValue("Location"));
        }
        HttpResponse<String> api = browser.send("GET", "api/tasks", null);
        assertEquals(403, api.statusCode(), api.body());
        assertTrue(api.body().contains("Choose a new password"), api.body());
        HttpResponse<String> page = browser.get("password.xhtml");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("generated first password"), "no reason shown on the password page");

        HttpResponse<String> changed = browser.submit("password.xhtml", "password", Map.of(
                "password:currentPassword", FirstSignInUser.PASSWORD, "password:newPassword", "Chosen-Pa55word",
                "password:repeated", "Chosen-Pa55word", "password:save", ""));
        assertEquals(302, changed.statusCode(), changed.body());
        assertEquals(200, browser.get("admin/email.xhtml").statusCode(), "still held after the new password");
        assertEquals(200, browser.send("GET", "api/tasks", null).statusCode());
    }

    @Test
    void theSessionIdChangesAtSignInAndSignOutEndsTheSessionOnTheServer() throws Exception {
        ConsoleClient browser = new ConsoleClient(base);
        browser.get("login.xhtml");
        String planted = browser.sessionId().orElseThrow();
        HttpResponse<String> signIn = browser.signIn(TestUsers.USER, TestUsers.USER_PASSWORD);
        assertEquals(302, signIn.statusCode(), signIn.body());
        String signedIn = browser.sessionId().orElseThrow();
        assertNotEquals(planted, signedIn, "session fixation: the id from before sign-in is signed in");

        ConsoleClient fixer = new ConsoleClient(base);
        fixer.useSessionId(planted);
        assertLoginPage(fixer.get("tasks/list.xhtml"));

        HttpResponse<String> out = browser.submit("index.xhtml", "menu", Map.of("menu:signOut", ""));
        assertEquals(302, out.statusCode(), out.body());
        ConsoleClient replay = new ConsoleClient(base);
        replay.useSessionId(signedIn);
        assertLoginPage(replay.get("tasks/list.xhtml"));
    }

    @Test
    void aFacesPostWithoutAValidViewStateChangesNothing() throws Exception {
        ConsoleClient browser = signedIn(TestUsers.USER, TestUsers.USER_PASSWORD);
        browser.get("index.xhtml");
        HttpResponse<String> forged = browser.post("index.xhtml", Map.of("menu", "menu", "menu:signOut", "",
                "jakarta.faces.ViewState", "-123456789:987654321"));
        assertNotEquals(302, forged.statusCode(), "the forged sign-out was carried out");
        assertTrue(forged.body().contains("expired") || forged.statusCode() >= 400, forged.body());
        assertEquals(200, browser.get("tasks/list.xhtml").statusCode(), "the forged POST signed the user out");
    }

    // --- no writes from another site

    @Test
    void aCookieAuthenticatedWriteMustBeJsonOrCarryTheHeaderAndComeFromTheConsole() throws Exception {
        ConsoleClient admin = signedIn("admin", TestUsers.adminPassword());
        String own = base.getScheme() + "://" + base.getAuthority();

        HttpResponse<String> crossSiteForm = admin.send("POST", "api/outbox/resend-failed", "x=1",
                "Content-Type", "text/plain");
        assertEquals(403, crossSiteForm.statusCode(), crossSiteForm.body());
        assertTrue(crossSiteForm.body().contains("application/json"), crossSiteForm.body());
        assertEquals(403, admin.send("POST", "api/outbox/1/resend", "", "Content-Type",
                "application/x-www-form-urlencoded").statusCode());

        HttpResponse<String> foreign = admin.send("POST", "api/outbox/resend-failed", "{}",
                "Content-Type", "application/json", "Origin", "https://evil.example");
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertTrue(foreign.body().contains("https://evil.example"), foreign.body());
        assertEquals(403, admin.send("POST", "api/outbox/resend-failed", "{}", "Content-Type",
                "application/json", "Referer", "https://evil.example/page").statusCode());

        assertEquals(200, admin.send("POST", "api/outbox/resend-failed", "{}", "Content-Type",
                "application/json", "Origin", own).statusCode());
        assertEquals(200, admin.send("POST", "api/outbox/resend-failed", null, "X-Requested-With",
                "console").statusCode());
        assertEquals(200, admin.send("GET", "api/outbox/summary", null).statusCode(), "reads need nothing");

        HttpResponse<String> script = HTTP.send(HttpRequest.newBuilder(base.resolve("api/outbox/resend-failed"))
                .header("Authorization", basic("admin", TestUsers.adminPassword()))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode(), "HTTP Basic is no cookie: scripts need no header");
    }

    // --- cookies and headers

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteAndSecureUnderHttps() throws Exception {
        String plain = sessionCookie(new ConsoleClient(base).get("login.xhtml"));
        assertTrue(plain.contains("HttpOnly"), plain);
        assertTrue(plain.contains("SameSite=Lax"), plain);
        assertFalse(plain.contains("Secure"), "Secure over plain HTTP would lose the session: " + plain);

        HttpResponse<String> proxied = new ConsoleClient(base).get("login.xhtml", "X-Forwarded-Proto", "https");
        String secure = sessionCookie(proxied);
        assertTrue(secure.contains("Secure"), secure);
        assertTrue(secure.contains("SameSite=Lax") && secure.contains("HttpOnly"), secure);
        assertEquals("max-age=31536000", proxied.headers().firstValue("Strict-Transport-Security").orElse(""));

        ConsoleClient behindProxy = new ConsoleClient(base);
        HttpResponse<String> redirect = behindProxy.get("tasks/list.xhtml", "X-Forwarded-Proto", "https");
        String location = redirect.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith("https://") || location.startsWith("/"), "the proxy's scheme was lost: "
                + location);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        ConsoleClient admin = signedIn("admin", TestUsers.adminPassword());
        for (HttpResponse<String> answer : List.of(admin.get("index.xhtml"), admin.get("admin/email.xhtml"),
                new ConsoleClient(base).get("login.xhtml"), new ConsoleClient(base).get("api/tasks"))) {
            String where = answer.uri().toString();
            List<String> policies = answer.headers().allValues("Content-Security-Policy");
            assertTrue(policies.stream().anyMatch(p -> p.contains("frame-ancestors 'none'")), where + policies);
            assertEquals("DENY", answer.headers().firstValue("X-Frame-Options").orElse(""), where);
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), where);
            assertEquals("same-origin", answer.headers().firstValue("Referrer-Policy").orElse(""), where);
            assertTrue(answer.headers().firstValue("Strict-Transport-Security").isEmpty(), "HSTS over HTTP");
        }
        List<String> page = admin.get("admin/email.xhtml").headers().allValues("Content-Security-Policy");
        assertTrue(page.stream().anyMatch(p -> p.contains("script-src") && p.contains("'nonce-")),
                "PrimeFaces' script policy: " + page);
    }

    // --- who may open what

    @Test
    void aStrangerIsSentToTheLoginPageOrGetsA401Everywhere() throws Exception {
        for (String page : pages()) {
            if (page.equals("login.xhtml") || page.startsWith("errors/")) {
                continue;
            }
            assertLoginPage(HTTP.send(HttpRequest.newBuilder(base.resolve(page)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (String path : List.of("api/tasks", "api/tasks/1", "api/projects", "api/appointments", "api/contacts",
                "api/users", "api/users/admin", "api/outbox", "api/outbox/summary", "api/outbox/1")) {
            assertEquals(401, HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), path);
        }
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(base.resolve("api/outbox/resend-failed"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
    }

    @Test
    void everyAdminPageAndAdminApiRefusesAUser() throws Exception {
        ConsoleClient alice = signedIn(TestUsers.USER, TestUsers.USER_PASSWORD);
        List<String> admin = pages().stream().filter(p -> p.startsWith("admin/")).toList();
        assertTrue(admin.size() >= 6, admin.toString());
        for (String page : admin) {
            assertEquals(403, alice.get(page).statusCode(), page);
        }
        String credentials = basic(TestUsers.USER, TestUsers.USER_PASSWORD);
        for (String path : List.of("api/users", "api/contacts", "api/outbox", "api/outbox/summary")) {
            assertEquals(403, HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Authorization", credentials).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode(), path);
        }
    }

    // --- the sign-in throttle

    @Test
    void aGuesserAtOneAddressIsStoppedWhileTheOwnerElsewhereStillSignsIn() throws Exception {
        String name = user("user");
        for (int i = 0; i < 4; i++) {
            assertEquals(401, basicFrom("127.0.0.2", name, "guess-" + i));
        }
        assertEquals(401, basicFrom("127.0.0.2", name, PASSWORD), "the guesser's right guess counted");
        assertEquals(200, basicFrom("127.0.0.1", name, PASSWORD), "the owner was locked out");
    }

    @Test
    void oneAddressSprayingOnePasswordOverManyUserNamesIsStopped() throws Exception {
        String owner = user("user");
        for (int i = 0; i < 21; i++) {
            assertEquals(401, basicFrom("127.0.0.3", "spray-" + UUID.randomUUID(), "Summer2026!"));
        }
        assertEquals(401, basicFrom("127.0.0.3", owner, PASSWORD), "the spraying address got in");
        assertEquals(200, basicFrom("127.0.0.1", owner, PASSWORD), "another address was stopped too");
    }

    @Test
    void aRefusedTryTakesAboutAsLongAsACheckedOne() throws Exception {
        String name = user("user");
        for (int i = 0; i < 4; i++) {
            basicFrom("127.0.0.4", name, "guess-" + i);
        }
        long checked = fastest(() -> basicFrom("127.0.0.5", "nobody-" + UUID.randomUUID(), "wrong-password"));
        long refused = fastest(() -> basicFrom("127.0.0.4", name, "guess-again"));
        assertTrue(refused * 3 > checked, "refused in " + refused + " ms, checked in " + checked
                + " ms: the timing tells which tries count");
    }

    @Test
    void aUserNameLongerThanAllowedIsRefused() throws Exception {
        assertEquals(401, basicFrom("127.0.0.1", "x".repeat(5000), "whatever"));
        ConsoleClient browser = new ConsoleClient(base);
        HttpResponse<String> form = browser.signIn("y".repeat(300), "whatever");
        assertTrue(form.body().contains("A user name has at most 100 characters"), form.body());
    }

    // --- helpers

    private String user(String role) throws Exception {
        String name = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = api("POST", "api/users", "{\"username\":\"" + name + "\",\"password\":\""
                + PASSWORD + "\",\"role\":\"" + role + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        return name;
    }

    private ConsoleClient signedIn(String name, String password) throws Exception {
        ConsoleClient browser = new ConsoleClient(base);
        HttpResponse<String> answer = browser.signIn(name, password);
        assertEquals(302, answer.statusCode(), "sign-in of " + name + " failed: " + answer.body());
        return browser;
    }

    private boolean canSignIn(String name, String password) throws Exception {
        return new ConsoleClient(base).signIn(name, password).statusCode() == 302;
    }

    private HttpResponse<String> api(String method, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", basic("admin", TestUsers.adminPassword()))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** GET /api/tasks with HTTP Basic from another loopback address: the status code. */
    private int basicFrom(String address, String name, String password) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName(base.getHost()), base.getPort(),
                InetAddress.getByName(address), 0)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + base.getPath() + "api/tasks HTTP/1.1\r\nHost: " + base.getAuthority()
                    + "\r\nAuthorization: " + basic(name, password) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private interface Try {
        int run() throws Exception;
    }

    private static long fastest(Try attempt) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            Instant start = Instant.now();
            assertEquals(401, attempt.run());
            best = Math.min(best, Duration.between(start, Instant.now()).toMillis());
        }
        return best;
    }

    private static List<String> pages() throws IOException {
        Path root = Path.of("src/main/webapp");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".xhtml") && !f.startsWith(root.resolve("WEB-INF")))
                    .map(f -> root.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** The session cookie the browser keeps: the last one the answer sets. */
    private static String sessionCookie(HttpResponse<String> answer) {
        List<String> cookies = answer.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).toList();
        if (cookies.isEmpty()) {
            throw new AssertionError("no session cookie: " + answer.headers());
        }
        return cookies.get(cookies.size() - 1);
    }

    private static void assertEndedSession(HttpResponse<String> answer) {
        assertEquals(302, answer.statusCode(), answer.uri() + " answered " + answer.statusCode());
        assertTrue(answer.headers().firstValue("Location").orElse("").contains("login.xhtml?ended=true"),
                answer.headers().toString());
    }

    private static void assertLoginPage(HttpResponse<String> answer) {
        assertEquals(302, answer.statusCode(), answer.uri() + " answered " + answer.statusCode());
        assertTrue(answer.headers().firstValue("Location").orElse("").contains("login.xhtml"),
                answer.uri() + " went to " + answer.headers().firstValue("Location"));
    }
}
