package dev.postmaster.console;

import dev.postmaster.contacts.boundary.Contacts;
import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.notification.boundary.AddressConfirmations;
import dev.postmaster.notification.boundary.AddressConfirmations.Sending;
import dev.postmaster.security.boundary.ActiveUser;
import dev.postmaster.security.boundary.UserAccounts;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Backs {@code contact.xhtml}, "Me › My contact": the signed-in user's own contact record, its name and addresses,
 * and which address is the default. That default is where their notifications go and, with Use System Reply off,
 * what notifications they trigger are sent from, so a user must be able to see and fix it without an
 * administrator. A user without a contact record gets one on the first save.
 *
 * <p>An address added here is the user's word only: it waits for confirmation, and each new one is mailed a link
 * ({@link AddressConfirmations}) at once. The page shows every address's state, and "Send the link again" mails a
 * new link.
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

    @Inject
    AddressConfirmations confirmations;

    private Long contactId;
    private ContactForm contact;
    private String savedDefault;

    @PostConstruct
    void load() {
        show(activeUser.contact());
    }

    private void show(Optional<Contact> own) {
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
                    ? accounts.createOwnContact(activeUser.getUsername(), contact.getFirstName(),
                            contact.getLastName(), contact.emails(), contact.defaultEmail())
                    : contacts.updateOwn(contactId, contact.getFirstName(), contact.getLastName(), contact.emails(),
                            contact.defaultEmail());
            savedDefault = saved.defaultEmail().orElse(null);
            Messages.info(savedDefault == null
                    ? "Saved. You have no email address yet, so notifications cannot reach you."
                    : "Saved. Your default email address is " + savedDefault + ".");
            tell(confirmations.sendPending(activeUser.getUsername()));
            reload();
        } catch (RuntimeException e) {
            Messages.refused(e, null);
        }
    }

    /** "Send the link again" beside an address that waits for confirmation. */
    public void sendLinkAgain(ContactForm.Address address) {
        if (address.getStored() == null) {
            Messages.error(null, "Save the address first: its link is mailed when it is saved.");
            return;
        }
        tell(List.of(confirmations.sendAgain(activeUser.getUsername(), address.getStored())));
    }

    private static void tell(List<Sending> sent) {
        for (Sending sending : sent) {
            if (sending.sent()) {
                Messages.info("A link to confirm " + sending.address() + " was mailed to it. Open it within "
                        + AddressConfirmations.LINK_VALID_FOR.toHours() + " hours; until then " + sending.address()
                        + " gets no notifications and nothing is sent from it.");
            } else {
                Messages.warn(sending.problem());
            }
        }
    }

    /** The form, the banner and the state of each address as now stored. */
    private void reload() {
        activeUser.reload();
        show(activeUser.contact());
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
