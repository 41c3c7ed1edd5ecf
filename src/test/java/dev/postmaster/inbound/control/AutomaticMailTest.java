package dev.postmaster.inbound.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which headers mark mail a machine sent (RFC 3834, 2369, 2919, 5321), and that a person's mail is none. */
class AutomaticMailTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "Auto-Submitted   | auto-replied                              | Auto-Submitted: auto-replied",
        "Auto-Submitted   | auto-generated                            | Auto-Submitted: auto-generated",
        "Auto-Submitted   | Auto-Replied; owner-email=\"bob@example.com\" "
                + "| Auto-Submitted: Auto-Replied; owner-email=\"bob@example.com\"",
        "Auto-Submitted   | auto-notified                             | Auto-Submitted: auto-notified",
        "Auto-Submitted   | notified                                  | Auto-Submitted: notified",
        "Auto-Submitted   | no                                        | -",
        "Auto-Submitted   | No                                        | -",
        "Auto-Submitted   | no (sent by a person)                     | -",
        "Auto-Submitted   | (checked) no                              | -",
        "Auto-Submitted   | no; reason=none                           | -",
        "Precedence       | bulk                                      | Precedence: bulk",
        "Precedence       | junk                                      | Precedence: junk",
        "Precedence       | list                                      | Precedence: list",
        "Precedence       | auto_reply                                | Precedence: auto_reply",
        "Precedence       | Bulk                                      | Precedence: Bulk",
        "Precedence       | first-class                               | -",
        "X-Autoreply      | yes                                       | X-Autoreply header",
        "X-Autorespond    | Out of office                             | X-Autorespond header",
        "List-Id          | Tenants <tenants.lists.example.com>       | List-Id header (mailing list)",
        "List-Unsubscribe | <mailto:leave@lists.example.com>          | List-Unsubscribe header (mailing list)",
        "Return-Path      | <>                                        | empty Return-Path",
        "Return-Path      | < >                                       | empty Return-Path",
        "Return-Path      | <bob@example.com>                         | -",
    })
    void oneHeaderDecides(String header, String value, String expected) throws MessagingException {
        MimeMessage message = personalMail();
        message.setHeader(header, value);
        assertEquals(Optional.ofNullable(expected), AutomaticMail.why(message));
    }

    @Test
    void mailAPersonWroteIsNotAutomatic() throws MessagingException {
        assertEquals(Optional.empty(), AutomaticMail.why(personalMail()));
    }

    @Test
    void headerNamesAreMatchedWhateverTheirCase() throws MessagingException {
        MimeMessage message = personalMail();
        message.setHeader("AUTO-SUBMITTED", "auto-replied");
        assertEquals(Optional.of("Auto-Submitted: auto-replied"), AutomaticMail.why(message));
        MimeMessage list = personalMail();
        list.setHeader("list-post", "<mailto:tenants@lists.example.com>");
        assertEquals(Optional.of("list-post header (mailing list)"), AutomaticMail.why(list));
    }

    @Test
    void anAutoSubmittedNoDoesNotHideOtherSigns() throws MessagingException {
        MimeMessage message = personalMail();
        message.setHeader("Auto-Submitted", "no");
        message.setHeader("Precedence", "bulk");
        assertEquals(Optional.of("Precedence: bulk"), AutomaticMail.why(message));
    }

    private static MimeMessage personalMail() throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom("Bob Builder <bob@example.com>");
        message.setRecipients(MimeMessage.RecipientType.TO, "tasks@acme.test");
        message.setSubject("Re: Task 17 \"Renew the lease\" was assigned to you");
        message.setHeader("In-Reply-To", "<task-17.42.0123456789ab.0123456789abcdef0123456789abcdef@acme.test>");
        message.setText("Done.");
        message.saveChanges();
        return message;
    }
}
