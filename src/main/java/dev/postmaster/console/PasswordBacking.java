package dev.postmaster.console;

import dev.postmaster.security.boundary.AccountRefused;
import dev.postmaster.security.boundary.AccountSessions;
import dev.postmaster.security.boundary.ActiveUser;
import dev.postmaster.security.boundary.UserAccounts;
import dev.postmaster.security.entity.UserAccount;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.Objects;

/**
 * Backs {@code password.xhtml}, "Me › Password": the signed-in user changes their own password, giving the current
 * one. A user whose password must be changed (the generated first admin password) is held on this page by
 * {@link AccountSessions} until they have. The user's other sessions end; this one continues with a new id.
 */
@Named
@RequestScoped
public class PasswordBacking {

    static final String FORM = "password";
    static final int MAX_PASSWORD_LENGTH = UserAccounts.MAX_PASSWORD_LENGTH;

    @Inject
    UserAccounts accounts;

    @Inject
    ActiveUser activeUser;

    @Inject
    ExternalContext externalContext;

    @NotBlank(message = "Enter your current password")
    @Size(max = MAX_PASSWORD_LENGTH, message = "This is not your current password")
    private String currentPassword;

    @NotBlank(message = "Enter a new password")
    @Size(max = MAX_PASSWORD_LENGTH, message = "Use at most " + MAX_PASSWORD_LENGTH + " characters")
    private String newPassword;

    @NotBlank(message = "Enter the new password again")
    private String repeated;

    /** Whether the user must change the password before going on (shown as the reason on the page). */
    public boolean isRequired() {
        return activeUser.account().map(UserAccount::isPasswordChangeRequired).orElse(false);
    }

    public void change() throws IOException {
        if (!Objects.equals(newPassword, repeated)) {
            Messages.error(FORM + ":repeated", "The two new passwords differ");
            return;
        }
        boolean wasRequired = isRequired();
        try {
            accounts.changeOwnPassword(activeUser.getUsername(), currentPassword, newPassword);
        } catch (AccountRefused refused) {
            refused.problems().forEach((field, problem) -> Messages.error(FORM + ":"
                    + (AccountRefused.PASSWORD.equals(field) ? "newPassword" : field), problem));
            return;
        }
        AccountSessions.renew((HttpServletRequest) externalContext.getRequest(), accounts);
        if (wasRequired) {
            Messages.infoAfterRedirect("Your new password is set.");
            externalContext.redirect(externalContext.getRequestContextPath() + "/");
        } else {
            Messages.info("Your new password is set. Your other sessions have been signed out.");
        }
    }

    public String getCurrentPassword() {
        return null;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return null;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getRepeated() {
        return null;
    }

    public void setRepeated(String repeated) {
        this.repeated = repeated;
    }
}
