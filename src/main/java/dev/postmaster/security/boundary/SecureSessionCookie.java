package dev.postmaster.security.boundary;

import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/**
 * The session cookie with {@code Secure} behind a TLS proxy. The container marks the cookie Secure only for a
 * request it received over TLS itself; behind a proxy that terminates TLS it sees plain HTTP. For a request that
 * {@link SecurityHeaders} found to be proxied HTTPS, this listener sends the cookie again, with Secure, the moment
 * the session is created or its id changes (sign-in); a browser keeps the last of two cookies with the same name
 * and path.
 */
@WebListener
public class SecureSessionCookie implements HttpSessionListener, HttpSessionIdListener {

    /** The proxied HTTPS exchange the current thread is serving, if any. */
    static final ThreadLocal<Exchange> PROXIED = new ThreadLocal<>();

    record Exchange(HttpServletRequest request, HttpServletResponse response) {
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        resend(event.getSession());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        resend(event.getSession());
    }

    private static void resend(HttpSession session) {
        Exchange exchange = PROXIED.get();
        if (exchange == null || exchange.response().isCommitted()) {
            return;
        }
        SessionCookieConfig config = session.getServletContext().getSessionCookieConfig();
        String name = config.getName() != null ? config.getName() : "JSESSIONID";
        String path = config.getPath() != null ? config.getPath()
                : exchange.request().getContextPath().isEmpty() ? "/" : exchange.request().getContextPath();
        exchange.response().addHeader("Set-Cookie", name + "=" + session.getId() + "; Path=" + path
                + "; Secure; HttpOnly; SameSite=Lax");
    }
}
