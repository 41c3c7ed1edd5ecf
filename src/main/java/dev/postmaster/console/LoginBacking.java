package dev.postmaster.console;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import dev.postmaster.security.boundary.SignInThrottle;
import dev.postmaster.security.boundary.UserAccounts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Backs {@code login.xhtml}: hands the credentials to Jakarta Security and turns its answer into a message a
 * person understands. After a sign-in the user lands on the page they first asked for (Jakarta Security's
 * login-to-continue), or on the home page. A throttled user is told how long to wait instead of being asked to
 * guess again.
 */
@Named
@RequestScoped
public class LoginBacking {

    @Inject
    SecurityContext securityContext;

    @Inject
    ExternalContext externalContext;

    @Inject
    FacesContext facesContext;

    @Inject
    SignInThrottle throttle;

    @NotBlank(message = "Enter your user name")
    @Size(max = UserAccounts.MAX_USERNAME_LENGTH, message = "A user name has at most "
            + UserAccounts.MAX_USERNAME_LENGTH + " characters")
    private String username;

    @NotBlank(message = "Enter your password")
    private String password;

    public void signIn() throws IOException {
        // A new session id before the credentials go in: a session id planted by someone else (session fixation)
        // never becomes a signed-in one.
        HttpServletRequest request = (HttpServletRequest) externalContext.getRequest();
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        AuthenticationStatus status = securityContext.authenticate(request,
                (HttpServletResponse) externalContext.getResponse(),
                // Not a "new" authentication: that would make Soteria drop the page the user asked for before
                // being sent here, and SEND_CONTINUE would no longer take them back to it.
                withParams().credential(new UsernamePasswordCredential(username, new Password(password))));
        switch (status) {
            case SEND_CONTINUE -> facesContext.responseComplete();
            case SUCCESS -> externalContext.redirect(externalContext.getRequestContextPath() + "/");
            default -> {
                Optional<Duration> wait = throttle.before(username, request.getRemoteAddr()).refusedFor();
                error(wait.isPresent()
                        ? "Wrong user name or password, or too many failed sign-ins from here: try again in "
                                + seconds(wait.get()) + " seconds."
                        : "Wrong user name or password.");
            }
        }
    }

    private static void error(String message) {
        Messages.error(null, message);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
