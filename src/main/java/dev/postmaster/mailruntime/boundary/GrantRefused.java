package dev.postmaster.mailruntime.boundary;

import dev.postmaster.settings.entity.Protocol;

/**
 * An OAuth2 provider refused, for good, to renew the sign-in of the server speaking {@code protocol} (the grant
 * was revoked, the client secret expired, the account's password changed): its mail is off until an administrator
 * connects the account again.
 *
 * @param tokens the {@code AccessTokens} of the sessions that heard it, so that sessions built since are left
 *        alone (typed {@code Object}: the tokens are this component's own business)
 */
public record GrantRefused(Protocol protocol, Object tokens, String reason) {

    /** What the log, the Email page and the error mail say: "Outgoing mail is off: " and the reason. */
    public String message() {
        return protocol.mailName() + " is off: " + reason;
    }
}
