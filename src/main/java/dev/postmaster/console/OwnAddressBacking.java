package dev.postmaster.console;

import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.security.boundary.ActiveUser;
import dev.postmaster.settings.boundary.SenderPolicy;
import dev.postmaster.settings.entity.MailSettings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;

/**
 * Backs what the console tells users about their own default address. The documented TeamConnect Email page's
 * "Important" note says users must verify the default email address in their contact record, because
 * notifications sent on their behalf need it when Use System Reply is off. Here that step is real: an address a
 * user added waits until they open the link mailed to it, and while their default does, the banner on every page
 * ({@code WEB-INF/templates/console.xhtml}) says so. A user without any default address is warned where they
 * assign others or invite them ({@code WEB-INF/includes/own-address-warning.xhtml}). Both say what the sender of
 * their notifications is under the settings running now (from the one {@link SenderPolicy}).
 */
@Named
@RequestScoped
public class OwnAddressBacking {

    @Inject
    ActiveUser activeUser;

    @Inject
    MailRuntime runtime;

    @Inject
    SenderPolicy senderPolicy;

    private boolean checked;
    private Contact checkedContact;
    private boolean missing;
    private String unverified;
    private String senderNow;

    /**
     * Works out the answers for the contact {@link ActiveUser} has now. Faces may ask before the request's action
     * runs (it checks {@code rendered} while it visits the page), so when that action saved the contact and had
     * the user read again, the answers are worked out again.
     */
    private void check() {
        Optional<Contact> contact = activeUser.contact();
        if (checked && contact.orElse(null) == checkedContact) {
            return;
        }
        checked = true;
        checkedContact = contact.orElse(null);
        senderNow = null;
        missing = contact.flatMap(Contact::defaultEmail).isEmpty();
        unverified = contact.filter(Contact::isDefaultEmailUnverified).flatMap(Contact::defaultEmail).orElse(null);
        MailSettings settings = runtime.current().settings();
        if ((missing || unverified != null) && settings != null) {
            SenderPolicy.Sender sender = senderPolicy.forActor(settings, new SenderPolicy.Actor(
                    contact.map(Contact::getFullName).orElse(null), null));
            senderNow = sender.canSend()
                    ? "With the settings running now, they are sent from " + sender.address().get().toUnicodeString()
                            + "."
                    : "With the settings running now, they cannot be sent at all: " + sender.reasonIfNone() + ".";
        }
    }

    /** Whether the signed-in user's contact record has no default email address. */
    public boolean isMissing() {
        check();
        return missing;
    }

    /** The signed-in user's default address when it waits for confirmation, else {@code null}. */
    public String getUnverified() {
        check();
        return unverified;
    }

    /** What the sender of this user's notifications is now, or {@code null} when no settings are active. */
    public String getSenderNow() {
        check();
        return senderNow;
    }
}
