/**
 * Backing beans of {@code projects/list.xhtml} and {@code projects/edit.xhtml}, "Work › Projects". New members are
 * added through {@link dev.postmaster.work.boundary.Projects}, which announces each of them.
 */
package dev.postmaster.console.projects;
