package dev.postmaster.outbox.entity;

/**
 * Where an outgoing mail is in its life, and what an administrator may do with it from there: the one home of
 * the resend and discard rules, for the Outbox page, the API and the store alike.
 */
public enum OutboxStatus {
    /** Waiting for its first attempt. */
    QUEUED,
    /** Claimed by a drainer, being sent; taken back if the claim's lease runs out. */
    SENDING,
    /** Accepted by the SMTP server. */
    SENT,
    /** A transient failure (connect error, 4xx, timeout): tried again at {@code nextAttemptAt}. */
    DEFERRED,
    /** A permanent failure (5xx) or too many attempts; sent again only by an explicit resend. */
    FAILED,
    /** Given up on by an administrator. */
    DISCARDED;

    /**
     * Whether a mail may be sent again (now) from here: after a failure, a deferral, a discard, and as the same
     * message once more after it was sent. A queued mail is about to go anyway, and one being sent is left alone.
     */
    public boolean canResend() {
        return this == DEFERRED || this == FAILED || this == DISCARDED || this == SENT;
    }

    /** Whether a mail may be given up on from here: only while it is waiting to be sent, or has failed. */
    public boolean canDiscard() {
        return this == QUEUED || this == DEFERRED || this == FAILED;
    }
}
