/**
 * Cross-cutting plumbing that every component shares: the logger producer and the data directory where the
 * application keeps its files. Nothing here knows about mail.
 */
package dev.postmaster.infrastructure;
