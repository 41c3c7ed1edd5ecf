package dev.postmaster.outbox.boundary;

/**
 * A delivery status notification said that an outgoing mail did not reach a recipient. Fired in the transaction
 * that records it; the notification component observes it to note the bounce beside its decision.
 *
 * @param outboxId the outbox mail the report is about
 * @param hard whether the receiving side refused the address for good (a 5.x.x status)
 * @param nowBouncing whether this report marked the address as bouncing
 */
public record MailBounced(long outboxId, String recipient, boolean hard, String detail, boolean nowBouncing) {
}
