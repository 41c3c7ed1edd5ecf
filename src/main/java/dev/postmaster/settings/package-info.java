/**
 * The Email settings an administrator edits: the outgoing and incoming mail servers (one
 * {@link dev.postmaster.settings.entity.MailServer} value each), the sender switches and names, the application
 * URL, and the timeouts. Settings are saved as <em>pending</em> and become <em>active</em> only when the boot path
 * runs (see {@code mailruntime}); both versions are kept so the console can show what runs now next to what will
 * run after the next restart, and every change is in the History. Passwords are sealed with
 * {@link dev.postmaster.settings.boundary.SecretBox} before they reach the database, and
 * {@link dev.postmaster.settings.boundary.SenderPolicy} turns the switches into the From of every mail.
 */
package dev.postmaster.settings;
