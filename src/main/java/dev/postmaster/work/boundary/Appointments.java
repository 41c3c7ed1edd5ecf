package dev.postmaster.work.boundary;

import dev.postmaster.validation.Rules;
import dev.postmaster.work.boundary.AppointmentEvent.Kind;
import dev.postmaster.work.entity.Appointment;
import dev.postmaster.work.entity.WorkLimits;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Appointments and their attendees. Adding an attendee tells that attendee; changing the time, place or title
 * tells every attendee; cancelling tells every attendee.
 */
@Stateless
public class Appointments {

    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    Event<AppointmentEvent> events;

    public Appointment create(String title, LocalDateTime start, LocalDateTime end, String location,
            Collection<String> attendees, String actor) {
        requireOrder(start, end);
        List<String> people = WorkLimits.people(attendees, "appointment");
        Appointment appointment = new Appointment(title, start, end, location, actor);
        em.persist(Rules.check(validator, appointment));
        em.flush();
        people.forEach(attendee -> addAttendee(appointment, attendee, actor));
        return appointment;
    }

    /** @throws AppointmentCancelled when the appointment is cancelled */
    public Appointment addAttendee(long id, String attendee, String actor) {
        Appointment appointment = open(id);
        if (!appointment.getAttendees().contains(attendee)) {
            WorkLimits.roomForOneMore(appointment.getAttendees().size(), "appointment");
        }
        addAttendee(appointment, attendee, actor);
        return appointment;
    }

    public Appointment change(long id, String title, LocalDateTime start, LocalDateTime end, String location,
            String actor) {
        requireOrder(start, end);
        Appointment appointment = open(id);
        if (appointment.reschedule(title, start, end, location)) {
            Rules.check(validator, appointment);
            em.flush();
            fire(Kind.CHANGED, appointment, appointment.getAttendees(), actor);
        }
        return appointment;
    }

    public Appointment cancel(long id, String actor) {
        Appointment appointment = find(id).orElseThrow(() -> new IllegalArgumentException("No appointment " + id));
        if (!appointment.isCancelled()) {
            appointment.cancel();
            fire(Kind.CANCELLED, appointment, appointment.getAttendees(), actor);
        }
        return appointment;
    }

    /** The appointment, if it may still be changed: a cancelled one is closed, in the API as in the console. */
    private Appointment open(long id) {
        Appointment appointment = find(id).orElseThrow(() -> new IllegalArgumentException("No appointment " + id));
        if (appointment.isCancelled()) {
            throw new AppointmentCancelled("The appointment \"" + appointment.getTitle()
                    + "\" is cancelled: it cannot be changed or get attendees");
        }
        return appointment;
    }

    public Optional<Appointment> find(long id) {
        return Optional.ofNullable(em.find(Appointment.class, id));
    }

    public List<Appointment> all() {
        return em.createQuery("select a from Appointment a order by a.start desc", Appointment.class).getResultList();
    }

    private void addAttendee(Appointment appointment, String attendee, String actor) {
        if (appointment.addAttendee(attendee)) {
            fire(Kind.ATTENDEE_ADDED, appointment, Set.of(attendee), actor);
        }
    }

    private void fire(Kind kind, Appointment a, Set<String> recipients, String actor) {
        events.fire(new AppointmentEvent(kind, a.getId(), a.getTitle(), a.getStart(), a.getEnd(), a.getLocation(),
                Set.copyOf(recipients), actor));
    }

    private static void requireOrder(LocalDateTime start, LocalDateTime end) {
        if (start == null || end == null || !end.isAfter(start)) {
            throw new IllegalArgumentException("An appointment must end after it starts");
        }
        WorkLimits.time(start);
        WorkLimits.time(end);
    }
}
