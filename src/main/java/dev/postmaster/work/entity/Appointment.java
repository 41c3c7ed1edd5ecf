package dev.postmaster.work.entity;

import dev.postmaster.validation.SingleLine;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.Set;

/** An appointment: title, start, end, location and attendees (user names); it can be cancelled. */
@Entity
@Table(name = "appointment")
public class Appointment {

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "appointment_ids")
    @TableGenerator(name = "appointment_ids", table = "id_generator", pkColumnValue = "appointment",
            allocationSize = 20)
    private Long id;

    @NotBlank(message = "Enter a title")
    @SingleLine
    @Size(max = 300, message = "Use at most 300 characters")
    @Column(nullable = false, length = 300)
    private String title;

    @NotNull(message = "Enter when it starts")
    @Column(name = "starts_at", nullable = false)
    private LocalDateTime start;

    @NotNull(message = "Enter when it ends")
    @Column(name = "ends_at", nullable = false)
    private LocalDateTime end;

    @SingleLine
    @Size(max = 300, message = "Use at most 300 characters")
    @Column(length = 300)
    private String location;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "appointment_attendee", joinColumns = @JoinColumn(name = "appointment_id"))
    @Column(name = "username", length = 100)
    private Set<String> attendees = new LinkedHashSet<>();

    @Column(nullable = false)
    private boolean cancelled;

    @Column(name = "created_by", nullable = false, length = 100)
    private String createdBy;

    @Version
    private long version;

    protected Appointment() {
        // for JPA
    }

    public Appointment(String title, LocalDateTime start, LocalDateTime end, String location, String createdBy) {
        this.title = title;
        this.start = start;
        this.end = end;
        this.location = location;
        this.createdBy = createdBy;
    }

    public boolean addAttendee(String username) {
        return attendees.add(username);
    }

    /** Changes when and where; @return whether anything changed. */
    public boolean reschedule(String title, LocalDateTime start, LocalDateTime end, String location) {
        boolean changed = !title.equals(this.title) || !start.equals(this.start) || !end.equals(this.end)
                || !java.util.Objects.equals(location, this.location);
        this.title = title;
        this.start = start;
        this.end = end;
        this.location = location;
        return changed;
    }

    public void cancel() {
        cancelled = true;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public LocalDateTime getStart() {
        return start;
    }

    public LocalDateTime getEnd() {
        return end;
    }

    public String getLocation() {
        return location;
    }

    public Set<String> getAttendees() {
        return Set.copyOf(attendees);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public String getCreatedBy() {
        return createdBy;
    }
}
