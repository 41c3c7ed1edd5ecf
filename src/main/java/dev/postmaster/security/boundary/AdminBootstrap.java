package dev.postmaster.security.boundary;

import dev.postmaster.infrastructure.DataDirectory;
import dev.postmaster.security.entity.Role;
import dev.postmaster.security.entity.UserAccount;
import dev.postmaster.validation.MailAddress;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure a fresh install can be signed in to: creates the {@code admin} account on the first boot, with
 * {@code POSTMASTER_ADMIN_PASSWORD} when set. Otherwise a random password is generated, printed once in the log
 * and written to {@code initial-admin-password} in the data directory (mode 0600); at the first sign-in
 * with it the admin must choose a new password, and the file is then deleted. An existing admin is never
 * touched, so changing the variable later does not reset a password. Its contact record takes
 * {@code POSTMASTER_ADMIN_EMAIL} as the default address when set.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class AdminBootstrap {

    public static final String ADMIN = "admin";
    static final String PASSWORD_FILE = "initial-admin-password";

    @Inject
    UserAccounts accounts;

    @Inject
    DataDirectory dataDirectory;

    @Inject
    @ConfigProperty(name = "postmaster.admin.password")
    Optional<String> configuredPassword;

    @Inject
    @ConfigProperty(name = "postmaster.admin.email")
    Optional<String> configuredEmail;

    @Inject
    Logger log;

    @PostConstruct
    void createAdminOnFirstBoot() {
        if (accounts.find(ADMIN).isPresent()) {
            return;
        }
        Optional<String> given = configuredPassword.filter(password -> !password.isBlank());
        if (given.isPresent() && given.get().length() < UserAccounts.MIN_PASSWORD_LENGTH) {
            log.warning("POSTMASTER_ADMIN_PASSWORD is shorter than " + UserAccounts.MIN_PASSWORD_LENGTH
                    + " characters and was not used; a password is generated instead");
            given = Optional.empty();
        }
        String password = given.orElseGet(AdminBootstrap::randomPassword);
        String email = configuredEmail.map(String::strip).filter(MailAddress.Validator::isAddress).orElse(null);
        UserAccount admin = accounts.create(ADMIN, password, Role.ADMIN, "System", "Administrator", email);
        if (given.isPresent()) {
            log.info("Created user 'admin' with the password from POSTMASTER_ADMIN_PASSWORD");
        } else {
            admin.requirePasswordChange();
            dataDirectory.writePrivateFileOnce(PASSWORD_FILE, password + "\n");
            log.warning("Created user 'admin' with the generated password " + password + " (also in "
                    + dataDirectory.resolve(PASSWORD_FILE) + "). Sign in with it and choose a new one.");
        }
    }

    /**
     * The generated password has done its job once the admin has chosen another: the file that holds it goes, so
     * that a copy of the data directory no longer carries a password.
     */
    public void forgetGeneratedPassword(@Observes(during = TransactionPhase.AFTER_SUCCESS) PasswordChanged changed) {
        if (!ADMIN.equals(changed.username())) {
            return;
        }
        Path file = dataDirectory.resolve(PASSWORD_FILE);
        try {
            if (Files.deleteIfExists(file)) {
                log.info(() -> "The admin password was changed; deleted " + file);
            }
        } catch (IOException e) {
            log.warning(() -> "The admin password was changed, but " + file + " could not be deleted (" + e
                    + "); delete it by hand");
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
