/**
 * Durable outgoing mail. Every mail the application sends is first a row in {@code outbox_message}, written in
 * the same transaction as whatever caused it; a drainer sends due rows over one reused SMTP connection, and
 * records SENT, DEFERRED (transient failure: retried with exponential back-off) or FAILED (permanent failure or
 * too many attempts). Rows are claimed with a lease, so two drainers never send the same row and a claim whose
 * sender died is taken back. The worst case after a crash is a duplicate of the messages in flight, never a
 * loss; a resent message keeps its Message-ID.
 */
package dev.postmaster.outbox;
