package dev.postmaster.console;

import dev.postmaster.contacts.boundary.Contacts;
import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.security.boundary.ActiveUser;
import dev.postmaster.security.boundary.UserAccounts;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Optional;

/**
 * Backs {@code contact.xhtml}, "Me › My contact": the signed-in user's own contact record, its name and addresses,
 * and which address is the default. That default is where their notifications go and, with Use System Reply off,
 * what notifications they trigger are sent from, so a user must be able to see and fix it without an
 * administrator. A user without a contact record gets one on the first save.
 */
@Named
@ViewScoped
public class ContactBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "contact";

    @Inject
    ActiveUser activeUser;

    @Inject
    UserAccounts accounts;

    @Inject
    Contacts contacts;

    private Long contactId;
    private ContactForm contact;
    private String savedDefault;

    @PostConstruct
    void load() {
        Optional<Contact> own = activeUser.contact();
        contactId = own.map(Contact::getId).orElse(null);
        contact = own.map(ContactForm::of).orElseGet(ContactForm::blank);
        savedDefault = own.flatMap(Contact::defaultEmail).orElse(null);
    }

    public void save() {
        if (!contact.check(FORM)) {
            Messages.error(null, "Nothing was saved. Correct the fields marked below.");
            return;
        }
        try {
            Contact saved = contactId == null
                    ? accounts.createContact(activeUser.getUsername(), contact.getFirstName(), contact.getLastName(),
                            contact.emails(), contact.defaultEmail())
                    : contacts.update(contactId, contact.getFirstName(), contact.getLastName(), contact.emails(),
                            contact.defaultEmail());
            contactId = saved.getId();
            contact = ContactForm.of(saved);
            savedDefault = saved.defaultEmail().orElse(null);
            Messages.info(savedDefault == null
                    ? "Saved. You have no email address yet, so notifications cannot reach you."
                    : "Saved. Your default email address is " + savedDefault + ".");
        } catch (RuntimeException e) {
            Messages.refused(e, null);
        }
    }


    public ContactForm getContact() {
        return contact;
    }

    /** The default address as stored (not as being edited), or {@code null}. */
    public String getSavedDefault() {
        return savedDefault;
    }

    public boolean isNew() {
        return contactId == null;
    }
}
