package dev.postmaster.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser's cookies, without a browser: signs in through the real login form (view state and all) and then
 * sends requests with the session cookie, as a tab of the console would. Redirects are not followed, so a test
 * sees where the server sends it.
 */
public final class ConsoleClient {

    private static final Pattern VIEW_STATE = Pattern.compile(
            "name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    /** PrimeFaces' CSP nonce, which its script adds to every form post and the server checks against the view. */
    private static final Pattern NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public ConsoleClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Signs in through login.xhtml; returns the answer to the form's POST (a redirect when it worked). */
    public HttpResponse<String> signIn(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> form = get("login.xhtml");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("login", "login");
        fields.put("login:username", username);
        fields.put("login:password", password);
        fields.put("login:signIn", "");
        fields.put("jakarta.faces.ViewState", viewState(form.body()));
        nonce(form.body(), fields);
        return post("login.xhtml", fields);
    }

    /** Submits a form of the page at {@code path}: the page is read first for its view state. */
    HttpResponse<String> submit(String path, String formId, Map<String, String> values)
            throws IOException, InterruptedException {
        HttpResponse<String> page = get(path);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(formId, formId);
        fields.putAll(values);
        fields.put("jakarta.faces.ViewState", viewState(page.body()));
        nonce(page.body(), fields);
        return post(path, fields);
    }

    /**
     * Submits a form of the page at {@code path} as PrimeFaces' Ajax does when {@code button} is clicked: every
     * field keeps the value the page shows, except those in {@code changes}. The answer is the partial response.
     */
    HttpResponse<String> ajaxSubmit(String path, String formId, String button, Map<String, String> changes)
            throws IOException, InterruptedException {
        String page = get(path).body();
        Map<String, String> fields = new LinkedHashMap<>(formFields(page, formId));
        fields.putAll(changes);
        fields.put(formId, formId);
        fields.put(button, button);
        fields.put("jakarta.faces.partial.ajax", "true");
        fields.put("jakarta.faces.source", button);
        fields.put("jakarta.faces.partial.execute", formId);
        fields.put("jakarta.faces.partial.render", formId);
        fields.put("jakarta.faces.ViewState", viewState(page));
        nonce(page, fields);
        String body = fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Faces-Request", "partial/ajax")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The values a browser would post for the form's inputs, selects and text areas as the page shows them. */
    static Map<String, String> formFields(String page, String formId) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input\\b[^>]*>").matcher(page);
        while (input.find()) {
            String tag = input.group();
            String name = attribute(tag, "name");
            String type = attribute(tag, "type");
            if (name == null || !name.startsWith(formId + ":") || "submit".equals(type) || "button".equals(type)) {
                continue;
            }
            if ("checkbox".equals(type) || "radio".equals(type)) {
                if (tag.contains("checked")) {
                    fields.put(name, attribute(tag, "value") == null ? "on" : attribute(tag, "value"));
                }
            } else {
                fields.put(name, attribute(tag, "value") == null ? "" : attribute(tag, "value"));
            }
        }
        Matcher select = Pattern.compile("<select\\b([^>]*)>(.*?)</select>", Pattern.DOTALL).matcher(page);
        while (select.find()) {
            String name = attribute(select.group(1), "name");
            if (name == null || !name.startsWith(formId + ":")) {
                continue;
            }
            Matcher option = Pattern.compile("<option\\b([^>]*)>").matcher(select.group(2));
            String chosen = null;
            while (option.find()) {
                String value = attribute(option.group(1), "value");
                if (chosen == null || option.group(1).contains("selected")) {
                    chosen = value;
                }
                if (option.group(1).contains("selected")) {
                    break;
                }
            }
            if (chosen != null) {
                fields.put(name, chosen);
            }
        }
        return fields;
    }

    private static String attribute(String tag, String name) {
        Matcher matcher = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        return matcher.find() ? unescape(matcher.group(1)) : null;
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#58;", ":").replace("&amp;", "&");
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String header, String value) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header(header, value).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request with the session cookie and whatever headers the test gives (name, value, name, value...). */
    HttpResponse<String> send(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session cookie's value now, if there is one. */
    Optional<String> sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst();
    }

    /** Puts a session id back, as an attacker replaying an old cookie would. */
    void useSessionId(String id) {
        cookies.getCookieStore().removeAll();
        HttpCookie cookie = new HttpCookie("JSESSIONID", id);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(base, cookie);
    }

    static String viewState(String page) {
        Matcher matcher = VIEW_STATE.matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("no view state on the page: " + page);
        }
        return matcher.group(1).replace("&#58;", ":").replace("&amp;", "&");
    }

    private static void nonce(String page, Map<String, String> fields) {
        Matcher matcher = NONCE.matcher(page);
        if (matcher.find()) {
            fields.put("primefaces.nonce", matcher.group(1));
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
