package dev.postmaster.work.entity;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The bounds of work records, checked where they are made (console and API alike): how many people one record
 * can name (each is a user to check and a notification to queue, so an unbounded list is unbounded work), and
 * the dates a record can have (a year 10000 due date is a typing slip, not a plan).
 */
public final class WorkLimits {

    /** The most members of a project or attendees of an appointment. */
    public static final int MAX_PEOPLE = 1000;
    public static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(2199, 12, 31);
    static final String DATE_RULE = "Enter a date between " + FIRST_DAY + " and " + LAST_DAY;

    private WorkLimits() {
    }

    /**
     * The people named, each once, in the order given (blank entries are kept for the caller to refuse by name).
     *
     * @throws IllegalArgumentException when there are more than {@link #MAX_PEOPLE}
     */
    public static List<String> people(Collection<String> names, String what) {
        if (names == null) {
            return List.of();
        }
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(names));
        if (distinct.size() > MAX_PEOPLE) {
            throw new IllegalArgumentException("A " + what + " can have at most " + MAX_PEOPLE + " people");
        }
        return distinct;
    }

    /** @throws IllegalArgumentException when a group of {@code size} may not get one more person */
    public static void roomForOneMore(int size, String what) {
        if (size >= MAX_PEOPLE) {
            throw new IllegalArgumentException("A " + what + " can have at most " + MAX_PEOPLE + " people");
        }
    }

    /** @throws IllegalArgumentException when {@code day} is set and outside the range */
    public static void day(LocalDate day) {
        if (day != null && (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY))) {
            throw new IllegalArgumentException(DATE_RULE);
        }
    }

    public static void time(LocalDateTime time) {
        day(time == null ? null : time.toLocalDate());
    }
}
