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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
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
 * <p>The console's form mechanism stays in charge of pages; {@code /api} is left out of the web.xml constraints
 * so that an API client gets a 401 instead of a redirect to the login page.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiAuthentication implements ContainerRequestFilter {

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
        SecurityContext caller = sessionCaller().orElseGet(() -> basicCaller(context));
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
