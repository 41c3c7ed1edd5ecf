package dev.postmaster.work.boundary;

import dev.postmaster.work.entity.RecordKind;
import java.util.Set;

/**
 * Someone commented on a record; the record's other people should hear of it. Observe it
 * {@code during = AFTER_SUCCESS}.
 *
 * @param recipients the record's people (assignee, members, attendees, its creator), without the author
 * @param excerpt the start of the comment, for the mail
 */
public record CommentAdded(RecordKind kind, long recordId, String title, long commentId, String author,
        String excerpt, Set<String> recipients) {
}
