import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HTTP side of scripts/bench.sh (plain {@code java}, no dependencies; loopback only; every request bounded by
 * a timeout). All modes sign in as "admin" with HTTP Basic, except {@code sessions}, which uses the login form.
 *
 * <pre>
 *   users    BASE PASSWORD PREFIX COUNT CONCURRENCY   users PREFIX-0001.. with address PREFIX-0001@bench.test
 *   project  BASE PASSWORD NAME PREFIX FROM COUNT     one project whose members are PREFIX-FROM.. (one request)
 *   tasks    BASE PASSWORD ASSIGNEE COUNT CONCURRENCY TITLE_LENGTH
 *                                                     COUNT POST /api/tasks, each assigning a task to ASSIGNEE
 *   sessions BASE USER PASSWORD COUNT                 signs in COUNT times through login.xhtml, prints the cookies
 * </pre>
 * Each mode prints one line of {@code key=value} pairs for the script.
 */
public class BenchClient {

    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "users" -> users(URI.create(args[1]), basic(args[2]), args[3], Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            case "project" -> project(URI.create(args[1]), basic(args[2]), args[3], args[4],
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            case "tasks" -> tasks(URI.create(args[1]), basic(args[2]), args[3], Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            case "sessions" -> sessions(URI.create(args[1]), args[2], args[3], Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("users, project, tasks or sessions");
        }
    }

    static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String member(String prefix, int i) {
        return String.format(Locale.ROOT, "%s-%04d", prefix, i);
    }

    static HttpRequest.Builder json(URI uri, String auth, String body) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static void users(URI base, String auth, String prefix, int count, int concurrency) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicInteger failures = new AtomicInteger();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            String name = member(prefix, i);
            inFlight.acquire();
            all.add(HTTP.sendAsync(json(base.resolve("api/users"), auth, "{\"username\":\"" + name
                    + "\",\"password\":\"Bench-Member-1\",\"role\":\"user\",\"firstName\":\"Bench\",\"lastName\":\""
                    + name + "\",\"email\":\"" + name + "@bench.test\"}").build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, e) -> {
                        if (e != null || response.statusCode() != 201 && response.statusCode() != 409) {
                            failures.incrementAndGet();
                            problems.add(e != null ? e.toString() : response.statusCode() + " " + response.body());
                        }
                        inFlight.release();
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        if (failures.get() > 0) {
            System.err.println(failures.get() + " user(s) could not be created, e.g.: " + problems.peek());
            System.exit(1);
        }
        System.out.printf(Locale.ROOT, "users=%d seconds=%.3f%n", count, (System.nanoTime() - start) / 1e9);
    }

    static void project(URI base, String auth, String name, String prefix, int from, int count) throws Exception {
        String members = java.util.stream.IntStream.range(from, from + count)
                .mapToObj(i -> "\"" + member(prefix, i) + "\"").collect(Collectors.joining(","));
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(json(base.resolve("api/projects"), auth,
                "{\"name\":\"" + name + "\",\"members\":[" + members + "]}").build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (response.statusCode() != 201) {
            System.err.println("The project could not be created: " + response.statusCode() + " " + response.body());
            System.exit(1);
        }
        System.out.printf(Locale.ROOT, "members=%d seconds=%.3f%n", count, seconds);
    }

    static void tasks(URI base, String auth, String assignee, int count, int concurrency, int titleLength)
            throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicInteger failures = new AtomicInteger();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        long[] latencies = new long[count];
        List<CompletableFuture<?>> all = new ArrayList<>();
        String padding = " " + "t".repeat(Math.max(0, titleLength - 30));
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int n = i;
            inFlight.acquire();
            long sent = System.nanoTime();
            all.add(HTTP.sendAsync(json(base.resolve("api/tasks"), auth, "{\"title\":\"Benchmark task " + i
                    + padding + "\",\"assignee\":\"" + assignee + "\"}").build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, e) -> {
                        latencies[n] = System.nanoTime() - sent;
                        if (e != null || response.statusCode() != 201) {
                            failures.incrementAndGet();
                            problems.add(e != null ? e.toString() : response.statusCode() + " " + response.body());
                        }
                        inFlight.release();
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        if (!problems.isEmpty()) {
            System.err.println(failures.get() + " request(s) failed, e.g.: " + problems.peek());
        }
        System.out.printf(Locale.ROOT, "requests=%d failed=%d seconds=%.3f rate=%.1f p50_ms=%.1f p99_ms=%.1f%n",
                count, failures.get(), seconds, count / seconds, percentile(latencies, 50) / 1e6,
                percentile(latencies, 99) / 1e6);
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static final Pattern VIEW_STATE = Pattern.compile(
            "name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");

    /** Signs in through the login form as a browser does (view state, PrimeFaces nonce); prints JSESSIONIDs. */
    static void sessions(URI base, String user, String password, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            CookieManager cookies = new CookieManager();
            HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String form = http.send(HttpRequest.newBuilder(base.resolve("login.xhtml")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher viewState = VIEW_STATE.matcher(form);
            if (!viewState.find()) {
                throw new IllegalStateException("No view state on the login page");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("login", "login");
            fields.put("login:username", user);
            fields.put("login:password", password);
            fields.put("login:signIn", "");
            fields.put("jakarta.faces.ViewState", viewState.group(1).replace("&#58;", ":").replace("&amp;", "&"));
            Matcher nonce = NONCE.matcher(form);
            if (nonce.find()) {
                fields.put("primefaces.nonce", nonce.group(1));
            }
            String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("login.xhtml"))
                    .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            String location = answer.headers().firstValue("Location").orElse("");
            if (answer.statusCode() != 302 && answer.statusCode() != 303 || location.contains("login")) {
                throw new IllegalStateException("Sign-in failed: " + answer.statusCode() + " " + location);
            }
            String session = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("JSESSIONID")).map(HttpCookie::getValue).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No session cookie after signing in"));
            System.out.println(session);
        }
        TimeUnit.MILLISECONDS.sleep(0);
    }
}
