package dev.postmaster.security.boundary;

import dev.postmaster.infrastructure.DataDirectory;
import dev.postmaster.security.entity.Role;
import dev.postmaster.validation.MailAddress;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure a fresh install can be signed in to: creates the {@code admin} account on the first boot, with
 * {@code POSTMASTER_ADMIN_PASSWORD} when set. Otherwise a random password is generated, printed once in the log
 * and written to {@code initial-admin-password} in the data directory (mode 0600). An existing admin is never
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
        accounts.create(ADMIN, password, Role.ADMIN, "System", "Administrator", email);
        if (given.isPresent()) {
            log.info("Created user 'admin' with the password from POSTMASTER_ADMIN_PASSWORD");
        } else {
            dataDirectory.writePrivateFileOnce(PASSWORD_FILE, password + "\n");
            log.warning("Created user 'admin' with the generated password " + password + " (also in "
                    + dataDirectory.resolve(PASSWORD_FILE) + "). Sign in and keep it safe.");
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
