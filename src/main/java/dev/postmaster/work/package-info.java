/**
 * The work that triggers notifications: tasks, projects and appointments. Each change that concerns people fires
 * a CDI event declared in the boundary ({@link dev.postmaster.work.boundary.TaskAssigned},
 * {@link dev.postmaster.work.boundary.ProjectMembersAdded}, {@link dev.postmaster.work.boundary.AppointmentEvent});
 * the notification component observes it after the transaction commits, so a rolled-back change sends nothing.
 */
package dev.postmaster.work;
