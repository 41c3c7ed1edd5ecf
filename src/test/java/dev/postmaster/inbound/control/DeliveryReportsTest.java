package dev.postmaster.inbound.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.inbound.control.DeliveryReports.Recipient;
import dev.postmaster.inbound.control.DeliveryReports.Report;
import jakarta.activation.CommandInfo;
import jakarta.activation.CommandMap;
import jakarta.activation.DataContentHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Delivery status notifications (RFC 3464) as Postfix writes them, read into what became of each recipient. */
class DeliveryReportsTest {

    private static final String ORIGINAL_ID = "<task-1.2.abc@postmaster.test>";

    private static final String ORIGINAL_HEADERS = """
            Return-Path: <noreply@acme.test>
            Received: from app.acme.test (app.acme.test [192.0.2.10])
            \tby mail.acme.test (Postfix) with ESMTPS id 4F2A21C0A3B
            \tfor <bob@example.com>; Tue,  1 Dec 2026 10:00:03 +0100 (CET)
            Date: Tue, 1 Dec 2026 10:00:02 +0100 (CET)
            From: Postmaster <noreply@acme.test>
            To: bob@example.com, carol@example.com
            Message-ID: <task-1.2.abc@postmaster.test>
            Subject: Task 1 "Renew the lease" was assigned to you
            MIME-Version: 1.0
            Content-Type: text/plain; charset=UTF-8
            Auto-Submitted: auto-generated
            """;

    private static final String HARD_BOUNCE = """
            Return-Path: <>
            Delivered-To: noreply@acme.test
            Date: Tue,  1 Dec 2026 10:00:05 +0100 (CET)
            From: MAILER-DAEMON@mail.acme.test (Mail Delivery System)
            Subject: Undelivered Mail Returned to Sender
            To: noreply@acme.test
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="4F2A21C0A3B.1764579605/mail.acme.test"
            Content-Transfer-Encoding: 8bit
            Message-Id: <20261201090005.4F2A21C0A3B@mail.acme.test>

            This is a MIME-encapsulated message.

            --4F2A21C0A3B.1764579605/mail.acme.test
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mail.acme.test.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients. It's attached below.

                               The mail system

            <bob@example.com>: host mx.example.com[203.0.113.25] said: 550 5.1.1
                <bob@example.com>: Recipient address rejected: User unknown in virtual
                mailbox table (in reply to RCPT TO command)

            <carol@example.com>: host mx.example.com[203.0.113.25] said: 452 4.2.2
                Mailbox full (in reply to RCPT TO command)

            --4F2A21C0A3B.1764579605/mail.acme.test
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mail.acme.test
            X-Postfix-Queue-ID: 4F2A21C0A3B
            X-Postfix-Sender: rfc822; noreply@acme.test
            Arrival-Date: Tue,  1 Dec 2026 10:00:03 +0100 (CET)

            Final-Recipient: rfc822; bob@example.com
            Original-Recipient: rfc822;bob@example.com
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mx.example.com
            Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected:
                User unknown in virtual mailbox table

            Final-Recipient: rfc822; carol@example.com
            Original-Recipient: rfc822;carol@example.com
            Action: failed
            Status: 4.2.2
            Remote-MTA: dns; mx.example.com
            Diagnostic-Code: smtp; 452 4.2.2 Mailbox full

            --4F2A21C0A3B.1764579605/mail.acme.test
            Content-Description: Undelivered Message Headers
            Content-Type: text/rfc822-headers

            %s
            --4F2A21C0A3B.1764579605/mail.acme.test--
            """.formatted(ORIGINAL_HEADERS);

    private static final String DELAYED = """
            Return-Path: <>
            Date: Tue,  1 Dec 2026 14:00:05 +0100 (CET)
            From: MAILER-DAEMON@mail.acme.test (Mail Delivery System)
            Subject: Delayed Mail (still being retried)
            To: noreply@acme.test
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="9C1B21C0A3C.1764594005/mail.acme.test"
            Content-Transfer-Encoding: 8bit

            This is a MIME-encapsulated message.

            --9C1B21C0A3C.1764594005/mail.acme.test
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mail.acme.test.

            ####################################################################
            # THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
            ####################################################################

            <bob@example.com>: connect to mx.example.com[203.0.113.25]:25: Connection
                timed out

            --9C1B21C0A3C.1764594005/mail.acme.test
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mail.acme.test
            X-Postfix-Queue-ID: 9C1B21C0A3C
            X-Postfix-Sender: rfc822; noreply@acme.test
            Arrival-Date: Tue,  1 Dec 2026 10:00:03 +0100 (CET)

            Final-Recipient: rfc822; bob@example.com
            Original-Recipient: rfc822;bob@example.com
            Action: delayed
            Status: 4.4.1
            Diagnostic-Code: X-Postfix; connect to mx.example.com[203.0.113.25]:25:
                Connection timed out
            Will-Retry-Until: Sat,  5 Dec 2026 10:00:03 +0100 (CET)

            --9C1B21C0A3C.1764594005/mail.acme.test
            Content-Description: Undelivered Message
            Content-Type: message/rfc822
            Content-Transfer-Encoding: 8bit

            %s
            Task 1 "Renew the lease" was assigned to you.

            --9C1B21C0A3C.1764594005/mail.acme.test--
            """.formatted(ORIGINAL_HEADERS);

    @Test
    void aPostfixBounceNamesTheOriginalAndEachRecipient() throws Exception {
        Report report = DeliveryReports.read(mime(HARD_BOUNCE)).orElseThrow();

        assertEquals(Optional.of(ORIGINAL_ID), report.originalMessageId());
        assertEquals(List.of("bob@example.com", "carol@example.com"),
                report.recipients().stream().map(Recipient::address).toList());
        Recipient bob = report.recipients().get(0);
        assertEquals("failed", bob.action());
        assertEquals("5.1.1", bob.status());
        assertEquals("smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual"
                + " mailbox table", bob.diagnostic(), "folded lines are joined");
        assertTrue(bob.hard());
        assertEquals("failed 5.1.1 (smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown"
                + " in virtual mailbox table)", bob.describe());

        Recipient carol = report.recipients().get(1);
        assertEquals("4.2.2", carol.status());
        assertFalse(carol.hard(), "a 4.x.x status is temporary even when the MTA gave up");
    }

    @Test
    void aDelayWarningIsSoftAndItsReturnedMessageNamesTheOriginal() throws Exception {
        Report report = DeliveryReports.read(mime(DELAYED)).orElseThrow();

        assertEquals(Optional.of(ORIGINAL_ID), report.originalMessageId());
        assertEquals(1, report.recipients().size());
        Recipient bob = report.recipients().get(0);
        assertEquals(new Recipient("bob@example.com", "delayed", "4.4.1",
                "X-Postfix; connect to mx.example.com[203.0.113.25]:25: Connection timed out"), bob);
        assertFalse(bob.hard());
        assertEquals("delayed 4.4.1 (X-Postfix; connect to mx.example.com[203.0.113.25]:25: Connection timed out)",
                bob.describe());
    }

    @Test
    void aReportWithoutTheOriginalOrFieldsStillSaysWhatItCan() throws Exception {
        String bare = """
                From: MAILER-DAEMON@mx.example.com
                To: noreply@acme.test
                Subject: failure notice
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type="delivery-status"; boundary="b1"

                --b1
                Content-Type: text/plain

                Delivery failed.
                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.com

                Original-Recipient: rfc822; Bob@Example.com
                Action: FAILED
                Status: 5.0.0

                --b1--
                """;
        Report report = DeliveryReports.read(mime(bare)).orElseThrow();

        assertEquals(Optional.empty(), report.originalMessageId());
        Recipient bob = report.recipients().get(0);
        assertEquals(new Recipient("Bob@Example.com", "failed", "5.0.0", null), bob,
                "the original recipient stands in for a missing final one");
        assertTrue(bob.hard());
        assertEquals("failed 5.0.0", bob.describe());
        assertEquals("reported", new Recipient("bob@example.com", null, null, null).describe());
    }

    @Test
    void readsTheReportWhereNoDsnContentHandlerIsRegistered() throws Exception {
        CommandMap bare = new CommandMap() {
            @Override
            public CommandInfo[] getPreferredCommands(String mimeType) {
                return new CommandInfo[0];
            }

            @Override
            public CommandInfo[] getAllCommands(String mimeType) {
                return new CommandInfo[0];
            }

            @Override
            public CommandInfo getCommand(String mimeType, String cmdName) {
                return null;
            }

            @Override
            public DataContentHandler createDataContentHandler(String mimeType) {
                return null;
            }
        };
        CommandMap.setDefaultCommandMap(bare);
        try {
            MimeMessage bounce = mime(HARD_BOUNCE);
            assertTrue(bounce.getContent() instanceof InputStream, "as in a server that does not read the"
                    + " WAR's mailcap: no multipart, no DeliveryStatus from getContent()");
            Report report = DeliveryReports.read(bounce).orElseThrow();
            assertEquals(Optional.of(ORIGINAL_ID), report.originalMessageId());
            assertEquals(2, report.recipients().size());
            assertTrue(report.recipients().get(0).hard());
        } finally {
            CommandMap.setDefaultCommandMap(null);
        }
    }

    @Test
    void mailThatIsNoDeliveryReportIsNone() throws Exception {
        String reply = """
                From: Bob Builder <bob@example.com>
                To: tasks@acme.test
                Subject: Re: Task 1
                In-Reply-To: <task-1.2.abc@postmaster.test>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8

                Done.
                """;
        String readReceipt = """
                From: Bob Builder <bob@example.com>
                To: noreply@acme.test
                Subject: Read: Task 1
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=disposition-notification; boundary="b2"

                --b2
                Content-Type: text/plain

                Your message was read.
                --b2
                Content-Type: message/disposition-notification

                Final-Recipient: rfc822; bob@example.com
                Original-Message-ID: <task-1.2.abc@postmaster.test>
                Disposition: manual-action/MDN-sent-manually; displayed

                --b2--
                """;
        assertEquals(Optional.empty(), DeliveryReports.read(mime(reply)));
        assertEquals(Optional.empty(), DeliveryReports.read(mime(readReceipt)));
    }

    /** The message as it comes from the IMAP server: CRLF line ends. */
    private static MimeMessage mime(String text) throws MessagingException, IOException {
        byte[] bytes = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }
}
