/**
 * Backing beans of {@code appointments/list.xhtml} and {@code appointments/edit.xhtml}, "Work › Appointments".
 * Invitations, changes and cancellations go through {@link dev.postmaster.work.boundary.Appointments}, which tells
 * the attendees.
 */
package dev.postmaster.console.appointments;
