package dev.postmaster.settings.boundary;

import jakarta.ejb.ApplicationException;

/**
 * A stored secret cannot be opened: wrong key, damaged value, or a key that is itself malformed. The message
 * names the setting to fix and never contains the secret. An application exception, so that it reaches the
 * console as itself (and is shown there) instead of as a wrapped server error.
 */
@ApplicationException(rollback = true)
public class SecretUnreadableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecretUnreadableException(String message) {
        super(message);
    }
}
