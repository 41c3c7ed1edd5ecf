package dev.postmaster.outbox.entity;

/** Where an outgoing mail is in its life. */
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
    DISCARDED
}
