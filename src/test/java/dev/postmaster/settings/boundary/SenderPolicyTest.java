package dev.postmaster.settings.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.settings.boundary.SenderPolicy.Actor;
import dev.postmaster.settings.boundary.SenderPolicy.Sender;
import dev.postmaster.settings.entity.MailSettings;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The four sender forms of the documented TeamConnect Email page, each with the acting user's address present or absent
 * and the reply-to present or absent (sixteen cases), plus system mail, RFC 2047 and header injection.
 */
class SenderPolicyTest {

    private static final String REPLY_TO = "noreply@acme.test";
    private static final String JOHN = "john@acme.test";

    private final SenderPolicy policy = new SenderPolicy();

    @ParameterizedTest(name = "systemReply={0} displayName={1} replyTo={2} userEmail={3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // on/on: app <reply-to>; falls back to the user's address
        "true  | true  | true  | true  | Postmaster <noreply@acme.test>",
        "true  | true  | true  | false | Postmaster <noreply@acme.test>",
        "true  | true  | false | true  | Postmaster <john@acme.test>",
        "true  | true  | false | false | -",
        // off/on: First Last (app) <reply-to>, quoted because parentheses are RFC 5322 specials
        "false | true  | true  | true  | \"John Doe (Postmaster)\" <noreply@acme.test>",
        "false | true  | true  | false | \"John Doe (Postmaster)\" <noreply@acme.test>",
        "false | true  | false | true  | \"John Doe (Postmaster)\" <john@acme.test>",
        "false | true  | false | false | -",
        // on/off: <reply-to>
        "true  | false | true  | true  | noreply@acme.test",
        "true  | false | true  | false | noreply@acme.test",
        "true  | false | false | true  | john@acme.test",
        "true  | false | false | false | -",
        // off/off: the user's default email, else <reply-to>
        "false | false | true  | true  | john@acme.test",
        "false | false | true  | false | noreply@acme.test",
        "false | false | false | true  | john@acme.test",
        "false | false | false | false | -",
    })
    void followsTheDocumentedTableWithItsFallbacks(boolean systemReply, boolean displayName, boolean hasReplyTo,
            boolean hasUserEmail, String expected) {
        MailSettings settings = settings(systemReply, displayName, hasReplyTo ? REPLY_TO : null);
        Sender sender = policy.forActor(settings, new Actor("John Doe", hasUserEmail ? JOHN : null));
        if (expected == null) {
            assertFalse(sender.canSend());
            assertEquals(SenderPolicy.NO_SENDER_ADDRESS, sender.reasonIfNone());
        } else {
            assertEquals(expected, unicode(sender));
        }
    }

    @Test
    void systemMailUsesTheReplyToOnly() {
        assertEquals("Postmaster <noreply@acme.test>",
                unicode(policy.forSystemMail(settings(true, true, REPLY_TO))));
        assertEquals("noreply@acme.test", unicode(policy.forSystemMail(settings(false, false, REPLY_TO))));
        Sender none = policy.forSystemMail(settings(true, true, null));
        assertFalse(none.canSend());
        assertEquals(SenderPolicy.NO_SENDER_ADDRESS, none.reasonIfNone());
    }

    @Test
    void displayNamesAreEncodedPerRfc2047() {
        MailSettings settings = settings(false, true, REPLY_TO);
        Sender sender = policy.forActor(settings, new Actor("Jürgen Müller", null));
        String header = sender.toString();
        assertTrue(header.startsWith("=?UTF-8?"), header);
        assertTrue(header.endsWith(" <noreply@acme.test>"), header);
        assertEquals("\"Jürgen Müller (Postmaster)\" <noreply@acme.test>", unicode(sender),
                "parentheses are specials in RFC 5322, so the phrase is quoted");
    }

    @Test
    void lineBreaksInNamesNeverReachAHeader() {
        MailSettings settings = settings(false, true, REPLY_TO);
        Sender sender = policy.forActor(settings, new Actor("John\r\nBcc: victim@evil.test Doe", null));
        String header = sender.toString();
        assertFalse(header.contains("\r") || header.contains("\n"), header);
        assertEquals("John  Bcc: victim@evil.test Doe (Postmaster)", sender.address().get().getPersonal());
    }

    @Test
    void aUserWithoutANameFallsBackToTheApplicationName() {
        MailSettings settings = settings(false, true, REPLY_TO);
        assertEquals("Postmaster <noreply@acme.test>",
                unicode(policy.forActor(settings, new Actor(" ", JOHN))));
    }

    private static MailSettings settings(boolean systemReply, boolean displayName, String replyTo) {
        MailSettings settings = new MailSettings();
        settings.setUseSystemReply(systemReply);
        settings.setUseDisplayName(displayName);
        settings.setReplyTo(replyTo);
        return settings;
    }

    private static String unicode(Sender sender) {
        InternetAddress address = sender.address().orElseThrow();
        return address.toUnicodeString();
    }
}
