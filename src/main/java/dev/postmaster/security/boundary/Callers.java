package dev.postmaster.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Who calls a URL that answers scripts rather than people: the JSON API ({@link ApiAuthentication}),
 * {@code /health} ({@link HealthDetails}) and {@code /metrics} ({@link MetricsAccess}). Either a browser signed in
 * to the console, whose session Jakarta Security has already applied to the request, or a script with HTTP Basic,
 * whose credentials go through the same identity store and sign-in throttle as the login page. Basic opens no
 * session: it is checked again on every request. Those URLs are left out of web.xml's constraints, because the
 * console's form mechanism would answer a script with a redirect to the login page instead of a 401.
 */
@ApplicationScoped
public class Callers {

    @Inject
    IdentityStoreHandler identityStore;

    @Inject
    ActiveUser activeUser;

    /** The console's session user, else the HTTP Basic caller, else nobody. */
    public Optional<Caller> of(HttpServletRequest request) {
        return ofSession(request).or(() -> ofBasic(request));
    }

    /** The user signed in to the console with this request's session, if any. */
    public Optional<Caller> ofSession(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal == null ? Optional.empty() : Optional.of(new Caller(principal, request::isUserInRole));
    }

    /** The caller whose HTTP Basic credentials the identity store accepts, if any; nobody for anything else. */
    public Optional<Caller> ofBasic(HttpServletRequest request) {
        Optional<UsernamePasswordCredential> credential = basicCredential(request.getHeader("Authorization"));
        if (credential.isEmpty()) {
            return Optional.empty();
        }
        // The identity store applies the sign-in throttle, as it does for the login page.
        CredentialValidationResult result = identityStore.validate(credential.get());
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return Optional.empty();
        }
        activeUser.authenticatedWithBasic(result.getCallerPrincipal().getName());
        Set<String> groups = result.getCallerGroups();
        return Optional.of(new Caller(result.getCallerPrincipal(), groups::contains));
    }

    /** The user name and password of an {@code Authorization: Basic} header (RFC 7617), if it is one. */
    static Optional<UsernamePasswordCredential> basicCredential(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
