package dev.postmaster.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.Deployments;
import dev.postmaster.fixtures.TestUsers;
import dev.postmaster.security.ConsoleClient;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JSON API from outside, as a script would use it: HTTP Basic with the application's users and roles,
 * JSON in and out, and an RFC 9457 problem document with a 4xx for every bad request, never a 500. Also the
 * MicroProfile endpoints as a monitor and a Prometheus scraper reach them.
 */
@ExtendWith(ArquillianExtension.class)
class ApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.postmaster().withFixtures(TestUsers.class).build();
    }

    @ArquillianResource
    URL base;

    @Test
    void withoutCredentialsTheApiAsksForThemWithAProblem() throws Exception {
        HttpResponse<String> anonymous = send("GET", "api/tasks", null, null);
        assertEquals(401, anonymous.statusCode());
        assertEquals("application/problem+json", anonymous.headers().firstValue("Content-Type").orElse(""));
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertTrue(anonymous.body().contains("\"status\":401"), anonymous.body());

        assertEquals(401, send("GET", "api/tasks", "admin:not-the-password", null).statusCode());
    }

    @Test
    void anOrdinaryUserMayWorkButNotAdministerUsers() throws Exception {
        HttpResponse<String> refused = send("GET", "api/users", alice(), null);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("\"title\":\"Forbidden\""), refused.body());

        assertEquals(200, send("GET", "api/tasks", alice(), null).statusCode());
    }

    @Test
    void usersAreCreatedReadAndDeactivatedWithoutEverShowingAPassword() throws Exception {
        String name = "api-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send("POST", "api/users", admin(), "{\"username\":\"" + name
                + "\",\"password\":\"Secret-Pa55\",\"role\":\"user\",\"firstName\":\"Ada\",\"lastName\":\"Api\","
                + "\"email\":\"" + name + "@acme.test\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertFalse(created.body().contains("Secret-Pa55"), "a password came back");
        assertTrue(created.body().contains("\"email\":\"" + name + "@acme.test\""), created.body());

        assertEquals(409, send("POST", "api/users/admin/deactivate", admin(), "").statusCode(),
                "an administrator locked themselves out");
        assertEquals(409, send("PUT", "api/users/admin", admin(), "{\"role\":\"user\"}").statusCode());
        assertEquals(409, send("POST", "api/users", admin(), "{\"username\":\"" + name
                + "\",\"password\":\"Secret-Pa55\"}").statusCode());
        HttpResponse<String> deactivated = send("POST", "api/users/" + name + "/deactivate", admin(), "");
        assertTrue(deactivated.body().contains("\"enabled\":false"), deactivated.body());
        assertEquals(401, send("GET", "api/tasks", name + ":Secret-Pa55", null).statusCode(),
                "a deactivated user can still call the API");
    }

    @Test
    void badInputIsA400ProblemNeverA500() throws Exception {
        HttpResponse<String> malformed = send("POST", "api/contacts", admin(), "{\"firstName\": ");
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertTrue(malformed.body().contains("\"title\":\"Malformed JSON\""), malformed.body());

        HttpResponse<String> badAddress = send("POST", "api/contacts", admin(),
                "{\"firstName\":\"Eve\",\"emails\":[\"eve@acme.test\\r\\nBcc: x@evil.test\"]}");
        assertEquals(400, badAddress.statusCode(), badAddress.body());
        assertTrue(badAddress.body().contains("is not one email address"), badAddress.body());

        HttpResponse<String> unknownUser = send("POST", "api/tasks", alice(),
                "{\"title\":\"For a ghost\",\"assignee\":\"nobody-" + UUID.randomUUID() + "\"}");
        assertEquals(400, unknownUser.statusCode(), unknownUser.body());
        assertTrue(unknownUser.body().contains("There is no user named"), unknownUser.body());

        HttpResponse<String> backwards = send("POST", "api/appointments", alice(), "{\"title\":\"Backwards\","
                + "\"start\":\"2026-12-02T11:00:00\",\"end\":\"2026-12-02T10:00:00\",\"attendees\":[]}");
        assertEquals(400, backwards.statusCode(), backwards.body());
        assertTrue(backwards.body().contains("must end after it starts"), backwards.body());

        HttpResponse<String> missing = send("GET", "api/tasks/987654321", alice(), null);
        assertEquals(404, missing.statusCode(), missing.body());
        assertEquals("application/problem+json", missing.headers().firstValue("Content-Type").orElse(""));

        assertEquals(400, send("GET", "api/outbox?status=LOST", admin(), null).statusCode());
        assertEquals(404, send("GET", "api/no-such-thing", admin(), null).statusCode());
    }

    @Test
    void workIsCreatedAssignedAndCancelled() throws Exception {
        HttpResponse<String> task = send("POST", "api/tasks", alice(),
                "{\"title\":\"Write the API docs\",\"dueDate\":\"2026-12-24\",\"assignee\":\"admin\"}");
        assertEquals(201, task.statusCode(), task.body());
        assertTrue(task.body().contains("\"assignee\":\"admin\""), task.body());
        String id = task.body().replaceAll(".*\"id\":(\\d+).*", "$1");

        HttpResponse<String> reassigned = send("PUT", "api/tasks/" + id + "/assignee", alice(),
                "{\"assignee\":\"" + TestUsers.USER + "\"}");
        assertTrue(reassigned.body().contains("\"assignee\":\"" + TestUsers.USER + "\""), reassigned.body());
        HttpResponse<String> cancelled = send("POST", "api/tasks/" + id + "/cancel", alice(), "");
        assertTrue(cancelled.body().contains("\"status\":\"CANCELLED\""), cancelled.body());

        HttpResponse<String> summary = send("GET", "api/outbox/summary", admin(), null);
        assertEquals(200, summary.statusCode(), summary.body());
        assertTrue(summary.body().contains("\"counts\""), summary.body());

        HttpResponse<String> held = send("POST", "api/outbox/hold", admin(), "");
        assertEquals(200, held.statusCode(), held.body());
        assertTrue(held.body().contains("\"held\":true") && held.body().contains("\"changedBy\":\"admin\""),
                held.body());
        assertTrue(send("GET", "api/outbox/summary", admin(), null).body().contains("\"held\":true"));
        assertEquals(403, send("POST", "api/outbox/release", alice(), "").statusCode(), "a user released it");
        HttpResponse<String> released = send("POST", "api/outbox/release", admin(), "");
        assertTrue(released.body().contains("\"held\":false"), released.body());
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() throws Exception {
        HttpResponse<String> openapi = HTTP.send(HttpRequest.newBuilder(base.toURI().resolve("/openapi")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, openapi.statusCode());
        assertTrue(openapi.body().contains("/api/tasks"), openapi.body());
        assertTrue(openapi.body().contains("/api/outbox/{id}/resend"), openapi.body());
    }

    @Test
    void theOutboxShowsInTheMetricsToAScraperAccount() throws Exception {
        String scraper = "scraper-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send("POST", "api/users", admin(), "{\"username\":\"" + scraper
                + "\",\"password\":\"Scrape-Pa55word\",\"role\":\"metrics\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.body().contains("\"role\":\"metrics\""), created.body());

        HttpResponse<String> metrics = metrics("/metrics", scraper + ":Scrape-Pa55word");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("postmaster_outbox_queue_depth"), metrics.body());
        assertTrue(metrics.body().contains("postmaster_outbox_messages{")
                && metrics.body().contains("status=\"failed\""), metrics.body());
        assertTrue(metrics.body().contains("postmaster_outbox_oldest_waiting"), metrics.body());
        assertEquals(200, metrics("/metrics", admin()).statusCode(), "an administrator may scrape too");

        assertEquals(403, send("GET", "api/tasks", scraper + ":Scrape-Pa55word", null).statusCode(),
                "a scraper account may use the API");
    }

    @Test
    void metricsWantCredentialsWithTheMetricsRole() throws Exception {
        for (String path : new String[] {"/metrics", "/metrics/application", "/metrics?scope=base"}) {
            HttpResponse<String> anonymous = metrics(path, null);
            assertEquals(401, anonymous.statusCode(), path + " answered " + anonymous.body());
            assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), path);
            assertFalse(anonymous.body().contains("postmaster_"), anonymous.body());
        }
        assertEquals(401, metrics("/metrics", "admin:not-the-password").statusCode());
        HttpResponse<String> user = metrics("/metrics", alice());
        assertEquals(403, user.statusCode());
        assertFalse(user.body().contains("postmaster_"), user.body());
    }

    /**
     * Anyone may ask whether the application is ready, but only an administrator learns which mail servers it
     * uses and what they answered: an anonymous monitor gets each check's name and UP or DOWN, with the same
     * HTTP status (503 while a check is DOWN, as here: ApiIT configures no mail server).
     */
    @Test
    void anAnonymousMonitorLearnsUpOrDownAndAnAdministratorTheDetails() throws Exception {
        HttpResponse<String> detailed = health("/health/ready", admin());
        String details = detailed.body().replaceAll("\\s", "");
        assertTrue(details.contains("\"name\":\"smtp\""), details);
        assertTrue(details.contains("\"data\""), details);
        assertTrue(details.contains("nooutgoingmailserverisconfigured"), details);

        // Wrong credentials of a user name of their own: the admin's failures count towards the sign-in throttle.
        for (String credentials : new String[] {null, alice(), "stranger:not-the-password"}) {
            for (String path : new String[] {"/health/ready", "/health", "/health/live"}) {
                HttpResponse<String> plain = health(path, credentials);
                String body = plain.body().replaceAll("\\s", "");
                assertFalse(body.contains("\"data\"") || body.contains("reason") || body.contains("configured")
                        || body.contains("poller"), path + " as " + credentials + ": " + body);
            }
            HttpResponse<String> ready = health("/health/ready", credentials);
            String body = ready.body().replaceAll("\\s", "");
            assertEquals(detailed.statusCode(), ready.statusCode(), body);
            assertEquals("application/json", ready.headers().firstValue("Content-Type").orElse("")
                    .replaceAll(";.*", ""));
            assertTrue(body.contains("\"name\":\"smtp\",\"status\":\"DOWN\""), body);
            assertTrue(body.contains("\"name\":\"imap\",\"status\":\"DOWN\""), body);
            assertTrue(body.contains("\"name\":\"inbox\""), body);
        }
    }

    @Test
    void aBrowserSignedInToTheConsoleCountsAsItsUser() throws Exception {
        ConsoleClient admin = new ConsoleClient(base.toURI());
        assertEquals(302, admin.signIn("admin", TestUsers.adminPassword()).statusCode());
        HttpResponse<String> detailed = admin.get("health/ready");
        assertTrue(detailed.body().contains("no outgoing mail server is configured"), detailed.body());
        HttpResponse<String> metrics = admin.get("metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("postmaster_outbox_queue_depth"), metrics.body());

        ConsoleClient user = new ConsoleClient(base.toURI());
        assertEquals(302, user.signIn(TestUsers.USER, TestUsers.USER_PASSWORD).statusCode());
        HttpResponse<String> plain = user.get("health/ready");
        assertTrue(plain.body().contains("\"smtp\""), plain.body());
        assertFalse(plain.body().contains("\"data\""), plain.body());
        assertEquals(403, user.get("metrics").statusCode());
    }

    private HttpResponse<String> metrics(String path, String credentials) throws Exception {
        return get(path, "text/plain", credentials);
    }

    private HttpResponse<String> health(String path, String credentials) throws Exception {
        return get(path, "application/json", credentials);
    }

    private HttpResponse<String> get(String path, String accept, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.toURI().resolve(path)).header("Accept", accept);
        if (credentials != null) {
            request.header("Authorization", basic(credentials));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String credentials, String json)
            throws Exception {
        URI uri = base.toURI().resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (credentials != null) {
            request.header("Authorization", basic(credentials));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static String admin() {
        return "admin:" + TestUsers.adminPassword();
    }

    private static String alice() {
        return TestUsers.USER + ":" + TestUsers.USER_PASSWORD;
    }
}
