package dev.postmaster.outbox.boundary;

/**
 * Fired when a mail was put in the outbox. The drainer observes it after the transaction commits, so a mail is
 * sent right away instead of at the next timer tick, and a rolled-back transaction sends nothing. Releasing a
 * held outbox fires it too, with id 0, so that what waited goes out.
 */
public record OutboxQueued(long id) {
}
