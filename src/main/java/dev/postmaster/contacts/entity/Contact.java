package dev.postmaster.contacts.entity;

import dev.postmaster.validation.SingleLine;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Version;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A person the application knows: a name and email addresses, exactly one of which is the default once there
 * are any. Adding the first address makes it the default; choosing another default clears the old one, so the
 * rule cannot be broken from outside.
 */
@Entity
@Table(name = "contact")
@NamedQuery(name = Contact.ALL, query = "select c from Contact c order by c.lastName, c.firstName, c.id")
public class Contact {

    public static final String ALL = "Contact.all";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "contact_ids")
    @TableGenerator(name = "contact_ids", table = "id_generator", pkColumnValue = "contact", allocationSize = 10)
    private Long id;

    @SingleLine
    @Size(max = 100, message = "Use at most 100 characters")
    @Column(name = "first_name", length = 100)
    private String firstName;

    @SingleLine
    @Size(max = 100, message = "Use at most 100 characters")
    @Column(name = "last_name", length = 100)
    private String lastName;

    @Valid
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "contact_email", joinColumns = @JoinColumn(name = "contact_id"))
    private List<ContactEmail> emails = new ArrayList<>();

    @Column(nullable = false)
    private boolean active = true;

    @Version
    private long version;

    protected Contact() {
        // for JPA
    }

    public Contact(String firstName, String lastName) {
        this.firstName = firstName;
        this.lastName = lastName;
    }

    /** Adds an address; the first one becomes the default. */
    public void addEmail(String address) {
        if (emails.stream().noneMatch(e -> e.getAddress().equalsIgnoreCase(address))) {
            emails.add(new ContactEmail(address, emails.isEmpty()));
        }
    }

    /** Makes {@code address} (one of this contact's) the default, and no other. */
    public void makeDefault(String address) {
        if (emails.stream().noneMatch(e -> e.getAddress().equalsIgnoreCase(address))) {
            throw new IllegalArgumentException(address + " is not one of this contact's addresses");
        }
        emails.forEach(e -> e.setPreferred(e.getAddress().equalsIgnoreCase(address)));
    }

    public Optional<String> defaultEmail() {
        return emails.stream().filter(ContactEmail::isPreferred).map(ContactEmail::getAddress).findFirst();
    }

    /** Replaces the name. */
    public void rename(String firstName, String lastName) {
        this.firstName = firstName;
        this.lastName = lastName;
    }

    /** Removes an address; if it was the default, the first remaining one becomes the default. */
    public void removeEmail(String address) {
        boolean wasDefault = defaultEmail().map(address::equalsIgnoreCase).orElse(false);
        emails.removeIf(e -> e.getAddress().equalsIgnoreCase(address));
        if (wasDefault && !emails.isEmpty()) {
            emails.get(0).setPreferred(true);
        }
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    /**
     * "First Last", as people and mail headers name this person; empty when neither name is on record. The one
     * place the two names are joined.
     */
    public String getFullName() {
        return ((firstName == null ? "" : firstName.strip()) + " " + (lastName == null ? "" : lastName.strip()))
                .strip();
    }

    /** The full name, else the default address, else "(no name)": something to call a contact by in messages. */
    public String getDisplayName() {
        String name = getFullName();
        return name.isEmpty() ? defaultEmail().orElse("(no name)") : name;
    }

    public Long getId() {
        return id;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public List<ContactEmail> getEmails() {
        return List.copyOf(emails);
    }
}
