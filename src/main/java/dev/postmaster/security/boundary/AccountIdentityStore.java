package dev.postmaster.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.logging.Logger;

/**
 * The identity store Jakarta Security consults for every sign-in: the {@code user_account} table, behind the
 * sign-in throttle. A throttled attempt is refused before any password is checked.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @Inject
    UserAccounts accounts;

    @Inject
    SignInThrottle throttle;

    @Inject
    Logger log;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String username = login.getCaller();
        if (throttle.waitBeforeNextAttempt(username).isPresent()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return accounts.verify(username, login.getPasswordAsString())
                .map(account -> {
                    throttle.succeeded(username);
                    return new CredentialValidationResult(account.getUsername(), account.getRole().groups());
                })
                .orElseGet(() -> {
                    throttle.failed(username);
                    log.info(() -> "Failed sign-in for user name '" + printable(username) + "'");
                    return CredentialValidationResult.INVALID_RESULT;
                });
    }

    private static String printable(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }
}
