package dev.postmaster.work.boundary;

import dev.postmaster.work.entity.Appointment;
import dev.postmaster.work.entity.Comment;
import dev.postmaster.work.entity.Project;
import dev.postmaster.work.entity.RecordKind;
import dev.postmaster.work.entity.Task;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Comments on tasks, projects and appointments, and who a record concerns: the people told of a new comment are
 * its assignee, members or attendees and whoever created it, except the author.
 */
@Stateless
public class Comments {

    private static final int EXCERPT = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<CommentAdded> added;

    /** The record's title, if the record exists. */
    public Optional<String> titleOf(RecordKind kind, long recordId) {
        return people(kind, recordId).map(Record::title);
    }

    /**
     * Adds a comment; the record's other people are told.
     *
     * @throws IllegalArgumentException when the record does not exist
     */
    public Comment add(RecordKind kind, long recordId, String author, String body, String origin) {
        Record record = people(kind, recordId).orElseThrow(() -> new IllegalArgumentException(
                "There is no " + kind.key() + " " + recordId));
        Comment comment = new Comment(kind, recordId, author, Instant.now(), body, origin);
        em.persist(comment);
        em.flush();
        Set<String> recipients = new LinkedHashSet<>(record.people());
        recipients.remove(author);
        String excerpt = body.length() <= EXCERPT ? body : body.substring(0, EXCERPT - 1) + "…";
        added.fire(new CommentAdded(kind, recordId, record.title(), comment.getId(), author, excerpt,
                Set.copyOf(recipients)));
        return comment;
    }

    /** The comments on a record, oldest first. */
    public List<Comment> about(RecordKind kind, long recordId) {
        return em.createNamedQuery(Comment.ABOUT, Comment.class).setParameter("kind", kind)
                .setParameter("id", recordId).getResultList();
    }

    private record Record(String title, Set<String> people) {
    }

    private Optional<Record> people(RecordKind kind, long recordId) {
        return switch (kind) {
            case TASK -> Optional.ofNullable(em.find(Task.class, recordId)).map(task -> new Record(task.getTitle(),
                    with(task.getCreatedBy(), task.getAssignee() == null ? Set.of() : Set.of(task.getAssignee()))));
            case PROJECT -> Optional.ofNullable(em.find(Project.class, recordId))
                    .map(project -> new Record(project.getName(), with(project.getCreatedBy(), project.getMembers())));
            case APPOINTMENT -> Optional.ofNullable(em.find(Appointment.class, recordId))
                    .map(a -> new Record(a.getTitle(), with(a.getCreatedBy(), a.getAttendees())));
        };
    }

    private static Set<String> with(String creator, Set<String> others) {
        Set<String> people = new LinkedHashSet<>(others);
        people.add(creator);
        return people;
    }
}
