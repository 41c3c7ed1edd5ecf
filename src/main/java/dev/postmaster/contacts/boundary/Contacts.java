package dev.postmaster.contacts.boundary;

import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.contacts.entity.ContactEmail;
import dev.postmaster.validation.Rules;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Validator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The contacts: create, read, change, deactivate. Addresses are checked with the one mail-address rule, and a
 * contact always has exactly one default address once it has any.
 *
 * <p>Who makes a change decides what an address it adds is worth. An administrator's addresses (the Users and
 * Contacts pages, {@code /api/users}, {@code /api/contacts}) are verified at once: {@link #create},
 * {@link #update}. An address that people add to their own contact ({@link #createOwn}, {@link #updateOwn})
 * waits for confirmation through a link mailed to it, so that nobody can send as an address they cannot read.
 * An address that was there already keeps its state either way.
 */
@Stateless
public class Contacts {

    /** The most addresses one contact can have. */
    public static final int MAX_ADDRESSES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    public List<Contact> all() {
        return em.createNamedQuery(Contact.ALL, Contact.class).getResultList();
    }

    public Optional<Contact> find(long id) {
        return Optional.ofNullable(em.find(Contact.class, id));
    }

    /**
     * A contact made by an administrator: its addresses are verified.
     *
     * @param emails the addresses; the first is the default unless {@code defaultEmail} names another
     * @throws IllegalArgumentException naming the address that is not valid
     */
    public Contact create(String firstName, String lastName, List<String> emails, String defaultEmail) {
        return persist(firstName, lastName, emails, defaultEmail, true);
    }

    /** A contact that its person makes for themselves: its addresses wait for confirmation. */
    public Contact createOwn(String firstName, String lastName, List<String> emails, String defaultEmail) {
        return persist(firstName, lastName, emails, defaultEmail, false);
    }

    /** An administrator changes a contact: the addresses they add are verified. */
    public Contact update(long id, String firstName, String lastName, List<String> emails, String defaultEmail) {
        return change(id, firstName, lastName, emails, defaultEmail, true);
    }

    /** People change their own contact: the addresses they add wait for confirmation. */
    public Contact updateOwn(long id, String firstName, String lastName, List<String> emails,
            String defaultEmail) {
        return change(id, firstName, lastName, emails, defaultEmail, false);
    }

    public Contact setActive(long id, boolean active) {
        Contact contact = existing(id);
        contact.setActive(active);
        return contact;
    }

    /**
     * An administrator vouches for an address that waits for confirmation.
     *
     * @throws IllegalArgumentException when the address is not the contact's
     */
    public Contact markVerified(long id, String address) {
        Contact contact = existing(id);
        contact.markVerified(address);
        return contact;
    }

    /**
     * Starts a confirmation of {@code address}: a new random nonce for the link about to be mailed, which replaces
     * any earlier link's.
     *
     * @return the nonce, for the link to carry
     * @throws IllegalArgumentException when the address is not the contact's, or is verified already
     */
    public String startConfirmation(long id, String address, Instant now) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String hex = HexFormat.of().formatHex(nonce);
        existing(id).startConfirmation(address, hex, now);
        return hex;
    }

    /**
     * Verifies {@code address} when {@code nonce} is its newest link's.
     *
     * @return whether it is verified now
     */
    public boolean confirm(long id, String address, String nonce) {
        return find(id).map(contact -> contact.confirm(address, nonce)).orElse(false);
    }

    private Contact existing(long id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("No contact " + id));
    }

    private Contact persist(String firstName, String lastName, List<String> emails, String defaultEmail,
            boolean verified) {
        Contact contact = new Contact(firstName, lastName);
        setEmails(contact, emails, defaultEmail, verified);
        em.persist(Rules.check(validator, contact));
        return contact;
    }

    private Contact change(long id, String firstName, String lastName, List<String> emails, String defaultEmail,
            boolean verified) {
        Contact contact = existing(id);
        contact.rename(firstName, lastName);
        setEmails(contact, emails, defaultEmail, verified);
        Rules.check(validator, contact);
        return contact;
    }

    private static void setEmails(Contact contact, List<String> emails, String defaultEmail, boolean verified) {
        List<String> wanted = emails == null ? List.of()
                : emails.stream().map(String::strip).filter(e -> !e.isEmpty()).distinct().toList();
        if (wanted.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("A contact can have at most " + MAX_ADDRESSES + " addresses");
        }
        for (String address : wanted) {
            if (!ContactEmail.isValid(address)) {
                throw new IllegalArgumentException("\"" + address + "\" is not one email address");
            }
        }
        contact.getEmails().stream().map(ContactEmail::getAddress)
                .filter(existing -> wanted.stream().noneMatch(existing::equalsIgnoreCase))
                .toList().forEach(contact::removeEmail);
        wanted.forEach(address -> contact.addEmail(address, verified));
        if (defaultEmail != null && !defaultEmail.isBlank()) {
            if (wanted.stream().noneMatch(defaultEmail.strip()::equalsIgnoreCase)) {
                throw new IllegalArgumentException("The default address must be one of the contact's addresses");
            }
            contact.makeDefault(defaultEmail.strip());
        }
    }
}
