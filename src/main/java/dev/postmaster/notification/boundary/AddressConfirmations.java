package dev.postmaster.notification.boundary;

import dev.postmaster.contacts.boundary.Contacts;
import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.contacts.entity.ContactEmail;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.notification.control.AddressTokens;
import dev.postmaster.notification.control.NotificationMail;
import dev.postmaster.notification.control.Templates;
import dev.postmaster.outbox.boundary.Outbox;
import dev.postmaster.security.boundary.UserAccounts;
import dev.postmaster.security.entity.UserAccount;
import dev.postmaster.settings.boundary.SecretUnreadableException;
import dev.postmaster.settings.boundary.SenderPolicy;
import dev.postmaster.settings.entity.MailSettings;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Makes an address that people add to their own contact theirs in fact: a mail to it carries a signed link
 * ({@link AddressTokens}) that is good for {@link #LINK_VALID_FOR}, for that one address, once, and only while it
 * is the newest link; opening it signed in as the contact's user verifies the address. Until then the address
 * gets no mail but this one and is never a sender (see {@link Notifier}).
 *
 * <p>The link works only for the signed-in owner. Without that, whoever receives the mail would confirm it with
 * one click: the colleague whose address someone typed in, or a mail scanner that opens every link. Signed in, a
 * person can only confirm an address for themselves, and a link that reaches someone else verifies nothing.
 *
 * <p>The confirmation is system mail: its sender is the Reply-To address of the Email settings, never the address
 * it is about, and it goes through the outbox like every mail.
 */
@Stateless
public class AddressConfirmations {

    /** How long a confirmation link works. */
    public static final Duration LINK_VALID_FOR = Duration.ofHours(48);
    /** How long after one link another may be asked for, so that nobody floods an address with them. */
    public static final Duration RESEND_AFTER = Duration.ofMinutes(1);
    /** The outbox kind of a confirmation mail. */
    public static final String KIND = "address-confirmation";

    /** What became of a confirmation mail: sent (queued in the outbox), or why not. */
    public record Sending(String address, boolean sent, String problem) {

        static Sending queued(String address) {
            return new Sending(address, true, null);
        }

        static Sending refused(String address, String problem) {
            return new Sending(address, false, problem);
        }
    }

    /** What opening a link did. */
    public enum Outcome {
        /** The address is verified now. */
        VERIFIED,
        /** The address was verified before: the link was used already, or an administrator vouched for it. */
        ALREADY_VERIFIED,
        /** The link is older than {@link #LINK_VALID_FOR}. */
        EXPIRED,
        /** A newer link was sent for the address; only that one works. */
        REPLACED,
        /** The link is not one of ours: cut short, changed, or made up. */
        INVALID,
        /** The link is for an address of another user's contact: nothing was changed. */
        NOT_YOURS,
        /** The address is no longer on the contact. */
        GONE,
        /** The secret key cannot be read, so no link can be checked. */
        KEY_UNREADABLE
    }

    /** The outcome, and the address it is about when the link named one. */
    public record Confirmation(Outcome outcome, String address) {
    }

    @Inject
    UserAccounts accounts;

    @Inject
    Contacts contacts;

    @Inject
    MailRuntime runtime;

    @Inject
    SenderPolicy senderPolicy;

    @Inject
    Outbox outbox;

    @Inject
    AddressTokens tokens;

    @Inject
    Logger log;

    @Resource
    SessionContext context;

    /**
     * Mails a link to each address of {@code username}'s contact that waits for confirmation and has never been
     * sent one: what saving "My contact" with new addresses calls for.
     */
    public List<Sending> sendPending(String username) {
        Optional<Contact> contact = ownContact(username);
        List<Sending> sent = new ArrayList<>();
        if (contact.isEmpty()) {
            return sent;
        }
        Instant now = Instant.now();
        for (ContactEmail email : contact.get().getEmails()) {
            if (!email.isVerified() && email.getConfirmationSentAt() == null) {
                sent.add(send(username, contact.get(), email.getAddress(), now));
            }
        }
        return sent;
    }

    /** "Send the link again": a new link to {@code address} of {@code username}'s contact, which replaces the old. */
    public Sending sendAgain(String username, String address) {
        Optional<Contact> contact = ownContact(username);
        Optional<ContactEmail> email = contact.flatMap(c -> c.email(address));
        if (email.isEmpty()) {
            return Sending.refused(address, address + " is not one of your addresses. Save it first.");
        }
        if (email.get().isVerified()) {
            return Sending.refused(email.get().getAddress(), email.get().getAddress() + " is verified already.");
        }
        Instant now = Instant.now();
        Instant last = email.get().getConfirmationSentAt();
        if (last != null && now.isBefore(last.plus(RESEND_AFTER))) {
            return Sending.refused(email.get().getAddress(), "A link was mailed to " + email.get().getAddress()
                    + " less than a minute ago. Look for it there, or ask again in a minute.");
        }
        return send(username, contact.get(), email.get().getAddress(), now);
    }

    /** Opens the link {@code token} for the signed-in user {@code username}. */
    public Confirmation confirm(String token, String username) {
        Optional<AddressTokens.Claim> read;
        try {
            read = tokens.read(token);
        } catch (SecretUnreadableException e) {
            log.warning(() -> "An address confirmation link cannot be checked: " + e.getMessage());
            return new Confirmation(Outcome.KEY_UNREADABLE, null);
        }
        if (read.isEmpty()) {
            return new Confirmation(Outcome.INVALID, null);
        }
        AddressTokens.Claim claim = read.get();
        Optional<Contact> own = ownContact(username);
        if (own.isEmpty() || own.get().getId() != claim.contactId()) {
            return new Confirmation(Outcome.NOT_YOURS, null);
        }
        Optional<ContactEmail> email = own.get().email(claim.address());
        if (email.isEmpty()) {
            return new Confirmation(Outcome.GONE, claim.address());
        }
        String address = email.get().getAddress();
        if (email.get().isVerified()) {
            return new Confirmation(Outcome.ALREADY_VERIFIED, address);
        }
        if (claim.expiredAt(Instant.now())) {
            return new Confirmation(Outcome.EXPIRED, address);
        }
        if (!contacts.confirm(claim.contactId(), address, claim.nonce())) {
            return new Confirmation(Outcome.REPLACED, address);
        }
        log.info(() -> "The user " + username + " confirmed the address " + address + " of their contact");
        return new Confirmation(Outcome.VERIFIED, address);
    }

    private Sending send(String username, Contact contact, String address, Instant now) {
        MailSettings settings = runtime.current().settings();
        if (settings == null) {
            return Sending.refused(address, "Mail is not set up yet, so no link could be mailed to " + address
                    + ". Ask an administrator, then use \"Send the link again\".");
        }
        SenderPolicy.Sender sender = senderPolicy.forSystemMail(settings);
        if (!sender.canSend()) {
            return Sending.refused(address, "No link could be mailed to " + address + ": the Email settings have"
                    + " no Reply-To Address to send it from. Ask an administrator, then use \"Send the link"
                    + " again\".");
        }
        if (settings.getApplicationUrl() == null || settings.getApplicationUrl().isBlank()) {
            return Sending.refused(address, "No link could be mailed to " + address + ": the Email settings have"
                    + " no Application URL for a link to point to. Ask an administrator, then use \"Send the"
                    + " link again\".");
        }
        try {
            String nonce = contacts.startConfirmation(contact.getId(), address, now);
            String token = tokens.issue(contact.getId(), address, now.plus(LINK_VALID_FOR), nonce);
            outbox.enqueue(NotificationMail.write(sender.address().get(), recipient(contact, address), KIND,
                    Templates.addressConfirmation(settings.getApplicationName(),
                            Templates.confirmationLink(settings.getApplicationUrl(), token),
                            contact.getDisplayName(), username, address, LINK_VALID_FOR.toHours() + " hours")),
                    KIND);
            return Sending.queued(address);
        } catch (SecretUnreadableException e) {
            context.setRollbackOnly();
            log.warning(() -> "No address confirmation link can be signed: " + e.getMessage());
            return Sending.refused(address, "No link could be mailed to " + address + ": the application's secret"
                    + " key cannot be read. Ask an administrator.");
        } catch (MessagingException e) {
            throw new IllegalStateException("The confirmation mail could not be written: " + e.getMessage(), e);
        }
    }

    private Optional<Contact> ownContact(String username) {
        return accounts.find(username).flatMap(UserAccount::contact);
    }

    private static InternetAddress recipient(Contact contact, String address) throws MessagingException {
        InternetAddress to = new InternetAddress(address, true);
        String name = contact.getFullName();
        if (!name.isEmpty()) {
            try {
                to.setPersonal(name.replaceAll("\\p{Cntrl}", " "), "UTF-8");
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException("UTF-8 is not supported", e);
            }
        }
        return to;
    }
}
