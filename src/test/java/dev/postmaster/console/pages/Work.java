package dev.postmaster.console.pages;

/** The three kinds of work record, each with a list page and an edit page ({@code tasks/edit.xhtml?id=N}). */
public enum Work {
    TASKS("Tasks", "tasks", "task", "New task", "Edit task"),
    PROJECTS("Projects", "projects", "project", "New project", "Edit project"),
    APPOINTMENTS("Appointments", "appointments", "appointment", "New appointment", "Edit appointment");

    final String heading;
    final String folder;
    final String form;
    final String newHeading;
    final String editHeading;

    Work(String heading, String folder, String form, String newHeading, String editHeading) {
        this.heading = heading;
        this.folder = folder;
        this.form = form;
        this.newHeading = newHeading;
        this.editHeading = editHeading;
    }

    /** The list form's id: the folder's name. */
    String listForm() {
        return folder;
    }
}
