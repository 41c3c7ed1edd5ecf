package dev.postmaster.inbound.control;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells mail a machine sent from mail a person wrote, so that the application never answers an auto-responder
 * and no mail loop can start. A message is automatic when any of these says so: an {@code Auto-Submitted}
 * keyword other than {@code no} (RFC 3834; parameters and comments do not count), {@code Precedence} bulk, junk,
 * list or auto_reply, {@code X-Autoreply} or {@code X-Autorespond}, a {@code List-*} header (RFC 2369, 2919), or
 * an empty Return-Path (the null sender of RFC 5321, used by every bounce and many auto-replies).
 */
public final class AutomaticMail {

    private static final Set<String> AUTOMATIC_PRECEDENCE = Set.of("bulk", "junk", "list", "auto_reply");

    private AutomaticMail() {
    }

    /** Why {@code message} is automatic, in plain words, or empty when a person seems to have written it. */
    public static Optional<String> why(Part message) throws MessagingException {
        String autoSubmitted = first(message, "Auto-Submitted");
        if (autoSubmitted != null && !"no".equals(keyword(autoSubmitted))) {
            return Optional.of("Auto-Submitted: " + autoSubmitted.strip());
        }
        String precedence = first(message, "Precedence");
        if (precedence != null && AUTOMATIC_PRECEDENCE.contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("Precedence: " + precedence.strip());
        }
        for (String header : new String[] {"X-Autoreply", "X-Autorespond"}) {
            if (first(message, header) != null) {
                return Optional.of(header + " header");
            }
        }
        Enumeration<jakarta.mail.Header> headers = message.getAllHeaders();
        while (headers.hasMoreElements()) {
            String name = headers.nextElement().getName();
            if (name.regionMatches(true, 0, "List-", 0, 5)) {
                return Optional.of(name + " header (mailing list)");
            }
        }
        String returnPath = first(message, "Return-Path");
        if (returnPath != null && returnPath.replaceAll("[<>\\s]", "").isEmpty()) {
            return Optional.of("empty Return-Path");
        }
        return Optional.empty();
    }

    /**
     * The keyword of an {@code Auto-Submitted} value (RFC 3834): what stands before its parameters ({@code ;})
     * and apart from comments ({@code (…)}), in lower case: compared whole, as a prefix test would take any
     * keyword that begins with "no" for {@code no}.
     */
    private static String keyword(String value) {
        String withoutComments = value.replaceAll("\\([^()]*\\)", " ");
        int semicolon = withoutComments.indexOf(';');
        return (semicolon < 0 ? withoutComments : withoutComments.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
    }

    private static String first(Part message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
