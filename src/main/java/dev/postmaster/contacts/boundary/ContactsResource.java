package dev.postmaster.contacts.boundary;

import dev.postmaster.api.Problem;
import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.contacts.entity.ContactEmail;
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

/**
 * {@code /api/contacts}: contacts for administrators and integrators. The addresses an administrator sets here
 * are verified; {@code unverifiedEmails} lists those that people added to their own contact and have not yet
 * confirmed, and {@code POST {id}/verify} vouches for one of them.
 */
@Path("contacts")
@RequestScoped
@Allowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactsResource {

    /**
     * A contact as the API shows and takes it.
     *
     * @param emails all addresses; {@code defaultEmail} must be one of them (the first when omitted)
     * @param unverifiedEmails those of {@code emails} that wait for their owner's confirmation (only shown: what
     *        is sent here is ignored)
     */
    public record ContactJson(Long id, String firstName, String lastName, List<String> emails, String defaultEmail,
            Boolean active, List<String> unverifiedEmails) {

        static ContactJson of(Contact c) {
            return new ContactJson(c.getId(), c.getFirstName(), c.getLastName(),
                    c.getEmails().stream().map(ContactEmail::getAddress).toList(), c.defaultEmail().orElse(null),
                    c.isActive(), c.getEmails().stream().filter(e -> !e.isVerified()).map(ContactEmail::getAddress)
                            .toList());
        }
    }

    /** The address an administrator vouches for. */
    public record AddressJson(String email) {
    }

    @Inject
    Contacts contacts;

    @GET
    public List<ContactJson> all() {
        return contacts.all().stream().map(ContactJson::of).toList();
    }

    @GET
    @Path("{id}")
    public ContactJson one(@PathParam("id") long id) {
        return contacts.find(id).map(ContactJson::of).orElseThrow(() -> Problem.notFound("Contact " + id));
    }

    @POST
    public Response create(ContactJson body) {
        ContactJson json = required(body);
        Contact created = contacts.create(json.firstName(), json.lastName(), json.emails(), json.defaultEmail());
        return Response.created(URI.create("contacts/" + created.getId())).entity(ContactJson.of(created)).build();
    }

    @PUT
    @Path("{id}")
    public ContactJson update(@PathParam("id") long id, ContactJson body) {
        one(id);
        ContactJson json = required(body);
        return ContactJson.of(contacts.update(id, json.firstName(), json.lastName(), json.emails(),
                json.defaultEmail()));
    }

    @POST
    @Path("{id}/deactivate")
    public ContactJson deactivate(@PathParam("id") long id) {
        one(id);
        return ContactJson.of(contacts.setActive(id, false));
    }

    /** An administrator vouches for an address that waits for confirmation: it is verified without a link. */
    @POST
    @Path("{id}/verify")
    public ContactJson verify(@PathParam("id") long id, AddressJson body) {
        one(id);
        if (body == null || body.email() == null || body.email().isBlank()) {
            throw Problem.invalid("Send the address as {\"email\": \"...\"}");
        }
        return ContactJson.of(contacts.markVerified(id, body.email()));
    }

    private static ContactJson required(ContactJson body) {
        if (body == null) {
            throw Problem.invalid("Send the contact as JSON");
        }
        if ((body.firstName() == null || body.firstName().isBlank())
                && (body.lastName() == null || body.lastName().isBlank())) {
            throw Problem.invalid("A contact needs a first or a last name");
        }
        return body;
    }
}
