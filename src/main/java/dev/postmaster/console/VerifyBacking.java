package dev.postmaster.console;

import dev.postmaster.notification.boundary.AddressConfirmations;
import dev.postmaster.notification.boundary.AddressConfirmations.Confirmation;
import dev.postmaster.notification.boundary.AddressConfirmations.Outcome;
import dev.postmaster.security.boundary.ActiveUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Backs {@code verify.xhtml}, where the link in an address confirmation mail leads. Like every console page it
 * needs a sign-in (the link survives it), and it confirms an address only for the user whose contact it is on:
 * see {@link AddressConfirmations} for why. Every outcome, a link that expired, was changed, replaced or used
 * already included, is said in words, with what to do next.
 */
@Named
@RequestScoped
public class VerifyBacking {

    @Inject
    ActiveUser activeUser;

    @Inject
    AddressConfirmations confirmations;

    private String token;
    private Outcome outcome;
    private String message;

    /** The page's view action: opens the link once, on the GET that the mail's link makes. */
    public void confirm() {
        Confirmation confirmation = confirmations.confirm(token, activeUser.getUsername());
        outcome = confirmation.outcome();
        String address = confirmation.address();
        String hours = AddressConfirmations.LINK_VALID_FOR.toHours() + " hours";
        message = switch (outcome) {
            case VERIFIED -> address + " is verified. Notifications can go to it, and when it is your default"
                    + " address, notifications you trigger may be sent from it.";
            case ALREADY_VERIFIED -> "This link was used already: " + address + " is verified. Nothing else to do.";
            case EXPIRED -> "This link has expired: links work for " + hours + ". " + address + " is not verified;"
                    + " send a new link from Me › My contact.";
            case REPLACED -> "A newer link was mailed to " + address + " after this one, and only the newest link"
                    + " works. Open the link in the latest mail, or send a new one from Me › My contact.";
            case INVALID -> "This link is not valid: it may have been cut short or changed. Open the whole link"
                    + " from the mail, or send a new one from Me › My contact.";
            case NOT_YOURS -> "This link confirms an address of another user's contact record, not yours (you"
                    + " are signed in as " + activeUser.getUsername() + "). Nothing was changed. If someone"
                    + " added your address to their record, ignore the mail.";
            case GONE -> address + " is no longer one of your addresses, so there is nothing to confirm.";
            case KEY_UNREADABLE -> "The link cannot be checked now: the application's secret key cannot be read."
                    + " Tell an administrator.";
        };
        activeUser.reload();
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public boolean isVerified() {
        return outcome == Outcome.VERIFIED || outcome == Outcome.ALREADY_VERIFIED;
    }

    public String getMessage() {
        return message;
    }
}
