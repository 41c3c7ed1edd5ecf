package dev.postmaster.work.boundary;

import java.time.LocalDateTime;
import java.util.Set;

/**
 * Something about an appointment that its attendees should hear of. Observe it {@code during = AFTER_SUCCESS}.
 *
 * @param kind what happened
 * @param recipients who it concerns: the new attendee, or all attendees
 */
public record AppointmentEvent(Kind kind, long appointmentId, String title, LocalDateTime start, LocalDateTime end,
        String location, Set<String> recipients, String actor) {

    /** What happened to the appointment. */
    public enum Kind { ATTENDEE_ADDED, CHANGED, CANCELLED }
}
