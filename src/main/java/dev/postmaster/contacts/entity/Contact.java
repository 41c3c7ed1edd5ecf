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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A person the application knows: a name and email addresses, exactly one of which is the default once there
 * are any. Adding the first address makes it the default; choosing another default clears the old one, so the
 * rule cannot be broken from outside. Each address is verified or waiting for confirmation (see
 * {@link ContactEmail}); only a verified default address receives notifications or stands as a sender.
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

    /**
     * Adds an address; the first one becomes the default. An address already there keeps its state.
     *
     * @param verified whether it counts as the person's at once (an administrator set it), or must be confirmed
     */
    public void addEmail(String address, boolean verified) {
        if (email(address).isEmpty()) {
            emails.add(new ContactEmail(address, emails.isEmpty(), verified));
        }
    }

    /** This contact's address {@code address} (compared without case), if it is one. */
    public Optional<ContactEmail> email(String address) {
        return address == null ? Optional.empty()
                : emails.stream().filter(e -> e.getAddress().equalsIgnoreCase(address.strip())).findFirst();
    }

    /**
     * Starts the confirmation of {@code address} with a new link, whose {@code nonce} replaces any earlier one.
     *
     * @throws IllegalArgumentException when the address is not this contact's, or is verified already
     */
    public void startConfirmation(String address, String nonce, Instant at) {
        ContactEmail email = email(address).orElseThrow(() -> new IllegalArgumentException(
                address + " is not one of this contact's addresses"));
        if (email.isVerified()) {
            throw new IllegalArgumentException(email.getAddress() + " is verified already");
        }
        email.confirmationStarted(nonce, at);
    }

    /**
     * Verifies {@code address} when {@code nonce} is the one of its newest confirmation link.
     *
     * @return whether the address is verified now
     */
    public boolean confirm(String address, String nonce) {
        Optional<ContactEmail> email = email(address);
        if (email.isEmpty() || email.get().getConfirmationNonce() == null
                || !email.get().getConfirmationNonce().equals(nonce)) {
            return false;
        }
        email.get().verify();
        return true;
    }

    /**
     * An administrator vouches for {@code address}: it is verified without a link.
     *
     * @throws IllegalArgumentException when the address is not this contact's
     */
    public void markVerified(String address) {
        email(address).orElseThrow(() -> new IllegalArgumentException(address
                + " is not one of this contact's addresses")).verify();
    }

    /** Makes {@code address} (one of this contact's) the default, and no other. */
    public void makeDefault(String address) {
        if (emails.stream().noneMatch(e -> e.getAddress().equalsIgnoreCase(address))) {
            throw new IllegalArgumentException(address + " is not one of this contact's addresses");
        }
        emails.forEach(e -> e.setPreferred(e.getAddress().equalsIgnoreCase(address)));
    }

    /** The default address, verified or not: where the person expects their mail. */
    public Optional<String> defaultEmail() {
        return emails.stream().filter(ContactEmail::isPreferred).map(ContactEmail::getAddress).findFirst();
    }

    /**
     * The default address when it is verified: the only one notifications go to and that may stand as this
     * person's From address.
     */
    public Optional<String> verifiedDefaultEmail() {
        return emails.stream().filter(e -> e.isPreferred() && e.isVerified()).map(ContactEmail::getAddress)
                .findFirst();
    }

    /** Whether there is a default address that still waits for confirmation. */
    public boolean isDefaultEmailUnverified() {
        return emails.stream().anyMatch(e -> e.isPreferred() && !e.isVerified());
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
