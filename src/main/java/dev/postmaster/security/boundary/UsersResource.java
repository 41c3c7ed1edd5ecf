package dev.postmaster.security.boundary;

import dev.postmaster.api.Allowed;
import dev.postmaster.api.Problem;
import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.security.entity.Role;
import dev.postmaster.security.entity.UserAccount;
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
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /api/users}: logins, their role and their contact. Passwords go in, never out. */
@Path("users")
@RequestScoped
@Allowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    /**
     * A user as the API shows and takes it; {@code password} is only read, never written back.
     *
     * @param role "admin", "user" or "metrics" (an account for a monitoring system, which may only read
     *             {@code /metrics})
     */
    public record UserJson(String username, String password, String role, Boolean enabled, String firstName,
            String lastName, String email) {

        static UserJson of(UserAccount u) {
            Contact c = u.contact().orElse(null);
            return new UserJson(u.getUsername(), null, u.getRole().name().toLowerCase(Locale.ROOT), u.isEnabled(),
                    c == null ? null : c.getFirstName(), c == null ? null : c.getLastName(),
                    c == null ? null : c.defaultEmail().orElse(null));
        }
    }

    @Inject
    UserAccounts accounts;

    @Inject
    ActiveUser activeUser;

    @GET
    public List<UserJson> all() {
        return accounts.all().stream().map(UserJson::of).toList();
    }

    @GET
    @Path("{username}")
    public UserJson one(@PathParam("username") String username) {
        return accounts.find(username).map(UserJson::of).orElseThrow(() -> Problem.notFound("User " + username));
    }

    @POST
    public Response create(UserJson body) {
        if (body == null) {
            throw Problem.invalid("Send the user as JSON");
        }
        UserAccount created = accounts.create(body.username(), body.password(), role(body.role()),
                body.firstName(), body.lastName(), body.email());
        return Response.created(URI.create("users/" + created.getUsername())).entity(UserJson.of(created)).build();
    }

    /** Changes the role, the enabled flag or the password; what is absent stays as it is. */
    @PUT
    @Path("{username}")
    public UserJson update(@PathParam("username") String username, UserJson body) {
        one(username);
        if (body == null) {
            throw Problem.invalid("Send the changes as JSON");
        }
        if (body.role() != null) {
            accounts.setRole(activeUser.getUsername(), username, role(body.role()));
        }
        if (body.enabled() != null) {
            accounts.setEnabled(activeUser.getUsername(), username, body.enabled());
        }
        if (body.password() != null) {
            accounts.changePassword(username, body.password());
        }
        return one(username);
    }

    @POST
    @Path("{username}/deactivate")
    public UserJson deactivate(@PathParam("username") String username) {
        one(username);
        return UserJson.of(accounts.setEnabled(activeUser.getUsername(), username, false));
    }

    private static Role role(String role) {
        if (role == null) {
            return Role.USER;
        }
        return switch (role.strip().toLowerCase(Locale.ROOT)) {
            case "admin" -> Role.ADMIN;
            case "user" -> Role.USER;
            case "metrics" -> Role.METRICS;
            default -> throw Problem.invalid("role must be \"admin\", \"user\" or \"metrics\"");
        };
    }

    /** A refused account change as a problem: 409 for a taken user name, else 400 with a message per field. */
    @Provider
    public static class Refusals implements ExceptionMapper<AccountRefused> {
        @Override
        public Response toResponse(AccountRefused refused) {
            return refused.isConflict()
                    ? Problem.response(409, "Conflict", refused.getMessage(), Map.of())
                    : Problem.response(400, "Invalid request", refused.getMessage(), refused.problems());
        }
    }

    /** An administrator locking themselves out is a conflict with who they are. */
    @Provider
    public static class SelfLockouts implements ExceptionMapper<SelfLockoutRefused> {
        @Override
        public Response toResponse(SelfLockoutRefused refused) {
            return Problem.response(409, "Conflict", refused.getMessage(), Map.of());
        }
    }
}
