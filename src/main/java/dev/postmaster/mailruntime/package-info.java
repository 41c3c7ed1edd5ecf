/**
 * The running side of the Email settings: the {@code @Startup} singleton that turns the active settings into the
 * SMTP and IMAP {@link jakarta.mail.Session}s the rest of the application uses, and the test mail that proves
 * them. {@link dev.postmaster.mailruntime.boundary.MailRuntime#apply()} is the boot path; there is no other way
 * to change the running sessions.
 */
package dev.postmaster.mailruntime;
