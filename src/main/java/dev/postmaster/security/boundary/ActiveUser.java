package dev.postmaster.security.boundary;

import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.security.entity.UserAccount;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.Optional;

/**
 * Who makes the current request, in one place for pages and API resources alike: the user signed in to the
 * console, or the script {@link Callers} let in with HTTP Basic. Their account and contact are read
 * at most once per request, however many beans ask.
 */
@Named
@RequestScoped
public class ActiveUser {

    @Inject
    SecurityContext securityContext;

    @Inject
    UserAccounts accounts;

    private String basicCaller;
    private Optional<UserAccount> account;

    /** The user name, or {@code null} when nobody is signed in. */
    public String getUsername() {
        if (basicCaller != null) {
            return basicCaller;
        }
        Principal caller = securityContext.getCallerPrincipal();
        return caller == null ? null : caller.getName();
    }

    /** The signed-in user's account, if there is one. */
    public Optional<UserAccount> account() {
        if (account == null) {
            account = accounts.find(getUsername());
        }
        return account;
    }

    /** The signed-in user's contact record, if they have one. */
    public Optional<Contact> contact() {
        return account().flatMap(UserAccount::contact);
    }

    /**
     * Forgets the account read so far, so that the rest of the request sees what a change in it (the user's own
     * contact, say) has just stored.
     */
    public void reload() {
        account = null;
    }

    /** Called by {@link Callers} once a script's HTTP Basic credentials were accepted. */
    void authenticatedWithBasic(String username) {
        basicCaller = username;
        account = null;
    }
}
