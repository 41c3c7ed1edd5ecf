package dev.postmaster.console.tasks;

import dev.postmaster.console.Messages;
import dev.postmaster.console.People;
import dev.postmaster.console.RecordIds;
import dev.postmaster.security.boundary.ActiveUser;
import dev.postmaster.work.boundary.Tasks;
import dev.postmaster.work.entity.Task;
import dev.postmaster.work.entity.TaskStatus;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Backs {@code tasks/edit.xhtml?id=N}, which creates a task (without {@code id}) or changes one. Notification mails
 * link to this address, so it must open the task for anyone signed in, and say plainly when the task does not
 * exist. Saving hands the whole task to {@link Tasks}; a new assignee is notified from there.
 */
@Named
@ViewScoped
public class EditTaskBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "task";

    @Inject
    Tasks tasks;

    @Inject
    People people;

    @Inject
    ActiveUser activeUser;

    private String id;
    private Long taskId;
    private boolean missing;
    private String title;
    private LocalDate dueDate;
    private String assignee;
    private TaskStatus status = TaskStatus.OPEN;
    private String createdBy;

    /** Reads the task named by the {@code id} parameter, once, when the page is first opened. */
    public void load() {
        if (id == null || id.isBlank()) {
            return;
        }
        Optional<Task> task = RecordIds.parse(id).flatMap(tasks::find);
        if (task.isEmpty()) {
            missing = true;
            return;
        }
        Task t = task.get();
        taskId = t.getId();
        title = t.getTitle();
        dueDate = t.getDueDate();
        assignee = t.getAssignee();
        status = t.getStatus();
        createdBy = t.getCreatedBy();
    }

    public String save() {
        try {
            Task saved;
            if (taskId == null) {
                saved = tasks.create(title.strip(), dueDate, assignee, activeUser.getUsername());
                if (status != TaskStatus.OPEN) {
                    saved = tasks.update(saved.getId(), saved.getTitle(), dueDate, status, assignee,
                            activeUser.getUsername());
                }
            } else {
                saved = tasks.update(taskId, title.strip(), dueDate, status, assignee, activeUser.getUsername());
            }
            Messages.infoAfterRedirect("Task \"" + saved.getTitle() + "\" saved"
                    + (saved.getAssignee() == null ? "." : ", assigned to " + people.label(saved.getAssignee()) + "."));
            return "/tasks/list?faces-redirect=true";
        } catch (RuntimeException e) {
            Messages.refused(e, null);
            return null;
        }
    }


    public List<SelectItem> getAssigneeChoices() {
        return people.choices(assignee == null ? List.of() : List.of(assignee));
    }

    public TaskStatus[] getStatuses() {
        return TaskStatus.values();
    }

    public boolean isExisting() {
        return taskId != null;
    }

    public boolean isMissing() {
        return missing;
    }

    public Long getTaskId() {
        return taskId;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public LocalDate getDueDate() {
        return dueDate;
    }

    public void setDueDate(LocalDate dueDate) {
        this.dueDate = dueDate;
    }

    public String getAssignee() {
        return assignee;
    }

    public void setAssignee(String assignee) {
        this.assignee = assignee;
    }

    public TaskStatus getStatus() {
        return status;
    }

    public void setStatus(TaskStatus status) {
        this.status = status;
    }
}
