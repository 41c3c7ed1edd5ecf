package dev.postmaster.console.appointments;

import dev.postmaster.work.boundary.Appointments;
import dev.postmaster.work.entity.Appointment;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Backs {@code appointments/list.xhtml}, "Work › Appointments": every appointment, latest start first, with its
 * attendees and whether it was cancelled, for the table to sort, filter and page in memory.
 */
@Named
@ViewScoped
public class ListAppointmentsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Appointments appointments;

    private List<Appointment> all;
    private List<Appointment> filtered;

    @PostConstruct
    void load() {
        all = appointments.all();
    }

    public List<Appointment> getAppointments() {
        return all;
    }

    public List<Appointment> getFiltered() {
        return filtered;
    }

    public void setFiltered(List<Appointment> filtered) {
        this.filtered = filtered;
    }
}
