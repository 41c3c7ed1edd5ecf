/**
 * The running side of the Email settings: the {@code @Startup} singleton that turns the active settings into the
 * SMTP and IMAP {@link jakarta.mail.Session}s the rest of the application uses, the connection tests that prove
 * them step by step, and the readiness checks. The boot path runs at startup, and
 * {@link dev.postmaster.mailruntime.boundary.MailRuntime#applyNow(String)} runs the same path again in place
 * ("Apply now"); there is no other way to change the running sessions.
 */
package dev.postmaster.mailruntime;
