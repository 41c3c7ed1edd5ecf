package dev.postmaster.security.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The response headers every answer carries, pages and API alike: no framing (clickjacking), no content sniffing,
 * no full URLs in the Referer to other sites, and a Content-Security-Policy for what PrimeFaces' own policy
 * ({@code primefaces.CSP} in web.xml: scripts only with the page's nonce) does not cover: no plugins, no foreign
 * base URL, forms post only here, no framing. Browsers enforce both policies. Under HTTPS, including behind a
 * TLS proxy that says so in {@code X-Forwarded-Proto}, it adds HSTS.
 */
@WebFilter(urlPatterns = "/*", filterName = "SecurityHeaders")
public class SecurityHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** No script-src here: a second policy's script rule would also block the nonce scripts PrimeFaces allows. */
    static final String POLICY = "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.addHeader("Content-Security-Policy", POLICY);
        if (!isHttps(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Strict-Transport-Security", "max-age=31536000");
        if (request.isSecure()) {
            chain.doFilter(request, response);
            return;
        }
        // Behind a TLS proxy the container sees plain HTTP and writes the session cookie without Secure:
        // SecureSessionCookie repeats it with Secure whenever this request creates or renews the session.
        SecureSessionCookie.PROXIED.set(new SecureSessionCookie.Exchange(request, response));
        try {
            chain.doFilter(request, response);
        } finally {
            SecureSessionCookie.PROXIED.remove();
        }
    }

    /** Whether the browser reached us over HTTPS, directly or through a TLS proxy. */
    static boolean isHttps(HttpServletRequest request) {
        return request.isSecure() || "https".equalsIgnoreCase(scheme(request));
    }

    /** The scheme the browser used: behind a TLS proxy the one it names in {@code X-Forwarded-Proto}. */
    static String scheme(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-Proto");
        return forwarded != null ? forwarded.split(",")[0].strip() : request.getScheme();
    }
}
