package dev.postmaster.security.boundary;

import jakarta.ejb.ApplicationException;

/**
 * An administrator tried to deactivate themselves or take away their own administrator role. Refused in
 * {@link UserAccounts}, so the Users page and the API cannot differ on it; an application exception, so it
 * reaches them as itself and its message can be shown as it is.
 */
@ApplicationException(rollback = true)
public class SelfLockoutRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SelfLockoutRefused(String message) {
        super(message);
    }
}
