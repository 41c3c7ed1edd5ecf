package dev.postmaster.notification.entity;

/**
 * The notifications a user can choose to receive, with the default for a user who has not chosen. Everything
 * that asks something of the user, or takes something away from them, is on by default.
 */
public enum NotificationType {
    TASK_ASSIGNED("A task is assigned to me", true),
    TASK_REASSIGNED_AWAY("A task of mine is reassigned to someone else", true),
    PROJECT_MEMBER_ADDED("I am added to a project", true),
    APPOINTMENT_ATTENDEE_ADDED("I am invited to an appointment", true),
    APPOINTMENT_CHANGED("An appointment I attend changes", true),
    APPOINTMENT_CANCELLED("An appointment I attend is cancelled", true),
    REPLY_RECEIVED("Someone replies to something of mine", true);

    private final String label;
    private final boolean onByDefault;

    NotificationType(String label, boolean onByDefault) {
        this.label = label;
        this.onByDefault = onByDefault;
    }

    public String label() {
        return label;
    }

    public boolean onByDefault() {
        return onByDefault;
    }
}
