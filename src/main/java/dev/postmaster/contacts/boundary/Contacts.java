package dev.postmaster.contacts.boundary;

import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.contacts.entity.ContactEmail;
import dev.postmaster.validation.Rules;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Optional;

/**
 * The contacts: create, read, change, deactivate. Addresses are checked with the one mail-address rule, and a
 * contact always has exactly one default address once it has any.
 */
@Stateless
public class Contacts {

    /** The most addresses one contact can have. */
    public static final int MAX_ADDRESSES = 20;

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
     * @param emails the addresses; the first is the default unless {@code defaultEmail} names another
     * @throws IllegalArgumentException naming the address that is not valid
     */
    public Contact create(String firstName, String lastName, List<String> emails, String defaultEmail) {
        Contact contact = new Contact(firstName, lastName);
        setEmails(contact, emails, defaultEmail);
        em.persist(Rules.check(validator, contact));
        return contact;
    }

    public Contact update(long id, String firstName, String lastName, List<String> emails, String defaultEmail) {
        Contact contact = find(id).orElseThrow(() -> new IllegalArgumentException("No contact " + id));
        contact.rename(firstName, lastName);
        setEmails(contact, emails, defaultEmail);
        Rules.check(validator, contact);
        return contact;
    }

    public Contact setActive(long id, boolean active) {
        Contact contact = find(id).orElseThrow(() -> new IllegalArgumentException("No contact " + id));
        contact.setActive(active);
        return contact;
    }

    private static void setEmails(Contact contact, List<String> emails, String defaultEmail) {
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
        wanted.forEach(contact::addEmail);
        if (defaultEmail != null && !defaultEmail.isBlank()) {
            if (wanted.stream().noneMatch(defaultEmail.strip()::equalsIgnoreCase)) {
                throw new IllegalArgumentException("The default address must be one of the contact's addresses");
            }
            contact.makeDefault(defaultEmail.strip());
        }
    }
}
