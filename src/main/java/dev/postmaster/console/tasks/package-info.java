/**
 * Backing beans of {@code tasks/list.xhtml} and {@code tasks/edit.xhtml}, "Work › Tasks". They hand every change to
 * {@link dev.postmaster.work.boundary.Tasks}, which announces new assignees to the notification component.
 */
package dev.postmaster.console.tasks;
