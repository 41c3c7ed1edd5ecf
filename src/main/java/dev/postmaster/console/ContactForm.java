package dev.postmaster.console;

import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.contacts.entity.ContactEmail;
import jakarta.faces.component.UINamingContainer;
import jakarta.faces.context.FacesContext;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A contact's name and addresses as a form edits them, shared by "My contact" and Admin › Contacts through
 * {@code WEB-INF/includes/contact-fields.xhtml}. Rows can be added, removed and made the default without a round
 * of validation, so a half-typed address never blocks "Add address"; {@link #check} runs on save and puts each
 * problem beside its own row. The addresses are checked with the one mail-address rule; {@code Contacts} checks
 * them again when they are stored.
 */
public class ContactForm implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_NAME = 100;

    /**
     * One address row; the form makes sure at most one is the default. A row read from the contact remembers the
     * address as stored and whether it is verified, so the page can show its state while the row still holds it.
     */
    public static class Address implements Serializable {

        private static final long serialVersionUID = 1L;
        private String value;
        private boolean preferred;
        private final String stored;
        private boolean verified;

        Address(String value, boolean preferred) {
            this(value, preferred, null, false);
        }

        Address(String value, boolean preferred, String stored, boolean verified) {
            this.value = value;
            this.preferred = preferred;
            this.stored = stored;
            this.verified = verified;
        }

        /** The address this row holds as it is stored, or {@code null} when the row is new or was changed. */
        public String getStored() {
            return stored != null && value != null && stored.equalsIgnoreCase(value.strip()) ? stored : null;
        }

        public boolean isVerified() {
            return getStored() != null && verified;
        }

        /** Whether the row holds a stored address that waits for its owner's confirmation. */
        public boolean isWaiting() {
            return getStored() != null && !verified;
        }

        public String getValue() {
            return value;
        }

        public void setValue(String value) {
            this.value = value;
        }

        public boolean isPreferred() {
            return preferred;
        }
    }

    private String firstName;
    private String lastName;
    private final List<Address> addresses = new ArrayList<>();

    /** An empty form with one empty address row. */
    public static ContactForm blank() {
        ContactForm form = new ContactForm();
        form.addAddress();
        return form;
    }

    public static ContactForm of(Contact contact) {
        ContactForm form = new ContactForm();
        form.firstName = contact.getFirstName();
        form.lastName = contact.getLastName();
        for (ContactEmail email : contact.getEmails()) {
            form.addresses.add(new Address(email.getAddress(), email.isPreferred(), email.getAddress(),
                    email.isVerified()));
        }
        if (form.addresses.isEmpty()) {
            form.addAddress();
        }
        return form;
    }

    public void addAddress() {
        addresses.add(new Address(null, addresses.isEmpty()));
    }

    /** Removes a row; when it was the default, the first remaining row becomes the default. */
    public void remove(Address address) {
        addresses.remove(address);
        if (address.preferred && !addresses.isEmpty()) {
            addresses.get(0).preferred = true;
        }
    }

    /** Shows the stored {@code address} as verified, as it is now (an administrator vouched for it). */
    public void showVerified(String address) {
        addresses.stream().filter(row -> row.stored != null && row.stored.equalsIgnoreCase(address))
                .forEach(row -> row.verified = true);
    }

    public void makeDefault(Address address) {
        addresses.forEach(row -> row.preferred = row == address);
    }

    /** The addresses typed in, in order, without empty rows. */
    public List<String> emails() {
        return addresses.stream().map(Address::getValue).filter(v -> v != null && !v.isBlank()).map(String::strip)
                .toList();
    }

    /** The address of the default row, or the first address when the default row is empty. */
    public String defaultEmail() {
        return addresses.stream().filter(a -> a.preferred && a.value != null && !a.value.isBlank())
                .map(a -> a.value.strip()).findFirst()
                .orElse(emails().isEmpty() ? null : emails().get(0));
    }

    /**
     * Checks what the page can before anything is stored, and puts each problem beside its field: a name is
     * required, and every address must be one valid address, listed once.
     *
     * @param formId the id of the form the fields are in
     * @return whether everything is fine
     */
    public boolean check(String formId) {
        FacesContext faces = FacesContext.getCurrentInstance();
        char separator = UINamingContainer.getSeparatorChar(faces);
        boolean valid = true;
        if (isBlank(firstName) && isBlank(lastName)) {
            Messages.error(formId + separator + "firstName", "Enter a first or a last name");
            valid = false;
        }
        valid &= shortEnough(firstName, formId + separator + "firstName");
        valid &= shortEnough(lastName, formId + separator + "lastName");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < addresses.size(); i++) {
            String value = addresses.get(i).value;
            String field = formId + separator + "addresses" + separator + i + separator + "address";
            if (isBlank(value)) {
                continue;
            }
            if (!ContactEmail.isValid(value.strip())) {
                Messages.error(field, "Enter one email address such as name@example.com");
                valid = false;
            } else if (!seen.add(value.strip().toLowerCase(Locale.ROOT))) {
                Messages.error(field, "This address is already listed above");
                valid = false;
            }
        }
        return valid;
    }

    private static boolean shortEnough(String name, String clientId) {
        if (name != null && name.length() > MAX_NAME) {
            Messages.error(clientId, "Use at most " + MAX_NAME + " characters");
            return false;
        }
        return true;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public List<Address> getAddresses() {
        return addresses;
    }
}
