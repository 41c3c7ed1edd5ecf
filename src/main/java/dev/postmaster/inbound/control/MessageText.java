package dev.postmaster.inbound.control;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of a message as a person reads it: its plain-text part, or its HTML part made into text when it has no
 * plain one, attachments left out. Mail in the wild is often broken; an unknown charset, a bad transfer encoding
 * or a malformed multipart is read as far as it goes and named in {@link Text#problems()}, never thrown: text
 * in a broken encoding up to where it breaks (an unknown encoding as sent), a multipart that cannot be split as
 * the text it holds, a part whose Content-Type cannot be read as plain text (RFC 2045, 5.2).
 */
public final class MessageText {

    /** The text, and what could not be read properly. */
    public record Text(String body, List<String> problems) {
    }

    private MessageText() {
    }

    public static Text of(Part message) {
        List<String> problems = new ArrayList<>();
        Found found = new Found();
        try {
            walk(message, found, problems);
        } catch (MessagingException | IOException | RuntimeException e) {
            // What was found before stays.
            problems.add("The message's structure could not be read: " + e.getMessage());
        }
        String body = found.plain != null ? found.plain : found.html != null ? HtmlText.toText(found.html) : "";
        return new Text(body.replace("\r\n", "\n"), List.copyOf(problems));
    }

    private static final class Found {
        String plain;
        String html;
    }

    private static void walk(Part part, Found found, List<String> problems) throws MessagingException, IOException {
        ContentType type = type(part, problems);
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (type.match("multipart/*")) {
            Multipart parts;
            try {
                parts = new MimeMultipart(part.getDataHandler().getDataSource());
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart child = parts.getBodyPart(i);
                    walk(child, found, problems);
                }
            } catch (MessagingException e) {
                problems.add("A multipart could not be split: " + e.getMessage());
                if (found.plain == null && found.html == null) {
                    found.plain = text(part, new ContentType("text", "plain", null), problems);
                }
            }
        } else if (type.match("text/plain") && found.plain == null) {
            found.plain = text(part, type, problems);
        } else if (type.match("text/html") && found.html == null) {
            found.html = text(part, type, problems);
        }
    }

    /** The text of a part in its charset; an unknown charset or a broken encoding is read as well as it goes. */
    private static String text(Part part, ContentType type, List<String> problems) throws MessagingException {
        String charset = type.getParameter("charset");
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            problems.add("Part of the text has a broken " + encoding(part) + " encoding: " + e.getMessage());
            bytes = decodedPrefix(part);
            if (bytes.length == 0) {
                bytes = raw(part);
            }
        }
        if (charset == null) {
            // RFC 2046 says US-ASCII; UTF-8 reads that the same and also the 8-bit text many senders leave unlabelled.
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            return new String(bytes, MimeUtility.javaCharset(charset));
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            problems.add("Unknown charset " + charset + "; the text is shown as UTF-8");
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * What decodes before the first error. Read byte by byte: a decoder that fails within a block read loses the
     * whole block with the error.
     */
    private static byte[] decodedPrefix(Part part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = part.getInputStream()) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                out.write(b);
            }
        } catch (IOException | MessagingException e) {
            // The rest does not decode.
        }
        return out.toByteArray();
    }

    /** The part's bytes as they were sent, undecoded, when none of them decode (an unknown encoding). */
    private static byte[] raw(Part part) {
        try (InputStream in = part instanceof MimeBodyPart body ? body.getRawInputStream()
                : part instanceof MimeMessage message ? message.getRawInputStream() : InputStream.nullInputStream();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            return new byte[0];
        }
    }

    private static String encoding(Part part) throws MessagingException {
        String[] header = part.getHeader("Content-Transfer-Encoding");
        return header == null || header.length == 0 ? "transfer" : header[0].strip().toLowerCase(Locale.ROOT);
    }

    private static ContentType type(Part part, List<String> problems) throws MessagingException {
        String header = part.getContentType();
        try {
            return new ContentType(header == null ? "text/plain" : header);
        } catch (ParseException e) {
            problems.add("A Content-Type could not be read: " + header);
            return new ContentType("text", "plain", null);
        }
    }
}
