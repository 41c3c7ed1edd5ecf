package dev.postmaster.security.boundary;

import dev.postmaster.security.entity.Role;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Lets only a monitoring system or an administrator read {@code /metrics}: a caller with the {@code metrics} role
 * ({@link Role#METRICS}; administrators hold it too), by HTTP Basic as a Prometheus scraper sends it
 * ({@code basic_auth} in its scrape config) or with the console's session ({@link Callers}). The metrics tell how
 * much mail goes out, how much fails and what the server runs on, which is nobody else's business. A caller
 * without credentials gets a 401 with a Basic challenge, not the login page (a scraper cannot sign in through a
 * form); a caller without the role gets a 403.
 *
 * <p>Payara serves {@code /metrics} from inside the application only at the root context; see
 * {@link HealthDetails}.
 */
@WebFilter(urlPatterns = {"/metrics", "/metrics/*"}, filterName = "MetricsAccess")
public class MetricsAccess extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    Callers callers;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<Caller> caller = callers.of(request);
        if (caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"postmaster\"");
            AccountSessions.problem(response, 401, "Unauthorized",
                    "Sign in with HTTP Basic as a user with the metrics role");
        } else if (!caller.get().isUserInRole(Role.METRICS_GROUP)) {
            AccountSessions.problem(response, 403, "Forbidden", "Only the metrics role may read the metrics");
        } else {
            chain.doFilter(request, response);
        }
    }
}
