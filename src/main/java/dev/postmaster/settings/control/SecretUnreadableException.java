package dev.postmaster.settings.control;

/**
 * A stored secret cannot be opened: wrong key, damaged value, or a key that is itself malformed. The message
 * names the setting to fix and never contains the secret.
 */
public class SecretUnreadableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecretUnreadableException(String message) {
        super(message);
    }
}
