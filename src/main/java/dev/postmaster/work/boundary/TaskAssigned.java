package dev.postmaster.work.boundary;

import java.time.LocalDate;

/**
 * A task got a new assignee. Fired inside the transaction that made the change; observe it
 * {@code during = AFTER_SUCCESS} to act only once it is committed.
 *
 * @param previousAssignee the user it was taken away from, or {@code null}
 */
public record TaskAssigned(long taskId, String title, LocalDate dueDate, String assignee, String previousAssignee,
        String actor) {
}
