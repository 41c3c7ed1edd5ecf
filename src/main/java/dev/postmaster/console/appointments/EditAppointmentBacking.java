package dev.postmaster.console.appointments;

import dev.postmaster.console.Messages;
import dev.postmaster.console.People;
import dev.postmaster.console.RecordIds;
import dev.postmaster.security.boundary.ActiveUser;
import dev.postmaster.work.boundary.Appointments;
import dev.postmaster.work.entity.Appointment;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Backs {@code appointments/edit.xhtml?id=N} (the address notification mails link to): creates an appointment
 * and invites attendees, changes when, where or what (every attendee is told), invites more people, or cancels
 * it (every attendee is told). Attendees are only added: {@code Appointments} has no way to uninvite someone,
 * so the page does not pretend to. A cancelled appointment is shown, not edited.
 */
@Named
@ViewScoped
public class EditAppointmentBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "appointment";

    @Inject
    Appointments appointments;

    @Inject
    People people;

    @Inject
    ActiveUser activeUser;

    private String id;
    private Long appointmentId;
    private boolean missing;
    private boolean cancelled;
    private String title;
    private LocalDateTime start;
    private LocalDateTime end;
    private String location;
    private Set<String> attendees = Set.of();
    private List<String> added = new ArrayList<>();
    private String createdBy;

    public void load() {
        if (id == null || id.isBlank()) {
            return;
        }
        Optional<Appointment> appointment = RecordIds.parse(id).flatMap(appointments::find);
        if (appointment.isEmpty()) {
            missing = true;
            return;
        }
        show(appointment.get());
    }

    private void show(Appointment a) {
        appointmentId = a.getId();
        title = a.getTitle();
        start = a.getStart();
        end = a.getEnd();
        location = a.getLocation();
        attendees = a.getAttendees();
        cancelled = a.isCancelled();
        createdBy = a.getCreatedBy();
        added = new ArrayList<>();
    }

    public String save() {
        if (!end.isAfter(start)) {
            // Appointments refuses this too; checked here so that the message stands beside the end.
            Messages.error(FORM + ":end", "The end must be after the start");
            return null;
        }
        try {
            Appointment saved;
            if (appointmentId == null) {
                saved = appointments.create(title.strip(), start, end, blankToNull(location), added,
                        activeUser.getUsername());
            } else {
                saved = appointments.change(appointmentId, title.strip(), start, end, blankToNull(location),
                        activeUser.getUsername());
                for (String attendee : added) {
                    saved = appointments.addAttendee(appointmentId, attendee, activeUser.getUsername());
                }
            }
            Messages.infoAfterRedirect("Appointment \"" + saved.getTitle() + "\" saved"
                    + (added.isEmpty() ? "." : "; invited " + people.labels(added) + "."));
            return "/appointments/list?faces-redirect=true";
        } catch (RuntimeException e) {
            Messages.refused(e, null);
            return null;
        }
    }

    /** Cancels the appointment; every attendee is told. */
    public void cancel() {
        try {
            show(appointments.cancel(appointmentId, activeUser.getUsername()));
            Messages.info("The appointment is cancelled. "
                    + (attendees.isEmpty() ? "It had no attendees to tell." : "Its attendees are told by email."));
        } catch (RuntimeException e) {
            Messages.refused(e, null);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }


    /** The users who can still be invited: not attending yet. */
    public List<SelectItem> getAttendeeChoices() {
        return people.choices(added).stream().filter(item -> !attendees.contains((String) item.getValue()))
                .toList();
    }

    public String getAttendeeLabels() {
        return attendees.isEmpty() ? "Nobody yet" : people.labels(attendees);
    }

    public boolean isExisting() {
        return appointmentId != null;
    }

    public boolean isMissing() {
        return missing;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public Long getAppointmentId() {
        return appointmentId;
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

    public LocalDateTime getStart() {
        return start;
    }

    public void setStart(LocalDateTime start) {
        this.start = start;
    }

    public LocalDateTime getEnd() {
        return end;
    }

    public void setEnd(LocalDateTime end) {
        this.end = end;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public List<String> getAdded() {
        return added;
    }

    public void setAdded(List<String> added) {
        this.added = added == null ? new ArrayList<>() : new ArrayList<>(added);
    }
}
