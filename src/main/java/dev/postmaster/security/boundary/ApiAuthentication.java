package dev.postmaster.security.boundary;

import dev.postmaster.api.Allowed;
import dev.postmaster.api.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.security.Principal;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who calls the API ({@link Callers}): a browser already signed in to the console (its session), or a script with
 * HTTP Basic, whose credentials go through the same identity store and sign-in throttle as the login page. Then the
 * resource's {@link Allowed} roles are checked. Failures are problem documents: 401 with a Basic challenge when
 * nobody is signed in, 403 when the role is missing.
 *
 * <p>A write that a session cookie authenticates must prove it comes from the console, not from a form on
 * another site ({@link #crossSiteProblem}).
 *
 * <p>The console's form mechanism stays in charge of pages; {@code /api} is left out of the web.xml constraints
 * so that an API client gets a 401 instead of a redirect to the login page.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiAuthentication implements ContainerRequestFilter {

    /** The header a script in the console may send instead of a JSON body; no cross-site form can send it. */
    public static final String REQUESTED_WITH = "X-Requested-With";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "DELETE", "PATCH");

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest request;

    @Inject
    Callers callers;

    @Override
    public void filter(ContainerRequestContext context) {
        Optional<Caller> session = callers.ofSession(request);
        if (session.isPresent() && WRITES.contains(context.getMethod())) {
            Optional<String> crossSite = crossSiteProblem(context);
            if (crossSite.isPresent()) {
                context.abortWith(Problem.response(403, "Forbidden", crossSite.get(), Map.of()));
                return;
            }
        }
        Optional<Caller> known = session.or(() -> callers.ofBasic(request));
        if (known.isEmpty()) {
            context.abortWith(challenge("Sign in with HTTP Basic, or call the API from a signed-in console"));
            return;
        }
        Caller caller = known.get();
        context.setSecurityContext(new ApiCaller(caller));
        Allowed roles = resource.getResourceMethod() != null
                && resource.getResourceMethod().isAnnotationPresent(Allowed.class)
                ? resource.getResourceMethod().getAnnotation(Allowed.class)
                : resource.getResourceClass() == null ? null
                : resource.getResourceClass().getAnnotation(Allowed.class);
        if (roles != null && Arrays.stream(roles.value()).noneMatch(caller::isUserInRole)) {
            context.abortWith(Problem.response(403, "Forbidden", caller.name() + " may not do this", Map.of()));
        }
    }

    /**
     * Why a write that a session cookie authenticates may come from another site, if it may. A browser sends the
     * cookie with a form that another site posts here; such a form can send neither a JSON content type nor a
     * custom header, and the browser names the other site in {@code Origin}. So a cookie-authenticated write must
     * be JSON or carry {@value #REQUESTED_WITH}, and its Origin (or Referer), when sent, must be this server.
     * HTTP Basic is not sent by a browser on its own, so those callers need neither.
     */
    private Optional<String> crossSiteProblem(ContainerRequestContext context) {
        MediaType type = context.getMediaType();
        boolean json = type != null && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        if (!json && context.getHeaderString(REQUESTED_WITH) == null) {
            return Optional.of("A change made with the console's session must be sent as application/json (or with"
                    + " the " + REQUESTED_WITH + " header)");
        }
        String origin = context.getHeaderString("Origin");
        if (origin == null) {
            origin = originOf(context.getHeaderString("Referer"));
        }
        if (origin != null && !origin.equalsIgnoreCase(ownOrigin())) {
            return Optional.of("A change made with the console's session must come from the console itself, not "
                    + "from " + origin);
        }
        return Optional.empty();
    }

    /** This server as the browser sees it: behind a TLS proxy the scheme is the one the proxy was reached with. */
    private String ownOrigin() {
        String host = request.getHeader(HttpHeaders.HOST);
        return SecurityHeaders.scheme(request) + "://"
                + (host != null ? host : request.getServerName() + ":" + request.getServerPort());
    }

    private static String originOf(String referer) {
        if (referer == null) {
            return null;
        }
        try {
            URI uri = URI.create(referer);
            return uri.getScheme() == null || uri.getRawAuthority() == null ? "null"
                    : uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return "null";
        }
    }

    private static Response challenge(String detail) {
        Response problem = Problem.response(401, "Unauthorized", detail, Map.of());
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"postmaster\"")
                .build();
    }

    /** The caller as JAX-RS sees it. */
    private record ApiCaller(Caller caller) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return caller.principal();
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.isUserInRole(role);
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return "BASIC";
        }
    }
}
