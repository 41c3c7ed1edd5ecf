package dev.postmaster.api;

import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error the API can meet, as a problem document: bad JSON and invalid values are 400s that say what is
 * wrong, unknown paths and ids are 404s, and only a genuine fault is a 500 (logged, with nothing internal in the
 * response).
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    /** Anything JAX-RS itself refuses (unknown path, wrong method, wrong media type) or a {@link Problem}. */
    @Provider
    public static class WebErrors implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            if (original.hasEntity() && original.getEntity() instanceof Problem.Body) {
                return original;
            }
            int status = original.getStatus();
            String title = e instanceof NotFoundException ? "Not found"
                    : e instanceof NotAllowedException ? "Method not allowed"
                    : e instanceof NotSupportedException ? "Unsupported media type"
                    : Response.Status.fromStatusCode(status) == null ? "Error"
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
            if (status >= 500) {
                LOG.log(Level.WARNING, "API request failed", e);
                return Problem.response(status, title, "The request could not be completed", Map.of());
            }
            return Problem.response(status, title, e.getMessage(), Map.of());
        }
    }

    /** Malformed JSON or JSON of the wrong shape. */
    @Provider
    public static class BadJson implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return Problem.response(400, "Malformed JSON", "The request body is not the JSON this resource expects: "
                    + firstLine(e.getMessage()), Map.of());
        }
    }

    /** Same, when the JSON provider wraps it. */
    @Provider
    public static class BadBody implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return Problem.response(400, "Malformed JSON", "The request body could not be read: "
                    + firstLine(e.getMessage()), Map.of());
        }
    }

    /** Values that break a rule, per field. */
    @Provider
    public static class InvalidValues implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
                String path = violation.getPropertyPath().toString();
                fields.putIfAbsent(path.substring(path.lastIndexOf('.') + 1), violation.getMessage());
            }
            return Problem.response(400, "Invalid request", "Some values are not valid", fields);
        }
    }

    /** What a boundary EJB threw, unwrapped: a refusal stays a 400, a real fault is a 500. */
    @Provider
    public static class FromBoundaries implements ExceptionMapper<jakarta.ejb.EJBException> {
        @Override
        public Response toResponse(jakarta.ejb.EJBException e) {
            // A rule broken at commit arrives several wrappers deep (EJB, transaction, persistence): find it.
            for (Throwable cause = e; cause != null; cause = next(cause)) {
                if (cause instanceof ConstraintViolationException invalid) {
                    return new InvalidValues().toResponse(invalid);
                }
                if (cause instanceof RateLimited limited) {
                    return new TooMany().toResponse(limited);
                }
                if (cause instanceof IllegalArgumentException refused) {
                    return new Refused().toResponse(refused);
                }
            }
            LOG.log(Level.WARNING, "API request failed", e);
            return Problem.response(500, "Internal error", "The request could not be completed", Map.of());
        }

        private static Throwable next(Throwable cause) {
            if (cause instanceof jakarta.ejb.EJBException ejb && ejb.getCause() == null) {
                return ejb.getCausedByException();
            }
            return cause.getCause() == cause ? null : cause.getCause();
        }
    }

    /** Too much of something in too short a time. */
    @Provider
    public static class TooMany implements ExceptionMapper<RateLimited> {
        @Override
        public Response toResponse(RateLimited e) {
            return Response.fromResponse(Problem.response(429, "Too many requests", e.getMessage(), Map.of()))
                    .header("Retry-After", Math.max(1, e.retryAfter().toSeconds())).build();
        }
    }

    /** A rule of the domain said no (an unknown user, an end before the start, an invalid address). */
    @Provider
    public static class Refused implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException e) {
            return Problem.response(400, "Invalid request", e.getMessage(), Map.of());
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
