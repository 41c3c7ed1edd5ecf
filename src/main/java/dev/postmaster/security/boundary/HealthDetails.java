package dev.postmaster.security.boundary;

import dev.postmaster.security.entity.Role;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.util.List;
import java.util.logging.Logger;

/**
 * Keeps what the health checks found out for administrators. Anyone may ask {@code /health/ready} whether each
 * check is UP or DOWN, with the HTTP status that says so (503 while one is DOWN): a load balancer or a monitor
 * needs no account. But the checks' data names the mail servers, quotes their greetings and the errors they
 * gave, which tells an attacker what to aim at; only an administrator ({@link Callers}: the console's session or
 * HTTP Basic) gets it. For everyone else this filter holds the response back and passes on only the overall
 * status and each check's name and status.
 *
 * <p>Payara registers its MicroProfile Health and Metrics servlets in the application at the root context (as
 * {@code scripts/run.sh} deploys it), so their requests pass through this filter and {@link MetricsAccess}. At
 * any other context root Payara Micro answers {@code /health} and {@code /metrics} from a root module of its own,
 * outside this application and its filters: {@link #init()} warns about that.
 */
@WebFilter(urlPatterns = {"/health", "/health/*"}, filterName = "HealthDetails")
public class HealthDetails extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final List<String> KEPT = List.of("name", "status");

    @Inject
    Callers callers;

    @Inject
    Logger log;

    @Override
    public void init() throws ServletException {
        String root = getServletContext().getContextPath();
        if (!root.isEmpty()) {
            log.warning(() -> "Postmaster runs at " + root + ", not at the root context: Payara then serves /health"
                    + " and /metrics outside the application, to anyone and with every detail. Deploy it at the"
                    + " root context (scripts/run.sh does).");
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (callers.of(request).filter(caller -> caller.isUserInRole(Role.ADMIN_GROUP)).isPresent()) {
            chain.doFilter(request, response);
            return;
        }
        HeldBack held = new HeldBack(response);
        chain.doFilter(request, held);
        if (response.isCommitted()) {
            return; // an error the servlet sent itself, with no health report in it
        }
        byte[] body = statusOnly(held.text()).getBytes(held.charset());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * A MicroProfile Health report with nothing but the overall status and each check's name and status; empty
     * for anything that is not such a report, so that no unexpected text gets through.
     */
    static String statusOnly(String report) {
        JsonObject health;
        try (JsonReader reader = Json.createReader(new StringReader(report))) {
            health = reader.readObject();
        } catch (JsonException | IllegalStateException notAReport) {
            return "";
        }
        JsonArrayBuilder checks = Json.createArrayBuilder();
        JsonValue all = health.get("checks");
        for (JsonValue check : all instanceof JsonArray array ? array : JsonValue.EMPTY_JSON_ARRAY) {
            if (check instanceof JsonObject found) {
                checks.add(only(found, KEPT));
            }
        }
        return only(health, List.of("status")).add("checks", checks).build().toString();
    }

    private static JsonObjectBuilder only(JsonObject object, List<String> keys) {
        JsonObjectBuilder kept = Json.createObjectBuilder();
        keys.stream().filter(object::containsKey).forEach(key -> kept.add(key, object.get(key)));
        return kept;
    }

    /** A response whose body stays here until the filter has read it; headers and status go through. */
    private static final class HeldBack extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private ServletOutputStream stream;
        private PrintWriter writer;

        HeldBack(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (writer != null) {
                throw new IllegalStateException("getWriter() was called already");
            }
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        body.write(b);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) {
                        body.write(bytes, offset, length);
                    }

                    @Override
                    public void print(String text) throws IOException {
                        write(String.valueOf(text).getBytes(charset()));
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException("the health report is written at once");
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() was called already");
            }
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(body, charset()));
            }
            return writer;
        }

        // The length of what the servlet wrote is not the length of what the client gets.
        @Override
        public void setContentLength(int length) {
        }

        @Override
        public void setContentLengthLong(long length) {
        }

        @Override
        public void setHeader(String name, String value) {
            if (!"Content-Length".equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!"Content-Length".equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void flushBuffer() {
            if (writer != null) {
                writer.flush();
            }
        }

        @Override
        public void resetBuffer() {
            body.reset();
        }

        @Override
        public void reset() {
            super.reset();
            body.reset();
        }

        String text() {
            if (writer != null) {
                writer.flush();
            }
            return body.toString(charset());
        }

        Charset charset() {
            return Charset.forName(getCharacterEncoding());
        }
    }
}
