package dev.postmaster.settings.entity;

/**
 * Where a version of the settings came from, so the page can say so.
 */
public enum SettingsSource {
    /** Saved on the Email page. */
    CONSOLE,
    /** Seeded at the very first start from MicroProfile Config (environment variables). */
    ENVIRONMENT
}
