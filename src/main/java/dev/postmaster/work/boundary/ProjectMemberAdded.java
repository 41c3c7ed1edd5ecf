package dev.postmaster.work.boundary;

/** Someone became a member of a project. Observe it {@code during = AFTER_SUCCESS}. */
public record ProjectMemberAdded(long projectId, String projectName, String member, String actor) {
}
