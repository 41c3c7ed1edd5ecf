package dev.postmaster.inbound.control;

import dev.postmaster.infrastructure.OfflineMail;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MessageHeaders;

/**
 * Reads delivery status notifications (RFC 3464: {@code multipart/report; report-type=delivery-status}) with
 * Angus's DSN classes: which mail the report is about (the Message-ID of the returned headers or message) and
 * what became of each recipient. The parts are read explicitly rather than through the mail capabilities of
 * {@code getContent()}, because the WAR's DSN classes are not registered with the server's activation framework.
 */
public final class DeliveryReports {

    /** What the report says of one recipient. */
    public record Recipient(String address, String action, String status, String diagnostic) {

        /** A permanent failure: the receiving side refused the address (status 5.x.x, action failed). */
        public boolean hard() {
            return "failed".equalsIgnoreCase(action) && status != null && status.startsWith("5");
        }

        /** The words an administrator reads: what happened, the status, and the server's own diagnostic. */
        public String describe() {
            return (action == null ? "reported" : action) + (status == null ? "" : " " + status)
                    + (diagnostic == null ? "" : " (" + diagnostic + ")");
        }
    }

    /** A read report. */
    public record Report(Optional<String> originalMessageId, List<Recipient> recipients) {
    }

    private DeliveryReports() {
    }

    /** The report in {@code message}, or empty when it is not a delivery status notification. */
    public static Optional<Report> read(MimeMessage message) throws MessagingException, IOException {
        ContentType type = contentType(message);
        if (type == null || !type.match("multipart/report")
                || !"delivery-status".equalsIgnoreCase(type.getParameter("report-type"))) {
            return Optional.empty();
        }
        Multipart parts = new MimeMultipart(message.getDataHandler().getDataSource());
        List<Recipient> recipients = new ArrayList<>();
        Optional<String> original = Optional.empty();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            ContentType partType = contentType(part);
            if (partType == null) {
                continue;
            }
            if (partType.match("message/delivery-status") || partType.match("message/global-delivery-status")) {
                try (InputStream in = part.getInputStream()) {
                    DeliveryStatus status = new DeliveryStatus(in);
                    for (int r = 0; r < status.getRecipientDSNCount(); r++) {
                        recipients.add(recipient(status.getRecipientDSN(r)));
                    }
                }
            } else if (partType.match("text/rfc822-headers") || partType.match("message/rfc822-headers")) {
                try (InputStream in = part.getInputStream()) {
                    original = Optional.ofNullable(new MessageHeaders(in).getMessageID());
                }
            } else if (partType.match("message/rfc822") || partType.match("message/global")) {
                try (InputStream in = part.getInputStream()) {
                    original = Optional.ofNullable(new MimeMessage(OfflineMail.SESSION,
                            in).getMessageID());
                }
            }
        }
        return Optional.of(new Report(original.map(String::strip), List.copyOf(recipients)));
    }

    private static Recipient recipient(InternetHeaders fields) {
        String recipient = field(fields, "Final-Recipient");
        if (recipient == null) {
            recipient = field(fields, "Original-Recipient");
        }
        return new Recipient(address(recipient), lower(field(fields, "Action")), field(fields, "Status"),
                field(fields, "Diagnostic-Code"));
    }

    /** "rfc822; bob@example.com" is the address bob@example.com. */
    private static String address(String typed) {
        if (typed == null) {
            return null;
        }
        int semicolon = typed.indexOf(';');
        return (semicolon < 0 ? typed : typed.substring(semicolon + 1)).strip();
    }

    private static String field(InternetHeaders fields, String name) {
        String value = fields.getHeader(name, " ");
        return value == null || value.isBlank() ? null : value.replaceAll("\\s+", " ").strip();
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static ContentType contentType(Part part) throws MessagingException {
        String header = part.getContentType();
        try {
            return header == null ? null : new ContentType(header);
        } catch (ParseException e) {
            return null;
        }
    }
}
