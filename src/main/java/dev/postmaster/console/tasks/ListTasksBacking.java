package dev.postmaster.console.tasks;

import dev.postmaster.work.boundary.Tasks;
import dev.postmaster.work.entity.Task;
import dev.postmaster.work.entity.TaskStatus;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Backs {@code tasks/list.xhtml}, "Work › Tasks": every task with its due date, assignee and status, for the table
 * to sort, filter and page in memory (the list is read once per visit of the page).
 */
@Named
@ViewScoped
public class ListTasksBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Tasks tasks;

    private List<Task> all;
    private List<Task> filtered;

    @PostConstruct
    void load() {
        all = tasks.all();
    }

    public List<Task> getTasks() {
        return all;
    }

    public List<Task> getFiltered() {
        return filtered;
    }

    public void setFiltered(List<Task> filtered) {
        this.filtered = filtered;
    }

    public TaskStatus[] getStatuses() {
        return TaskStatus.values();
    }
}
