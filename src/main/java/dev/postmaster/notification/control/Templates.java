package dev.postmaster.notification.control;

import static dev.postmaster.notification.control.NotificationMail.html;

import dev.postmaster.notification.control.NotificationMail.Content;
import dev.postmaster.work.entity.RecordKind;
import dev.postmaster.work.boundary.AppointmentEvent.Kind;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One template per notification type, in plain text and HTML. Links point at the record through the "Application
 * URL" setting; without one, the mail says where to look instead of carrying a broken link.
 */
public final class Templates {

    private Templates() {
    }

    public static Content taskAssigned(String app, String appUrl, String actorName, long taskId, String title,
            LocalDate due) {
        String link = link(appUrl, RecordKind.TASK, taskId);
        String dueText = due == null ? "" : " (due " + due + ")";
        return new Content("[" + app + "] Task assigned to you: " + title,
                actorName + " assigned you the task \"" + title + "\"" + dueText + ".\n\n"
                        + (link == null ? "Open it in " + app + ".\n" : "Open it: " + link + "\n"),
                "<p>" + html(actorName) + " assigned you the task <strong>" + html(title) + "</strong>"
                        + html(dueText) + ".</p>"
                        + (link == null ? "<p>Open it in " + html(app) + ".</p>"
                                : "<p><a href=\"" + html(link) + "\">Open the task</a></p>"));
    }

    public static Content taskReassignedAway(String app, String appUrl, String actorName, long taskId,
            String title, String newAssignee) {
        String link = link(appUrl, RecordKind.TASK, taskId);
        String to = newAssignee == null ? "nobody" : newAssignee;
        return new Content("[" + app + "] Task no longer yours: " + title,
                actorName + " reassigned the task \"" + title + "\" to " + to + ".\n\n"
                        + (link == null ? "" : "See it: " + link + "\n"),
                "<p>" + html(actorName) + " reassigned the task <strong>" + html(title) + "</strong> to "
                        + html(to) + ".</p>"
                        + (link == null ? "" : "<p><a href=\"" + html(link) + "\">See the task</a></p>"));
    }

    public static Content projectMemberAdded(String app, String appUrl, String actorName, long projectId,
            String name) {
        String link = link(appUrl, RecordKind.PROJECT, projectId);
        return new Content("[" + app + "] You were added to the project " + name,
                actorName + " added you to the project \"" + name + "\".\n\n"
                        + (link == null ? "" : "Open it: " + link + "\n"),
                "<p>" + html(actorName) + " added you to the project <strong>" + html(name) + "</strong>.</p>"
                        + (link == null ? "" : "<p><a href=\"" + html(link) + "\">Open the project</a></p>"));
    }

    /** The three appointment notifications share one layout: what happened, then when and where. */
    public static Content appointment(String app, String appUrl, String actorName, long id, Kind kind,
            String title, LocalDateTime start, LocalDateTime end, String location) {
        String link = link(appUrl, RecordKind.APPOINTMENT, id);
        String what = switch (kind) {
            case ATTENDEE_ADDED -> "invited you to";
            case CHANGED -> "changed";
            case CANCELLED -> "cancelled";
        };
        String subject = switch (kind) {
            case ATTENDEE_ADDED -> "Invitation: ";
            case CHANGED -> "Changed: ";
            case CANCELLED -> "Cancelled: ";
        };
        String when = start + " to " + end + (location == null || location.isBlank() ? "" : ", " + location);
        return new Content("[" + app + "] " + subject + title,
                actorName + " " + what + " the appointment \"" + title + "\".\nWhen and where: " + when + "\n\n"
                        + (link == null ? "" : "Open it: " + link + "\n"),
                "<p>" + html(actorName) + " " + what + " the appointment <strong>" + html(title) + "</strong>.</p>"
                        + "<p>When and where: " + html(when) + "</p>"
                        + (link == null ? "" : "<p><a href=\"" + html(link) + "\">Open the appointment</a></p>"));
    }

    /** Someone answered a notification about a record by mail; the answer is now a comment on it. */
    public static Content replyReceived(String app, String appUrl, String authorName, RecordKind kind, long id,
            String title, String excerpt) {
        String link = link(appUrl, kind, id);
        String what = "the " + kind.key() + " \"" + title + "\"";
        return new Content("[" + app + "] Reply about " + title,
                authorName + " replied about " + what + ":\n\n" + excerpt + "\n\n"
                        + (link == null ? "" : "Open it: " + link + "\n"),
                "<p>" + html(authorName) + " replied about the " + html(kind.key()) + " <strong>" + html(title)
                        + "</strong>:</p><blockquote>" + html(excerpt).replace("\n", "<br>") + "</blockquote>"
                        + (link == null ? "" : "<p><a href=\"" + html(link) + "\">Open the " + html(kind.key())
                        + "</a></p>"));
    }

    /**
     * The mail with the link that confirms an address: who added it, and what happens if it is not confirmed, so
     * that someone whose address another user typed in knows to ignore it.
     */
    public static Content addressConfirmation(String app, String link, String ownerName, String username,
            String address, String validFor) {
        String who = ownerName + " (user " + username + ")";
        return new Content("[" + app + "] Confirm your email address " + address,
                who + " added " + address + " to their contact record in " + app + ".\n\n"
                        + "If that was you, confirm that the address is yours: open this link, signed in as "
                        + username + ", within " + validFor + ":\n" + link + "\n\n"
                        + "If it was not you, ignore this mail: until it is confirmed, " + app
                        + " sends no notifications to this address and never uses it as a sender.\n",
                "<p>" + html(who) + " added <strong>" + html(address) + "</strong> to their contact record in "
                        + html(app) + ".</p>"
                        + "<p>If that was you, confirm that the address is yours: open this link, signed in as "
                        + html(username) + ", within " + html(validFor) + ":</p>"
                        + "<p><a href=\"" + html(link) + "\">Confirm " + html(address) + "</a></p>"
                        + "<p>If it was not you, ignore this mail: until it is confirmed, " + html(app)
                        + " sends no notifications to this address and never uses it as a sender.</p>");
    }

    /** The page that confirms an address, under the Application URL, or {@code null} without one. */
    public static String confirmationLink(String appUrl, String token) {
        if (appUrl == null || appUrl.isBlank()) {
            return null;
        }
        return (appUrl.endsWith("/") ? appUrl : appUrl + "/") + "verify.xhtml?token=" + token;
    }

    /** The address of a record's page under the Application URL, or {@code null} without one. */
    static String link(String appUrl, RecordKind kind, long id) {
        if (appUrl == null || appUrl.isBlank()) {
            return null;
        }
        return (appUrl.endsWith("/") ? appUrl : appUrl + "/") + kind.page() + ".xhtml?id=" + id;
    }
}
