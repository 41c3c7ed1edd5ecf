package dev.postmaster.work.boundary;

import dev.postmaster.api.Allowed;
import dev.postmaster.api.Problem;
import dev.postmaster.security.boundary.ActiveUser;
import dev.postmaster.security.boundary.UserAccounts;
import dev.postmaster.work.entity.Appointment;
import dev.postmaster.work.entity.Project;
import dev.postmaster.work.entity.Task;
import dev.postmaster.work.entity.WorkLimits;
import dev.postmaster.work.entity.TaskStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/tasks}, {@code /api/projects} and {@code /api/appointments}: the work that triggers notifications,
 * for any signed-in user. The caller is the actor, so they are not mailed about their own changes.
 */
public final class WorkResources {

    private WorkResources() {
    }

    /** What every work resource needs: the caller, and a check that the people named exist. */
    abstract static class Base {

        @Inject
        ActiveUser activeUser;

        @Inject
        UserAccounts accounts;

        String actor() {
            return activeUser.getUsername();
        }

        /** Every name must be a user's: one look-up for all of them (a project may name 1,000 people). */
        void requireUsers(Collection<String> usernames) {
            List<String> names = usernames == null ? List.of() : new java.util.ArrayList<>(usernames);
            if (names.isEmpty()) {
                return;
            }
            if (names.contains(null)) {
                throw Problem.invalid("There is no user named null");
            }
            java.util.Set<String> found = accounts.existing(names);
            for (String username : names) {
                if (!found.contains(username.strip())) {
                    throw Problem.invalid("There is no user named " + username);
                }
            }
        }

        static String required(String value, String name) {
            if (value == null || value.isBlank()) {
                throw Problem.invalid(name + " is required");
            }
            return value.strip();
        }
    }

    /** A task in the API. */
    public record TaskJson(Long id, String title, LocalDate dueDate, String assignee, String status) {
        static TaskJson of(Task t) {
            return new TaskJson(t.getId(), t.getTitle(), t.getDueDate(), t.getAssignee(), t.getStatus().name());
        }
    }

    /** The body of an assignment: the new assignee, or {@code null} for nobody. */
    public record AssigneeJson(String assignee) {
    }

    /** {@code /api/tasks}. */
    @Path("tasks")
    @RequestScoped
    @Allowed("user")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public static class TasksResource extends Base {

        @Inject
        Tasks tasks;

        @GET
        public List<TaskJson> all() {
            return tasks.all().stream().map(TaskJson::of).toList();
        }

        @GET
        @Path("{id}")
        public TaskJson one(@PathParam("id") long id) {
            return tasks.find(id).map(TaskJson::of).orElseThrow(() -> Problem.notFound("Task " + id));
        }

        @POST
        public Response create(TaskJson body) {
            if (body == null) {
                throw Problem.invalid("Send the task as JSON");
            }
            String title = required(body.title(), "title");
            if (body.assignee() != null) {
                requireUsers(List.of(body.assignee()));
            }
            Task task = tasks.create(title, body.dueDate(), body.assignee(), actor());
            return Response.created(URI.create("tasks/" + task.getId())).entity(TaskJson.of(task)).build();
        }

        @PUT
        @Path("{id}")
        public TaskJson change(@PathParam("id") long id, TaskJson body) {
            one(id);
            if (body == null) {
                throw Problem.invalid("Send the task as JSON");
            }
            if (body.assignee() != null) {
                requireUsers(List.of(body.assignee()));
            }
            return TaskJson.of(tasks.update(id, required(body.title(), "title"), body.dueDate(), status(body.status()),
                    body.assignee(), actor()));
        }

        @PUT
        @Path("{id}/assignee")
        public TaskJson assign(@PathParam("id") long id, AssigneeJson body) {
            one(id);
            String assignee = body == null ? null : body.assignee();
            if (assignee != null) {
                requireUsers(List.of(assignee));
            }
            return TaskJson.of(tasks.assign(id, assignee, actor()));
        }

        @POST
        @Path("{id}/cancel")
        public TaskJson cancel(@PathParam("id") long id) {
            Task task = tasks.find(id).orElseThrow(() -> Problem.notFound("Task " + id));
            return TaskJson.of(tasks.update(id, task.getTitle(), task.getDueDate(), TaskStatus.CANCELLED,
                    task.getAssignee(), actor()));
        }

        private static TaskStatus status(String status) {
            if (status == null) {
                return null;
            }
            try {
                return TaskStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Problem.invalid("status must be one of OPEN, IN_PROGRESS, DONE, CANCELLED");
            }
        }
    }

    /** A project in the API. */
    public record ProjectJson(Long id, String name, List<String> members) {
        static ProjectJson of(Project p) {
            return new ProjectJson(p.getId(), p.getName(), p.getMembers().stream().sorted().toList());
        }
    }

    /** A member or attendee to add. */
    public record PersonJson(String username) {
    }

    /** {@code /api/projects}. */
    @Path("projects")
    @RequestScoped
    @Allowed("user")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public static class ProjectsResource extends Base {

        @Inject
        Projects projects;

        @GET
        public List<ProjectJson> all() {
            return projects.all().stream().map(ProjectJson::of).toList();
        }

        @GET
        @Path("{id}")
        public ProjectJson one(@PathParam("id") long id) {
            return projects.find(id).map(ProjectJson::of).orElseThrow(() -> Problem.notFound("Project " + id));
        }

        @POST
        public Response create(ProjectJson body) {
            if (body == null) {
                throw Problem.invalid("Send the project as JSON");
            }
            String name = required(body.name(), "name");
            List<String> members = WorkLimits.people(body.members(), "project");
            requireUsers(members);
            Project project = projects.create(name, members, actor());
            return Response.created(URI.create("projects/" + project.getId())).entity(ProjectJson.of(project))
                    .build();
        }

        @POST
        @Path("{id}/members")
        public ProjectJson addMember(@PathParam("id") long id, PersonJson body) {
            one(id);
            String member = body == null ? null : body.username();
            requireUsers(Collections.singletonList(member));
            return ProjectJson.of(projects.addMember(id, member, actor()));
        }
    }

    /** An appointment in the API. */
    public record AppointmentJson(Long id, String title, LocalDateTime start, LocalDateTime end, String location,
            List<String> attendees, Boolean cancelled) {
        static AppointmentJson of(Appointment a) {
            return new AppointmentJson(a.getId(), a.getTitle(), a.getStart(), a.getEnd(), a.getLocation(),
                    a.getAttendees().stream().sorted().toList(), a.isCancelled());
        }
    }

    /** {@code /api/appointments}. */
    @Path("appointments")
    @RequestScoped
    @Allowed("user")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public static class AppointmentsResource extends Base {

        @Inject
        Appointments appointments;

        @GET
        public List<AppointmentJson> all() {
            return appointments.all().stream().map(AppointmentJson::of).toList();
        }

        @GET
        @Path("{id}")
        public AppointmentJson one(@PathParam("id") long id) {
            return appointments.find(id).map(AppointmentJson::of)
                    .orElseThrow(() -> Problem.notFound("Appointment " + id));
        }

        @POST
        public Response create(AppointmentJson body) {
            if (body == null) {
                throw Problem.invalid("Send the appointment as JSON");
            }
            List<String> attendees = WorkLimits.people(body.attendees(), "appointment");
            requireUsers(attendees);
            Appointment created = appointments.create(required(body.title(), "title"), body.start(), body.end(),
                    body.location(), attendees, actor());
            return Response.created(URI.create("appointments/" + created.getId()))
                    .entity(AppointmentJson.of(created)).build();
        }

        @PUT
        @Path("{id}")
        public AppointmentJson change(@PathParam("id") long id, AppointmentJson body) {
            one(id);
            if (body == null) {
                throw Problem.invalid("Send the appointment as JSON");
            }
            try {
                return AppointmentJson.of(appointments.change(id, required(body.title(), "title"), body.start(),
                        body.end(), body.location(), actor()));
            } catch (AppointmentCancelled closed) {
                throw new Problem(409, "Conflict", closed.getMessage());
            }
        }

        @POST
        @Path("{id}/attendees")
        public AppointmentJson addAttendee(@PathParam("id") long id, PersonJson body) {
            one(id);
            String attendee = body == null ? null : body.username();
            requireUsers(Collections.singletonList(attendee));
            try {
                return AppointmentJson.of(appointments.addAttendee(id, attendee, actor()));
            } catch (AppointmentCancelled closed) {
                throw new Problem(409, "Conflict", closed.getMessage());
            }
        }

        @POST
        @Path("{id}/cancel")
        public AppointmentJson cancel(@PathParam("id") long id) {
            one(id);
            return AppointmentJson.of(appointments.cancel(id, actor()));
        }
    }
}
