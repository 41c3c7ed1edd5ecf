package dev.postmaster.security.boundary;

import dev.postmaster.api.Allowed;
import dev.postmaster.api.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
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
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who calls the API: a browser already signed in to the console (its session), or a script with HTTP Basic,
 * whose credentials go through the same identity store and sign-in throttle as the login page. Then the
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
    IdentityStoreHandler identityStore;

    @Inject
    ActiveUser activeUser;

    @Override
    public void filter(ContainerRequestContext context) {
        Optional<SecurityContext> session = sessionCaller();
        if (session.isPresent() && WRITES.contains(context.getMethod())) {
            Optional<String> crossSite = crossSiteProblem(context);
            if (crossSite.isPresent()) {
                context.abortWith(Problem.response(403, "Forbidden", crossSite.get(), Map.of()));
                return;
            }
        }
        SecurityContext caller = session.orElseGet(() -> basicCaller(context));
        if (caller == null) {
            context.abortWith(challenge("Sign in with HTTP Basic, or call the API from a signed-in console"));
            return;
        }
        context.setSecurityContext(caller);
        Allowed roles = resource.getResourceMethod() != null
                && resource.getResourceMethod().isAnnotationPresent(Allowed.class)
                ? resource.getResourceMethod().getAnnotation(Allowed.class)
                : resource.getResourceClass() == null ? null
                : resource.getResourceClass().getAnnotation(Allowed.class);
        if (roles != null && Arrays.stream(roles.value()).noneMatch(caller::isUserInRole)) {
            context.abortWith(Problem.response(403, "Forbidden",
                    caller.getUserPrincipal().getName() + " may not do this", Map.of()));
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
        String forwarded = request.getHeader("X-Forwarded-Proto");
        String scheme = forwarded != null ? forwarded.split(",")[0].strip() : request.getScheme();
        String host = request.getHeader(HttpHeaders.HOST);
        return scheme + "://" + (host != null ? host : request.getServerName() + ":" + request.getServerPort());
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

    private Optional<SecurityContext> sessionCaller() {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return Optional.empty();
        }
        return Optional.of(new Caller(principal, request::isUserInRole));
    }

    private SecurityContext basicCaller(ContainerRequestContext context) {
        String header = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        // The identity store applies the sign-in throttle, as it does for the login page.
        CredentialValidationResult result = identityStore.validate(
                new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return null;
        }
        activeUser.authenticatedByApi(result.getCallerPrincipal().getName());
        Set<String> groups = result.getCallerGroups();
        return new Caller(result.getCallerPrincipal(), groups::contains);
    }

    private static Response challenge(String detail) {
        Response problem = Problem.response(401, "Unauthorized", detail, Map.of());
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"postmaster\"")
                .build();
    }

    /** The caller as JAX-RS sees it. */
    private record Caller(Principal principal, Predicate<String> roles)
            implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public boolean isUserInRole(String role) {
            return roles.test(role);
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
