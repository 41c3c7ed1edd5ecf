package dev.postmaster.work.entity;

/** Where a task stands. */
public enum TaskStatus {
    OPEN("Open"), IN_PROGRESS("In progress"), DONE("Done"), CANCELLED("Cancelled");

    private final String label;

    TaskStatus(String label) {
        this.label = label;
    }

    /** The status as the console shows it. */
    public String label() {
        return label;
    }
}
