package dev.postmaster.work.entity;

/** Where a task stands. */
public enum TaskStatus {
    OPEN, IN_PROGRESS, DONE, CANCELLED
}
