package dev.postmaster.security.boundary;

/**
 * What an account grants its sessions right now. A session keeps the {@link #stamp()} it signed in under;
 * {@link AccountSessions} ends it as soon as the account's differs, or the account is disabled or gone.
 *
 * @param enabled whether the account may sign in
 * @param stamp the account's security stamp (see {@code UserAccount#getSecurityStamp()})
 * @param passwordChangeRequired whether the user must choose a new password before anything else
 */
public record SessionGrant(boolean enabled, int stamp, boolean passwordChangeRequired) {
}
