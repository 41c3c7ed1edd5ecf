/**
 * The work that triggers notifications: tasks, projects and appointments. Each change that
 * concerns people fires a CDI event such as {@link dev.postmaster.work.boundary.TaskAssigned}; the notification
 * component observes it after the transaction commits, so a rolled-back change sends nothing.
 */
package dev.postmaster.work;
