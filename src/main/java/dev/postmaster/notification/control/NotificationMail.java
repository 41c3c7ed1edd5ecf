package dev.postmaster.notification.control;

import dev.postmaster.infrastructure.OfflineMail;
import dev.postmaster.work.entity.RecordKind;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;

/**
 * Writes a notification as a finished MIME message: plain text and HTML (UTF-8), the From and Reply-To the sender
 * policy chose, and the reply token that lets a reply find its record and its person again: the Message-ID is the
 * signed token ({@code <task-17.42.….…@domain>}, see {@code ReplyTokens}), References points at the record's
 * thread root ({@code <task-17@domain>}) so that mail clients thread the record's mails, and
 * {@code X-Postmaster-Record} says plainly what it is about (informative only: nothing trusts it).
 */
public final class NotificationMail {

    /** One notification's words. */
    public record Content(String subject, String text, String html) {
    }

    private NotificationMail() {
    }

    /**
     * @param token the Message-ID's local part: the reply token
     */
    public static MimeMessage write(InternetAddress from, InternetAddress replyTo, InternetAddress to,
            RecordKind kind, long recordId, String token, Content content) throws MessagingException {
        String domain = from.getAddress().substring(from.getAddress().lastIndexOf('@') + 1);
        String threadRoot = "<" + kind.key() + "-" + recordId + "@" + domain + ">";
        String messageId = "<" + token + "@" + domain + ">";
        MimeMessage message = new MimeMessage(OfflineMail.SESSION) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setReplyTo(new InternetAddress[] {replyTo});
        message.setHeader("References", threadRoot);
        message.setHeader("X-Postmaster-Record", kind.key() + "/" + recordId);
        fill(message, from, to, content);
        return message;
    }

    /**
     * A mail about no record, such as an address confirmation: replies to it mean nothing, so its Message-ID
     * carries no token ({@code <kind.random@domain>}) and its Reply-To is its From.
     */
    public static MimeMessage write(InternetAddress from, InternetAddress to, String kind, Content content)
            throws MessagingException {
        String domain = from.getAddress().substring(from.getAddress().lastIndexOf('@') + 1);
        String messageId = "<" + kind + "." + UUID.randomUUID() + "@" + domain + ">";
        MimeMessage message = new MimeMessage(OfflineMail.SESSION) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        fill(message, from, to, content);
        return message;
    }

    private static void fill(MimeMessage message, InternetAddress from, InternetAddress to, Content content)
            throws MessagingException {
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, to);
        message.setSubject(content.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(content.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(content.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
    }

    /** Escapes text for HTML. */
    public static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
