package dev.postmaster.console;

import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.security.boundary.ActiveUser;
import dev.postmaster.settings.boundary.SenderPolicy;
import dev.postmaster.settings.entity.MailSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;

/**
 * Backs the warning on the pages where a user assigns others or invites them ({@code
 * WEB-INF/includes/own-address-warning.xhtml}). The documented TeamConnect Email page's "Important" note says
 * users must verify the default email address in their contact record, because notifications sent on their
 * behalf need it when Use System Reply is off; a user without one is told so where it matters, together with what
 * the sender of their notifications is under the settings running now (from the one {@link SenderPolicy}).
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

    private boolean missing;
    private String senderNow;

    @PostConstruct
    void check() {
        Optional<Contact> contact = activeUser.contact();
        missing = contact.flatMap(Contact::defaultEmail).isEmpty();
        MailSettings settings = runtime.current().settings();
        if (missing && settings != null) {
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
        return missing;
    }

    /** What the sender of this user's notifications is now, or {@code null} when no settings are active. */
    public String getSenderNow() {
        return senderNow;
    }
}
