package dev.postmaster.console;

import dev.postmaster.work.boundary.Comments;
import dev.postmaster.work.entity.Comment;
import dev.postmaster.work.entity.RecordKind;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Backs the comments shown on the task, project and appointment pages ({@code WEB-INF/includes/comments.xhtml}):
 * replies by mail to their notifications, oldest first, read once per request.
 */
@Named
@RequestScoped
public class RecordComments {

    @Inject
    Comments comments;

    private List<Comment> read;

    /** The comments on the record of {@code kind} ("task", "project", "appointment") with {@code id}. */
    public List<Comment> about(String kind, Long id) {
        if (read == null) {
            read = id == null ? List.of() : RecordKind.ofKey(kind).map(k -> comments.about(k, id)).orElse(List.of());
        }
        return read;
    }
}
