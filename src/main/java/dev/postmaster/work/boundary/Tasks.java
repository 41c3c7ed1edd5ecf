package dev.postmaster.work.boundary;

import dev.postmaster.validation.Rules;
import dev.postmaster.work.entity.Task;
import dev.postmaster.work.entity.WorkLimits;
import dev.postmaster.work.entity.TaskStatus;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Creates tasks and assigns them; an assignment that changes the assignee announces itself. */
@Stateless
public class Tasks {

    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    Event<TaskAssigned> assigned;

    public Task create(String title, LocalDate dueDate, String assignee, String actor) {
        WorkLimits.day(dueDate);
        Task task = new Task(title, dueDate, actor);
        em.persist(Rules.check(validator, task));
        em.flush();
        assign(task, assignee, actor);
        return task;
    }

    public List<Task> all() {
        return em.createQuery("select t from Task t order by t.id desc", Task.class).getResultList();
    }

    /** Changes a task's fields; a new assignee is announced as by {@link #assign}. */
    public Task update(long id, String title, LocalDate dueDate, TaskStatus status, String assignee, String actor) {
        WorkLimits.day(dueDate);
        Task task = find(id).orElseThrow(() -> new IllegalArgumentException("No task " + id));
        task.change(title, dueDate, status);
        // Validated now, not at commit: a rule broken here is the caller's mistake, reported as such.
        Rules.check(validator, task);
        em.flush();
        assign(task, assignee, actor);
        return task;
    }

    public Optional<Task> find(long id) {
        return Optional.ofNullable(em.find(Task.class, id));
    }

    /** Gives the task to {@code assignee} (or to nobody); nothing happens when it already is theirs. */
    public Task assign(long taskId, String assignee, String actor) {
        Task task = find(taskId).orElseThrow(() -> new IllegalArgumentException("No task " + taskId));
        assign(task, assignee, actor);
        return task;
    }

    private void assign(Task task, String assignee, String actor) {
        String previous = task.getAssignee();
        if (Objects.equals(previous, assignee)) {
            return;
        }
        task.setAssignee(assignee);
        if (assignee != null || previous != null) {
            assigned.fire(new TaskAssigned(task.getId(), task.getTitle(), task.getDueDate(), assignee, previous,
                    actor));
        }
    }
}
