package dev.postmaster.security.boundary;

import dev.postmaster.api.Problem;
import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.security.entity.Role;
import dev.postmaster.security.entity.UserAccount;
import dev.postmaster.validation.MailAddress;
import dev.postmaster.api.Allowed;
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
import java.util.List;
import java.util.Locale;

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
     * @param role "admin" or "user"
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

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.SecurityContext security;

    private String caller() {
        return security.getUserPrincipal().getName();
    }

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
        if (body == null || body.username() == null || !UserAccounts.USERNAME.matcher(body.username()).matches()) {
            throw Problem.invalid("A user name of letters, digits, '.', '_' or '-' is required");
        }
        if (accounts.find(body.username()).isPresent()) {
            throw new Problem(409, "Conflict", "A user named " + body.username() + " already exists");
        }
        requirePassword(body.password());
        Contact contact = new Contact(body.firstName(), body.lastName());
        if (body.email() != null && !body.email().isBlank()) {
            if (!MailAddress.Validator.isAddress(body.email().strip())) {
                throw Problem.invalid("\"" + body.email() + "\" is not one email address");
            }
            contact.addEmail(body.email().strip());
        }
        UserAccount created = accounts.create(body.username(), body.password(), role(body.role()), contact);
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
        try {
            if (body.role() != null) {
                accounts.setRole(caller(), username, role(body.role()));
            }
            if (body.enabled() != null) {
                accounts.setEnabled(caller(), username, body.enabled());
            }
        } catch (SelfLockoutRefused e) {
            throw new Problem(409, "Conflict", e.getMessage());
        }
        if (body.password() != null) {
            requirePassword(body.password());
            accounts.changePassword(username, body.password());
        }
        return one(username);
    }

    @POST
    @Path("{username}/deactivate")
    public UserJson deactivate(@PathParam("username") String username) {
        one(username);
        try {
            return UserJson.of(accounts.setEnabled(caller(), username, false));
        } catch (SelfLockoutRefused e) {
            throw new Problem(409, "Conflict", e.getMessage());
        }
    }

    private static void requirePassword(String password) {
        if (password == null || password.length() < UserAccounts.MIN_PASSWORD_LENGTH) {
            throw Problem.invalid("A password of at least " + UserAccounts.MIN_PASSWORD_LENGTH
                    + " characters is required");
        }
    }

    private static Role role(String role) {
        if (role == null) {
            return Role.USER;
        }
        return switch (role.strip().toLowerCase(Locale.ROOT)) {
            case "admin" -> Role.ADMIN;
            case "user" -> Role.USER;
            default -> throw Problem.invalid("role must be \"admin\" or \"user\"");
        };
    }
}
