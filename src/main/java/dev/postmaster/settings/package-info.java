/**
 * The Email settings an administrator edits: outgoing and incoming servers, sender switches and the application
 * URL. Settings are saved as <em>pending</em> and become <em>active</em> only when the boot path runs (see
 * {@code mailruntime}); both versions are kept so the console can show what runs now next to what will run after
 * the next restart. Passwords are sealed with {@link dev.postmaster.settings.control.SecretBox} before they reach
 * the database.
 */
package dev.postmaster.settings;
