package dev.postmaster.settings.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.settings.boundary.SenderPolicy.Actor;
import dev.postmaster.settings.boundary.SenderPolicy.Sender;
import dev.postmaster.settings.entity.MailSettings;
import jakarta.mail.internet.InternetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The four sender forms of the documented TeamConnect Email page, each with the acting user's address present or absent
 * and the reply-to present or absent (sixteen cases), plus system mail, RFC 2047, header injection, and the
 * Reply-To of notifications with "Replies to notifications go to the incoming mailbox" off and on.
 */
class SenderPolicyTest {

    private static final String REPLY_TO = "noreply@acme.test";
    private static final String JOHN = "john@acme.test";
    private static final String INBOX = "tasks@acme.test";

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

    @ParameterizedTest(name = "systemReply={0} displayName={1}: Reply-To is the From")
    @CsvSource({"true, true", "false, true", "true, false", "false, false"})
    void withTheSwitchOffRepliesGoToTheFrom(boolean systemReply, boolean displayName) {
        MailSettings settings = settings(systemReply, displayName, REPLY_TO);
        settings.setIncomingAddress(INBOX);
        Sender sender = policy.forActor(settings, new Actor("John Doe", JOHN));
        assertEquals(Optional.empty(), sender.replyTo());
        assertEquals(sender.address(), sender.replyAddress());
    }

    @ParameterizedTest(name = "systemReply={0} displayName={1} -> From {2}, Reply-To {3}")
    @CsvSource(delimiter = '|', value = {
        "true  | true  | Postmaster <noreply@acme.test>                | Postmaster <tasks@acme.test>",
        "false | true  | \"John Doe (Postmaster)\" <noreply@acme.test> | Postmaster <tasks@acme.test>",
        "true  | false | noreply@acme.test                             | tasks@acme.test",
        "false | false | john@acme.test                                | tasks@acme.test",
    })
    void withTheSwitchOnRepliesGoToTheIncomingMailboxAndTheFromStays(boolean systemReply, boolean displayName,
            String from, String replyTo) {
        MailSettings settings = settings(systemReply, displayName, REPLY_TO);
        settings.setIncomingAddress(INBOX);
        settings.setRepliesToIncoming(true);
        Sender sender = policy.forActor(settings, new Actor("John Doe", JOHN));
        assertEquals(from, unicode(sender));
        assertEquals(replyTo, sender.replyTo().orElseThrow().toUnicodeString());
        assertEquals(sender.replyTo(), sender.replyAddress());
    }

    @Test
    void theIncomingAddressDefaultsToTheIncomingUsernameWhenThatIsAnAddress() {
        MailSettings settings = settings(true, false, REPLY_TO);
        settings.setRepliesToIncoming(true);
        settings.getIncoming().setUsername(INBOX);
        assertEquals(INBOX, settings.effectiveIncomingAddress());
        assertEquals(INBOX, policy.forActor(settings, new Actor("John Doe", JOHN)).replyAddress().orElseThrow()
                .getAddress());

        settings.setIncomingAddress("replies@acme.test");
        assertEquals("replies@acme.test", policy.forActor(settings, new Actor("John Doe", JOHN)).replyAddress()
                .orElseThrow().getAddress(), "an address entered wins over the username");
    }

    @Test
    void withoutAnIncomingAddressRepliesGoToTheFrom() {
        MailSettings settings = settings(true, false, REPLY_TO);
        settings.setRepliesToIncoming(true);
        settings.getIncoming().setUsername("tasks");
        assertNull(settings.effectiveIncomingAddress(), "a username that is no address is none");
        Sender sender = policy.forActor(settings, new Actor("John Doe", JOHN));
        assertEquals(Optional.empty(), sender.replyTo());
        assertEquals("noreply@acme.test", sender.replyAddress().orElseThrow().getAddress());
    }

    @Test
    void noSenderMeansNoReplyToEither() {
        MailSettings settings = settings(true, true, null);
        settings.setIncomingAddress(INBOX);
        settings.setRepliesToIncoming(true);
        Sender sender = policy.forActor(settings, new Actor("John Doe", null));
        assertFalse(sender.canSend());
        assertEquals(Optional.empty(), sender.replyAddress());
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
