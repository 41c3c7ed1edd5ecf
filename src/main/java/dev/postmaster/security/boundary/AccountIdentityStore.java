package dev.postmaster.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

/**
 * The identity store Jakarta Security consults for every sign-in, console and API alike: the {@code user_account}
 * table, behind the {@link SignInThrottle}. A user name longer than the longest allowed is refused before any
 * work is done. A try the throttle refuses still spends the time of a password check (on a decoy hash), so the
 * answer's timing does not tell a guesser which tries were counted; a try it delays waits first, on a bounded
 * number of threads.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    /** At most this many sign-ins wait out a delay at once; more are refused, so a flood cannot take every thread. */
    static final int MAX_DELAYED = 16;

    @Inject
    UserAccounts accounts;

    @Inject
    SignInThrottle throttle;

    @Inject
    HttpServletRequest request;

    @Inject
    Logger log;

    private final Semaphore delayed = new Semaphore(MAX_DELAYED);

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String username = login.getCaller();
        String password = login.getPasswordAsString();
        if (username == null || password == null || username.length() > UserAccounts.MAX_USERNAME_LENGTH) {
            log.info(() -> "Refused a sign-in with a user name of " + (username == null ? 0 : username.length())
                    + " characters");
            return CredentialValidationResult.INVALID_RESULT;
        }
        String address = request.getRemoteAddr();
        SignInThrottle.Verdict verdict = throttle.before(username, address);
        if (verdict.refused() || !waited(verdict.delay())) {
            accounts.spendCheckTime(password);
            log.info(() -> "Throttled a sign-in for user name '" + printable(username) + "' from " + address);
            return CredentialValidationResult.INVALID_RESULT;
        }
        return accounts.verify(username, password)
                .map(account -> {
                    throttle.succeeded(username, address, verdict);
                    return new CredentialValidationResult(account.getUsername(), account.getRole().groups());
                })
                .orElseGet(() -> {
                    throttle.failed(username, address);
                    log.info(() -> "Failed sign-in for user name '" + printable(username) + "' from " + address);
                    return CredentialValidationResult.INVALID_RESULT;
                });
    }

    /** Waits out a delay; {@code false} when too many tries are waiting already. */
    private boolean waited(Duration delay) {
        if (delay.isZero()) {
            return true;
        }
        if (!delayed.tryAcquire()) {
            return false;
        }
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            delayed.release();
        }
    }

    private static String printable(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }
}
