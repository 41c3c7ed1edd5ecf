package dev.postmaster.work.boundary;

import jakarta.ejb.ApplicationException;

/**
 * A cancelled appointment was to be changed or get an attendee: it is closed. A refusal of the request, like an
 * {@link IllegalArgumentException}, but one that clashes with the record's state (the API answers 409).
 */
@ApplicationException(rollback = true)
public class AppointmentCancelled extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public AppointmentCancelled(String message) {
        super(message);
    }
}
