package dev.postmaster.console.admin;

import dev.postmaster.console.ContactForm;
import dev.postmaster.console.Messages;
import dev.postmaster.contacts.boundary.Contacts;
import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.contacts.entity.ContactEmail;
import dev.postmaster.outbox.boundary.Outbox;
import dev.postmaster.outbox.entity.AddressBounce;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.primefaces.PrimeFaces;

/**
 * Backs {@code admin/contacts.xhtml}, "Admin Settings › Contacts": every contact with its addresses and default,
 * in a table to filter, sort and page; a dialog creates or edits one with the same fields as "My contact". The
 * addresses an administrator adds are verified; one that a user added to their own contact and has not confirmed
 * is shown as waiting, and "Mark verified" vouches for it. A contact is deactivated rather than deleted: a
 * deactivated contact gets no notifications, and the decision log still makes sense of the past.
 */
@Named
@ViewScoped
public class ContactsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String EDITOR = "editor";
    static final String TABLE_FORM = "contacts";

    /**
     * One row of the table.
     *
     * @param bouncing the contact's addresses that bounce so often that notifications to them are skipped
     * @param waiting the contact's addresses that wait for their owner's confirmation
     */
    public record Row(long id, String name, String defaultEmail, String otherEmails, boolean active,
            List<String> bouncing, List<String> waiting) implements Serializable {

        static Row of(Contact contact, Set<String> bouncingAddresses) {
            String name = contact.getFullName();
            String preferred = contact.defaultEmail().orElse("");
            return new Row(contact.getId(), name, preferred, contact.getEmails().stream()
                    .map(ContactEmail::getAddress).filter(address -> !address.equals(preferred))
                    .collect(Collectors.joining(", ")), contact.isActive(), contact.getEmails().stream()
                    .map(ContactEmail::getAddress)
                    .filter(address -> bouncingAddresses.contains(AddressBounce.key(address))).toList(),
                    contact.getEmails().stream().filter(e -> !e.isVerified()).map(ContactEmail::getAddress)
                            .toList());
        }

        public boolean isDefaultWaiting() {
            return waiting.contains(defaultEmail);
        }

        /** The other addresses that wait for confirmation. */
        public List<String> otherWaiting() {
            return waiting.stream().filter(address -> !address.equals(defaultEmail)).toList();
        }

        public String state() {
            return active ? "Active" : "Deactivated";
        }
    }

    @Inject
    Contacts contacts;

    @Inject
    Outbox outbox;

    private List<Row> rows;
    private List<Row> filtered;
    private Long editing;
    private ContactForm contact = ContactForm.blank();

    @PostConstruct
    void load() {
        Set<String> bouncing = outbox.bouncing().stream().map(AddressBounce::getAddress).collect(Collectors.toSet());
        rows = contacts.all().stream().map(contact -> Row.of(contact, bouncing)).toList();
    }

    public void startNew() {
        editing = null;
        contact = ContactForm.blank();
    }

    public void edit(long id) {
        editing = id;
        contact = ContactForm.of(contacts.find(id).orElseThrow());
    }

    public void save() {
        if (!contact.check(EDITOR)) {
            Messages.error(null, "Nothing was saved. Correct the fields marked below.");
            return;
        }
        try {
            Contact saved = editing == null
                    ? contacts.create(contact.getFirstName(), contact.getLastName(), contact.emails(),
                            contact.defaultEmail())
                    : contacts.update(editing, contact.getFirstName(), contact.getLastName(), contact.emails(),
                            contact.defaultEmail());
            load();
            Messages.info("Contact " + saved.getDisplayName() + " saved.");
            PrimeFaces.current().ajax().update(TABLE_FORM);
            PrimeFaces.current().executeScript("PF('editorDialog').hide()");
        } catch (RuntimeException e) {
            Messages.refused(e, null);
        }
    }

    /**
     * "Mark verified" beside an address that waits for its owner's confirmation: the administrator vouches for
     * it, and it is verified at once (the rest of the dialog is saved with Save, as before).
     */
    public void markVerified(ContactForm.Address address) {
        if (editing == null || address.getStored() == null) {
            Messages.error(null, "Save the address first: an address an administrator saves is verified.");
            return;
        }
        try {
            contacts.markVerified(editing, address.getStored());
            contact.showVerified(address.getStored());
            load();
            PrimeFaces.current().ajax().update(TABLE_FORM);
            Messages.info(address.getStored() + " is verified.");
        } catch (RuntimeException e) {
            Messages.refused(e, null);
        }
    }

    public void setActive(long id, boolean active) {
        try {
            Contact changed = contacts.setActive(id, active);
            load();
            Messages.info(active ? changed.getDisplayName() + " is active again."
                    : changed.getDisplayName() + " is deactivated and gets no notifications.");
        } catch (RuntimeException e) {
            Messages.refused(e, null);
        }
    }

    /** An administrator says mail to {@code address} works again: notifications to it are sent again. */
    public void clearBounce(String address) {
        outbox.clearBounce(address);
        load();
        Messages.info("The bounce mark of " + address + " is cleared: notifications to it are sent again.");
    }

    public List<Row> getRows() {
        return rows;
    }

    public List<Row> getFiltered() {
        return filtered;
    }

    public void setFiltered(List<Row> filtered) {
        this.filtered = filtered;
    }

    public boolean isCreating() {
        return editing == null;
    }

    public ContactForm getContact() {
        return contact;
    }
}
