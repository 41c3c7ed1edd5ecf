package dev.postmaster.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * An RFC 9457 problem: thrown by resources for any request that cannot be carried out, and turned into an
 * {@code application/problem+json} response with the status, a short title and what exactly is wrong.
 */
public class Problem extends WebApplicationException {

    private static final long serialVersionUID = 1L;
    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    public Problem(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public Problem(int status, String title, String detail, Map<String, String> fields) {
        super(detail, response(status, title, detail, fields));
    }

    public static Problem notFound(String what) {
        return new Problem(404, "Not found", what + " does not exist");
    }

    public static Problem invalid(String detail) {
        return new Problem(400, "Invalid request", detail);
    }

    /** The response for a problem, for code that answers without throwing (such as a request filter). */
    public static Response response(int status, String title, String detail, Map<String, String> fields) {
        Body body = new Body("about:blank", title, status, detail, fields.isEmpty() ? null : fields);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }

    /**
     * The problem document.
     *
     * @param errors per-field messages for invalid input, or {@code null}
     */
    public record Body(String type, String title, int status, String detail, Map<String, String> errors) {
    }
}
