package dev.postmaster.outbox.boundary;

/**
 * Fired when a transaction puts its first mail in the outbox (once per transaction, with that mail's id). The
 * drainer observes it after the transaction commits, so mail is sent right away instead of at the next timer
 * tick, and a rolled-back transaction sends nothing. Releasing a held outbox fires it too, with id 0, so that
 * what waited goes out.
 */
public record OutboxQueued(long id) {
}
