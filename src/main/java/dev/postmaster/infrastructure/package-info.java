/**
 * Cross-cutting plumbing that every component shares: the schema migrations run at startup, the logger
 * producer, the data directory where the application keeps its files, and the {@code Instant} converter. Nothing
 * here knows about mail.
 */
package dev.postmaster.infrastructure;
