package dev.postmaster.mailruntime.boundary;

import java.time.Instant;

/**
 * CDI event fired each time the boot path has built new sessions, so that components holding on to a session
 * (the outbox, the inbox poller) can pick up the new one.
 */
public record SettingsApplied(MailSessions sessions, Instant at) {
}
