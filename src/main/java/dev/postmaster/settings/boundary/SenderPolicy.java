package dev.postmaster.settings.boundary;

import dev.postmaster.settings.entity.MailSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.Serializable;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides the From and Reply-To of a mail from the two sender switches of the Email settings, as the documented
 * TeamConnect Email page describes them (see the README):
 *
 * <table>
 * <caption>Sender forms</caption>
 * <tr><th>Use System Reply</th><th>Use Display Name</th><th>From / Reply-To</th></tr>
 * <tr><td>on</td><td>on</td><td>{@code app <reply-to>}</td></tr>
 * <tr><td>off</td><td>on</td><td>{@code First Last (app) <reply-to>}</td></tr>
 * <tr><td>on</td><td>off</td><td>{@code <reply-to>}</td></tr>
 * <tr><td>off</td><td>off</td><td>the acting user's default email, else {@code <reply-to>}</td></tr>
 * </table>
 *
 * <p>When the address a form calls for is missing, the other one stands in; when both are missing nothing may be
 * sent ("no sender address"). Mail no user triggered (system mail) uses the reply-to address only. The Reply-To
 * of a notification is its From, as documented, unless "Replies to notifications go to the incoming mailbox" is
 * on: then it is the incoming mailbox's address, so that replies are read back (the From stays as above). A plain class
 * with no container dependency, so the whole table is unit-tested; every sender in the application comes from
 * here.
 */
@ApplicationScoped
public class SenderPolicy {

    /** Why no sender could be chosen. */
    public static final String NO_SENDER_ADDRESS = "no sender address";

    /**
     * The person whose action triggers a mail.
     *
     * @param name how they are named ("First Last"), or {@code null} when they have no name on record
     * @param email their default address, or {@code null}
     */
    public record Actor(String name, String email) implements Serializable {

        public Actor {
            name = name == null || name.isBlank() ? null : name.strip();
            email = email == null || email.isBlank() ? null : email.strip();
        }
    }

    /**
     * The outcome: the From address (and Reply-To, unless {@code replyTo} names another), or the reason there is
     * none.
     */
    public record Sender(Optional<InternetAddress> address, Optional<InternetAddress> replyTo, String reasonIfNone) {

        static Sender none() {
            return new Sender(Optional.empty(), Optional.empty(), NO_SENDER_ADDRESS);
        }

        static Sender of(InternetAddress address) {
            return new Sender(Optional.of(address), Optional.empty(), null);
        }

        Sender repliedTo(InternetAddress replyAddress) {
            return new Sender(address, Optional.of(replyAddress), reasonIfNone);
        }

        public boolean canSend() {
            return address.isPresent();
        }

        /** Where replies go: {@code replyTo} when set, else the From address itself. */
        public Optional<InternetAddress> replyAddress() {
            return replyTo.or(() -> address);
        }

        /** The header value as it will be written (RFC 2047-encoded where needed), or the reason. */
        @Override
        public String toString() {
            return address.map(InternetAddress::toString).orElse("(" + reasonIfNone + ")");
        }
    }

    /** The sender of system mail: the reply-to address, named after the application when the switch says so. */
    public Sender forSystemMail(MailSettings settings) {
        if (!settings.hasReplyTo()) {
            return Sender.none();
        }
        return address(settings.getReplyTo(), settings.isUseDisplayName() ? settings.getApplicationName() : null);
    }

    /** The sender of a notification that {@code actor} triggered. */
    public Sender forActor(MailSettings settings, Actor actor) {
        String replyTo = settings.hasReplyTo() ? settings.getReplyTo() : null;
        String own = actor.email();
        String app = settings.getApplicationName();
        boolean systemReply = settings.isUseSystemReply();
        boolean displayName = settings.isUseDisplayName();

        String chosen = systemReply || displayName ? firstPresent(replyTo, own) : firstPresent(own, replyTo);
        if (chosen == null) {
            return Sender.none();
        }
        String personal = null;
        if (displayName) {
            String name = actor.name();
            personal = systemReply || name == null ? app : name + " (" + app + ")";
        }
        Sender sender = address(chosen, personal);
        String inbox = settings.effectiveIncomingAddress();
        if (sender.canSend() && settings.isRepliesToIncoming() && inbox != null) {
            Sender replies = address(inbox, displayName ? app : null);
            return replies.address().map(sender::repliedTo).orElse(sender);
        }
        return sender;
    }

    /**
     * Marks a mail as sent by the application, not a person (RFC 3834 {@code Auto-Submitted}), and asks Exchange
     * not to answer it with out-of-office replies: an application that reads its own mailbox must not start a mail
     * loop with auto-responders.
     */
    public static void markAutomatic(MimeMessage message) throws MessagingException {
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");
    }

    private static Sender address(String address, String personal) {
        try {
            InternetAddress result = new InternetAddress(address, true);
            if (personal != null && !personal.isBlank()) {
                result.setPersonal(headerSafe(personal), StandardCharsets.UTF_8.name());
            }
            return Sender.of(result);
        } catch (AddressException | UnsupportedEncodingException e) {
            return Sender.none();
        }
    }

    /** Control characters (CR/LF above all) can never reach a header: each becomes a space. */
    static String headerSafe(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return safe.toString().strip();
    }

    private static String firstPresent(String first, String second) {
        return first != null ? first : second;
    }
}
