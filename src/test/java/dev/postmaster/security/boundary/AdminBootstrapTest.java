package dev.postmaster.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.infrastructure.DataDirectory;
import dev.postmaster.security.entity.Role;
import dev.postmaster.security.entity.UserAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first admin: a generated password must be changed at the first sign-in, and its file goes once it has been;
 * a password the operator gave is theirs already.
 */
class AdminBootstrapTest {

    @TempDir
    Path data;

    private UserAccount created;

    @Test
    void aGeneratedPasswordMustBeChangedAndItsFileGoesWhenItIs() throws Exception {
        AdminBootstrap bootstrap = bootstrap(Optional.empty());
        bootstrap.createAdminOnFirstBoot();

        Path file = data.resolve(AdminBootstrap.PASSWORD_FILE);
        assertTrue(Files.exists(file), "the generated password was not written down");
        assertTrue(created.isPasswordChangeRequired(), "the generated password may be kept for ever");

        bootstrap.forgetGeneratedPassword(new PasswordChanged("alice"));
        assertTrue(Files.exists(file), "another user's new password removed the admin's file");
        bootstrap.forgetGeneratedPassword(new PasswordChanged(AdminBootstrap.ADMIN));
        assertFalse(Files.exists(file), "the generated password is still on disk after it was changed");

        created.setPasswordHash("new-hash");
        assertFalse(created.isPasswordChangeRequired(), "a new password does not lift the requirement");
    }

    @Test
    void aPasswordFromTheEnvironmentNeedsNoChange() {
        bootstrap(Optional.of("Given-Pa55word")).createAdminOnFirstBoot();
        assertFalse(created.isPasswordChangeRequired());
        assertFalse(Files.exists(data.resolve(AdminBootstrap.PASSWORD_FILE)));
        assertEquals(Role.ADMIN, created.getRole());
    }

    private AdminBootstrap bootstrap(Optional<String> password) {
        AdminBootstrap bootstrap = new AdminBootstrap();
        bootstrap.accounts = new UserAccounts() {
            @Override
            public Optional<UserAccount> find(String username) {
                return Optional.ofNullable(created);
            }

            @Override
            public UserAccount create(String username, String pass, Role role, String firstName, String lastName,
                    String email) {
                created = new UserAccount(username, "hash-of-" + pass.length(), role);
                return created;
            }
        };
        bootstrap.dataDirectory = new DataDirectory(data);
        bootstrap.configuredPassword = password;
        bootstrap.configuredEmail = Optional.empty();
        bootstrap.log = Logger.getLogger(AdminBootstrapTest.class.getName());
        return bootstrap;
    }
}
