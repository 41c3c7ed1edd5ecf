import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outbox benchmark's client (run by scripts/bench.sh with plain `java`, no dependencies): it queues N
 * notifications through the JSON API, one task assignment each, with C requests in flight, then waits for the
 * outbox to drain and reports both rates. Bounded in count and time; talks only to the given loopback URL.
 */
public class QueueNotifications {

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + args[1])
                .getBytes(StandardCharsets.UTF_8));
        int count = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> user = post(http, base.resolve("api/users"), auth, "{\"username\":\"bench-recipient\","
                + "\"password\":\"Bench-Recipient-1\",\"role\":\"user\",\"firstName\":\"Bench\",\"lastName\":\"Mark\","
                + "\"email\":\"recipient@bench.test\"}");
        if (user.statusCode() != 201 && user.statusCode() != 409) {
            throw new IllegalStateException("Could not create the recipient: " + user.body());
        }
        long sentBefore = sent(http, base, auth);

        Semaphore inFlight = new Semaphore(concurrency);
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(base.resolve("api/tasks"))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Benchmark task " + i
                            + "\",\"assignee\":\"bench-recipient\"}")).build();
            all.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, e) -> {
                if (e != null || response.statusCode() != 201) {
                    failures.incrementAndGet();
                }
                inFlight.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double queueSeconds = (System.nanoTime() - start) / 1e9;

        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long delivered;
        while ((delivered = sent(http, base, auth) - sentBefore) < count - failures.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The outbox did not drain within 10 minutes: " + delivered + " sent");
            }
            Thread.sleep(200);
        }
        double totalSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("notifications queued: %d (%d failed requests) in %.1f s = %.0f per second%n",
                count, failures.get(), queueSeconds, count / queueSeconds);
        System.out.printf("all delivered to SMTP after %.1f s = %.0f mails per second end to end%n",
                totalSeconds, delivered / totalSeconds);
    }

    private static long sent(HttpClient http, URI base, String auth) throws Exception {
        HttpResponse<String> summary = http.send(HttpRequest.newBuilder(base.resolve("api/outbox/summary"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        Matcher sent = Pattern.compile("\"SENT\":(\\d+)").matcher(summary.body());
        return sent.find() ? Long.parseLong(sent.group(1)) : 0;
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String auth, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
