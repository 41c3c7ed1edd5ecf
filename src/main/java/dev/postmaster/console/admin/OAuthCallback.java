package dev.postmaster.console.admin;

import dev.postmaster.settings.boundary.OAuthConnections;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The redirect URL an administrator registers with the OAuth2 provider (the Application URL and
 * {@code /admin/oauth2/callback}): the provider sends the browser back here with the code (or an error) and the
 * state. Under {@code /admin/*}, so
 * only a signed-in administrator reaches it; {@link OAuthConnections} decides whether the answer belongs to a
 * Connect of this session. Either way the browser goes on to the Email page, which says how it went.
 */
@WebServlet(urlPatterns = OAuthCallback.PATH)
public class OAuthCallback extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PATH = "/admin/oauth2/callback";

    @Inject
    OAuthConnections connections;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String administrator = request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
        connections.complete(request.getParameter("state"), request.getParameter("code"),
                request.getParameter("error"), request.getParameter("error_description"), administrator);
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(request.getContextPath() + "/admin/email.xhtml");
    }
}
