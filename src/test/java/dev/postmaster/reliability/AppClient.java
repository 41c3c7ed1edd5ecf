package dev.postmaster.reliability;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running application as a script sees it: its JSON API with HTTP Basic as the administrator (who is not
 * rate-limited, so a burst of a thousand notifications is allowed), and {@code /health/ready} with the details
 * only an administrator gets. What a fault test puts in goes through here, and part of what it reads back.
 */
final class AppClient {

    static final String USER_PASSWORD = "Fault-User-Pa55word";

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String authorization = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + AppProcess.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    AppClient(URI base) {
        this.base = base;
    }

    HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A user with a (verified: an administrator made it) address: notifications to them are queued. */
    void createUser(String username, String email) {
        HttpResponse<String> created = send("POST", "api/users", "{\"username\":\"" + username + "\",\"password\":\""
                + USER_PASSWORD + "\",\"role\":\"user\",\"firstName\":\"Fault\",\"lastName\":\"" + username
                + "\",\"email\":\"" + email + "\"}");
        if (created.statusCode() != 201) {
            throw new AssertionError("creating user " + username + " answered " + created.statusCode() + ": "
                    + created.body());
        }
    }

    /** Creates a task assigned to {@code assignee}: one notification to them. The answer as it came. */
    HttpResponse<String> assignTask(String title, String assignee) {
        return send("POST", "api/tasks", "{\"title\":\"" + title + "\",\"assignee\":\"" + assignee + "\"}");
    }

    /** The outbox's count per status, from {@code /api/outbox/summary}. */
    Map<String, Long> outboxCounts() {
        HttpResponse<String> summary = send("GET", "api/outbox/summary", null);
        if (summary.statusCode() != 200) {
            throw new AssertionError("/api/outbox/summary answered " + summary.statusCode() + ": " + summary.body());
        }
        Map<String, Long> counts = new HashMap<>();
        JsonObject json = parse(summary.body()).asJsonObject().getJsonObject("counts");
        json.forEach((status, count) -> counts.put(status, ((jakarta.json.JsonNumber) count).longValue()));
        return counts;
    }

    /** The Message-IDs of every outbox mail with {@code status}, page by page. */
    List<String> messageIds(String status) {
        return outbox(status).stream().map(row -> row.getString("messageId")).toList();
    }

    /** Every outbox mail with {@code status} as the API shows it (id, messageId, attempts ...), page by page. */
    List<JsonObject> outbox(String status) {
        List<JsonObject> ids = new ArrayList<>();
        for (int first = 0; ; first += 1000) {
            HttpResponse<String> page = send("GET", "api/outbox?status=" + status + "&first=" + first + "&max=1000",
                    null);
            if (page.statusCode() != 200) {
                throw new AssertionError("/api/outbox answered " + page.statusCode() + ": " + page.body());
            }
            JsonArray rows = parse(page.body()).asJsonArray();
            rows.forEach(row -> ids.add(row.asJsonObject()));
            if (rows.size() < 1000) {
                return ids;
            }
        }
    }

    /** One check of {@code /health/ready} as an administrator sees it ({@code status} and {@code data}). */
    Optional<JsonObject> readiness(String check) {
        HttpResponse<String> health = send("GET", "health/ready", null);
        JsonValue json;
        try {
            json = parse(health.body());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return json.asJsonObject().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> check.equals(c.getString("name"))).findFirst();
    }

    static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
