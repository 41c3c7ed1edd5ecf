package dev.postmaster.work.boundary;

import java.util.List;

/**
 * People became members of a project, in one change: one event for all of them, so that the notifications of a
 * project made with 1,000 members are decided and queued in one transaction. Observe it
 * {@code during = AFTER_SUCCESS}.
 */
public record ProjectMembersAdded(long projectId, String projectName, List<String> members, String actor) {

    public ProjectMembersAdded {
        members = List.copyOf(members);
    }
}
