package dev.postmaster.security.boundary;

import jakarta.ejb.ApplicationException;
import java.util.Collections;
import java.util.Map;

/**
 * A login could not be created or changed because what was asked breaks a rule: a user name that is not allowed
 * or is taken, a password that is too short, an address that is not one. Carries one message per field
 * ({@link #USERNAME}, {@link #PASSWORD}, {@link #EMAIL}), in the words the Users page and the API both show, so
 * the two cannot differ. Nothing was stored.
 */
@ApplicationException(rollback = true)
public class AccountRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String EMAIL = "email";
    public static final String CURRENT_PASSWORD = "currentPassword";

    private final Map<String, String> problems;
    private final boolean conflict;

    AccountRefused(Map<String, String> problems, boolean conflict) {
        super(String.join("; ", problems.values()));
        this.problems = Collections.unmodifiableMap(problems);
        this.conflict = conflict;
    }

    /** Field to message, in the order the fields are asked for. */
    public Map<String, String> problems() {
        return problems;
    }

    /** Whether the request clashes with what exists (a user name already taken) rather than being malformed. */
    public boolean isConflict() {
        return conflict;
    }
}
