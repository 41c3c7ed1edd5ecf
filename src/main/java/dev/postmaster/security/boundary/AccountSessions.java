package dev.postmaster.security.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Makes a signed-in session follow its account. Jakarta Security keeps the caller and roles of a session as they
 * were at sign-in, so without this a deactivated or demoted administrator would keep their rights until the
 * session timed out. On every request of a signed-in session this filter compares the account's
 * {@link SessionGrant} with the security stamp the session signed in under, and ends the session when the account
 * is gone, disabled, or its stamp has changed (deactivated, new role, new password): pages are sent to the login
 * page with the reason, the API answers 401. The grant comes from {@link SessionGrants}, which reads it at most
 * every two seconds and at once after a change made by this application.
 *
 * <p>It also holds a user who must choose a new password (the generated first admin password) to the password
 * page until they have.
 */
@WebFilter(urlPatterns = "/*", filterName = "AccountSessions")
public class AccountSessions extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The session attribute with the security stamp the session signed in under. */
    static final String STAMP = "postmaster.securityStamp";
    public static final String PASSWORD_PAGE = "/password.xhtml";
    static final String ENDED_PAGE = "/login.xhtml?ended=true";

    @Inject
    UserAccounts accounts;

    @Inject
    SessionGrants grants;

    @Inject
    Logger log;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Principal caller = request.getUserPrincipal();
        HttpSession session = request.getSession(false);
        if (caller != null && session != null && !isStaticResource(request)) {
            Optional<SessionGrant> grant = grants.of(caller.getName());
            Object stamp = session.getAttribute(STAMP);
            if (grant.isEmpty() || !grant.get().enabled()
                    || stamp != null && !stamp.equals(grant.get().stamp())) {
                end(request, session, caller.getName());
                refuse(request, response);
                return;
            }
            if (stamp == null) {
                session.setAttribute(STAMP, grant.get().stamp());
            }
            if (grant.get().passwordChangeRequired() && !mayWaitForNewPassword(request)) {
                holdForNewPassword(request, response);
                return;
            }
        }
        chain.doFilter(request, response);
        rememberStampOfNewSignIn(request);
    }

    /**
     * After a user has changed their own password, keeps their current session: it takes the account's new stamp
     * (the other sessions still end) and a new session id.
     */
    public static void renew(HttpServletRequest request, UserAccounts accounts) {
        Principal caller = request.getUserPrincipal();
        HttpSession session = request.getSession(false);
        if (caller != null && session != null) {
            accounts.sessionGrant(caller.getName()).ifPresent(grant -> session.setAttribute(STAMP, grant.stamp()));
            request.changeSessionId();
        }
    }

    /** The request that signed in carries the principal only after the chain: note the stamp it signed in under. */
    private void rememberStampOfNewSignIn(HttpServletRequest request) {
        Principal caller = request.getUserPrincipal();
        HttpSession session = request.getSession(false);
        if (caller == null || session == null) {
            return;
        }
        try {
            if (session.getAttribute(STAMP) == null) {
                accounts.sessionGrant(caller.getName()).ifPresent(grant -> session.setAttribute(STAMP, grant.stamp()));
            }
        } catch (IllegalStateException signedOut) {
            // the request ended its session (sign-out): nothing to remember
        }
    }

    private void end(HttpServletRequest request, HttpSession session, String username) throws ServletException {
        log.info(() -> "Ended a session of " + username + ": the account was changed or deactivated");
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // ended meanwhile
        }
        request.logout();
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (isApi(request)) {
            problem(response, 401, "Unauthorized",
                    "Your session ended because your account was changed; sign in again");
        } else {
            redirect(request, response, ENDED_PAGE);
        }
    }

    private static boolean mayWaitForNewPassword(HttpServletRequest request) {
        String path = path(request);
        return path.equals(PASSWORD_PAGE) || path.equals("/login.xhtml") || path.startsWith("/jakarta.faces.resource/")
                || path.startsWith("/resources/") || path.equals("/favicon.ico") || path.startsWith("/errors/");
    }

    private static void holdForNewPassword(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (isApi(request)) {
            problem(response, 403, "Forbidden", "Choose a new password in the console first");
        } else {
            redirect(request, response, PASSWORD_PAGE);
        }
    }

    /** A redirect that a Faces Ajax request follows too: it expects a partial response, not a 302. */
    private static void redirect(HttpServletRequest request, HttpServletResponse response, String page)
            throws IOException {
        String target = request.getContextPath() + page;
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            response.setContentType("text/xml");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + target.replace("&", "&amp;") + "\"/></partial-response>");
        } else {
            response.sendRedirect(target);
        }
    }

    /** A problem document (RFC 9457) for a refusal that no JAX-RS resource answers; its texts need no escaping. */
    static void problem(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }

    /** Style sheets, scripts and images show nothing of the account: not worth a query each. */
    private static boolean isStaticResource(HttpServletRequest request) {
        String path = path(request);
        return path.startsWith("/jakarta.faces.resource/") || path.startsWith("/resources/")
                || path.equals("/favicon.ico");
    }

    private static boolean isApi(HttpServletRequest request) {
        return path(request).startsWith("/api/");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
