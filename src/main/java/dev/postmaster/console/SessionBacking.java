package dev.postmaster.console;

import dev.postmaster.security.entity.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Backs the parts of the console layout that every page shows besides who is signed in ({@code activeUser}):
 * whether they are an administrator (for the Admin Settings menu), and sign-out.
 */
@Named
@RequestScoped
public class SessionBacking {

    @Inject
    ExternalContext externalContext;

    public boolean isAdmin() {
        // The servlet container's own role check: it answers for the request as authorized, including the
        // request that Jakarta Security replays right after sign-in.
        return externalContext.isUserInRole(Role.ADMIN_GROUP);
    }

    public void signOut() throws IOException, ServletException {
        ((HttpServletRequest) externalContext.getRequest()).logout();
        externalContext.invalidateSession();
        externalContext.redirect(externalContext.getRequestContextPath() + "/login.xhtml?signedOut=true");
    }
}
