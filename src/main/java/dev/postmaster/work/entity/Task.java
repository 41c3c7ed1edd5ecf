package dev.postmaster.work.entity;

import dev.postmaster.validation.SingleLine;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** A piece of work with a title, a due date, a status and the user it is assigned to (by user name). */
@Entity
@Table(name = "task")
public class Task {

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "task_ids")
    @TableGenerator(name = "task_ids", table = "id_generator", pkColumnValue = "task", allocationSize = 20)
    private Long id;

    @NotBlank(message = "Enter a title")
    @SingleLine
    @Size(max = 300, message = "Use at most 300 characters")
    @Column(nullable = false, length = 300)
    private String title;

    @Column(name = "due_date")
    private LocalDate dueDate;

    @Column(length = 100)
    private String assignee;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TaskStatus status = TaskStatus.OPEN;

    @Column(name = "created_by", nullable = false, length = 100)
    private String createdBy;

    @Version
    private long version;

    protected Task() {
        // for JPA
    }

    public Task(String title, LocalDate dueDate, String createdBy) {
        this.title = title;
        this.dueDate = dueDate;
        this.createdBy = createdBy;
    }

    public void change(String title, LocalDate dueDate, TaskStatus status) {
        this.title = title;
        this.dueDate = dueDate;
        this.status = status == null ? this.status : status;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public LocalDate getDueDate() {
        return dueDate;
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

    public String getCreatedBy() {
        return createdBy;
    }
}
