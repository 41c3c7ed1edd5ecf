/**
 * Backing beans of the pages under {@code admin/} ("Admin Settings"), which only the {@code admin} role may open
 * (see {@code web.xml}): Email, Users, Contacts, Outbox and the Notification log.
 */
package dev.postmaster.console.admin;
