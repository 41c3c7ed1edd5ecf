package dev.postmaster.settings.entity;

/**
 * Which version of the settings a stored row is. There is at most one row per slot.
 */
public enum SettingsSlot {
    /** Saved by an administrator, waiting for the next restart (or "Apply now"). */
    PENDING,
    /** What the running mail sessions were built from. */
    ACTIVE
}
