package dev.postmaster.inbound.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.inbound.control.MessageText.Text;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The readable text of a message, also of broken mail: read as far as it goes, the problem named, nothing thrown. */
class MessageTextTest {

    private static final String HEADERS = """
            From: Bob Builder <bob@example.com>
            To: tasks@acme.test
            Subject: Re: Task 17
            Date: Tue, 1 Dec 2026 11:00:00 +0100
            Message-ID: <CAHk9x2Qw=abc123@mail.gmail.com>
            MIME-Version: 1.0
            """;

    @Test
    void aPlainTextMessageIsItsDecodedBody() throws Exception {
        Text text = MessageText.of(mime("""
                Content-Type: text/plain; charset="UTF-8"
                Content-Transfer-Encoding: quoted-printable

                The lease is renewed, the keys are with the concierge in the entrance hall, no=
                t with me.
                Gr=C3=BC=C3=9Fe, Bob
                """));
        assertEquals("The lease is renewed, the keys are with the concierge in the entrance hall, not with me.\n"
                + "Grüße, Bob\n", text.body(), "soft line breaks joined, CRLF made LF");
        assertEquals(List.of(), text.problems());
    }

    @Test
    void aMessageWithoutContentTypeIsPlainText() throws Exception {
        Text text = MessageText.of(mime("\nDone.\n"));
        assertEquals("Done.\n", text.body());
        assertEquals(List.of(), text.problems());
    }

    @Test
    void aLegacyCharsetIsDecoded() throws Exception {
        Text text = MessageText.of(mime("""
                Content-Type: text/plain; charset=ISO-8859-1
                Content-Transfer-Encoding: quoted-printable

                Gr=FC=DFe aus K=F6ln
                """));
        assertEquals("Grüße aus Köln\n", text.body());
        assertEquals(List.of(), text.problems());
    }

    @Test
    void htmlOnlyMailIsMadeIntoTextWithoutItsQuote() throws Exception {
        Text text = MessageText.of(mime("""
                Content-Type: text/html; charset=UTF-8
                Content-Transfer-Encoding: 7bit

                <html><body><div dir="ltr">Done.<div><br></div><div>Bob</div></div>
                <div class="gmail_quote"><div class="gmail_attr">On Tue, Dec 1, 2026 at 10:00 AM Postmaster wrote:</div>
                <blockquote class="gmail_quote"><p>Task 17 was assigned to you.</p></blockquote></div></body></html>
                """));
        assertEquals("Done.\n\nBob", text.body());
        assertEquals(List.of(), text.problems());
    }

    @Test
    void alternativePartsPreferThePlainText() throws Exception {
        String gmail = """
                Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f6"

                --000000000000a1b2c3d4e5f6
                Content-Type: text/plain; charset="UTF-8"

                Done, plain.

                --000000000000a1b2c3d4e5f6
                Content-Type: text/html; charset="UTF-8"

                <div dir="ltr">Done, <b>html</b>.</div>

                --000000000000a1b2c3d4e5f6--
                """;
        assertEquals("Done, plain.\n", MessageText.of(mime(gmail)).body());

        String htmlFirst = """
                Content-Type: multipart/alternative; boundary="b"

                --b
                Content-Type: text/html; charset="UTF-8"

                <p>Done, html.</p>
                --b
                Content-Type: text/plain; charset="UTF-8"

                Done, plain.
                --b--
                """;
        assertEquals("Done, plain.", MessageText.of(mime(htmlFirst)).body());
    }

    @Test
    void attachmentsAreLeftOut() throws Exception {
        Text text = MessageText.of(mime("""
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: text/plain; charset=UTF-8; name="notes.txt"
                Content-Disposition: attachment; filename="notes.txt"

                Notes that are no reply.
                --outer
                Content-Type: multipart/alternative; boundary="inner"

                --inner
                Content-Type: text/plain; charset=UTF-8

                Signed lease attached.
                --inner
                Content-Type: text/html; charset=UTF-8

                <p>Signed lease attached.</p>
                --inner--

                --outer
                Content-Type: application/pdf; name="lease.pdf"
                Content-Disposition: attachment; filename="lease.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSPj4Kc3RyZWFtCg==
                --outer--
                """));
        assertEquals("Signed lease attached.", text.body());
        assertEquals(List.of(), text.problems());
    }

    @Test
    void mailWithOnlyAnAttachmentHasNoText() throws Exception {
        Text text = MessageText.of(mime("""
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: application/pdf; name="lease.pdf"
                Content-Disposition: attachment; filename="lease.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --outer--
                """));
        assertEquals("", text.body());
        assertEquals(List.of(), text.problems());
    }

    @Test
    void anUnknownCharsetIsReadAsUtf8AndNamed() throws Exception {
        Text text = MessageText.of(mime("""
                Content-Type: text/plain; charset=x-unknown-9
                Content-Transfer-Encoding: 8bit

                Grüße, Bob
                """));
        assertEquals("Grüße, Bob\n", text.body());
        assertEquals(List.of("Unknown charset x-unknown-9; the text is shown as UTF-8"), text.problems());
    }

    @Test
    void truncatedBase64IsReadUpToWhereItBreaks() throws Exception {
        // "The lease is renewed.\n\nRegards\nBob" in base64 without its "==": the decoder fails on the last quantum
        Text text = MessageText.of(mime("""
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: base64

                VGhlIGxlYXNlIGlzIHJlbmV3ZWQuCgpSZWdhcmRz
                CkJvYg
                """));
        assertEquals("The lease is renewed.\n\nRegards\nBo", text.body());
        assertEquals(1, text.problems().size());
        assertTrue(text.problems().get(0).startsWith("Part of the text has a broken base64 encoding: "),
                text.problems().get(0));
    }

    @Test
    void strayCharactersInBase64AreSkipped() throws Exception {
        Text text = MessageText.of(mime("""
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: base64

                VGhlIGxlYXNl!!IGlzIHJlbmV3ZWQu
                """));
        assertEquals("The lease is renewed.", text.body());
        assertEquals(List.of(), text.problems());
    }

    @Test
    void brokenQuotedPrintableIsKeptAsWritten() throws Exception {
        Text text = MessageText.of(mime("""
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: quoted-printable

                See https://docs.example.com/view?id=3D17&page=ZZ for the lease, r=C3=A9sum=
                =C3=A9 attached=
                """));
        assertEquals("See https://docs.example.com/view?id=17&page=ZZ for the lease, résumé attached", text.body());
        assertEquals(List.of(), text.problems());
    }

    @Test
    void anUnknownTransferEncodingLeavesTheTextAsSent() throws Exception {
        Text text = MessageText.of(mime("""
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: x-gzip64

                The lease is renewed.
                """));
        assertEquals("The lease is renewed.\n", text.body());
        assertEquals(1, text.problems().size());
        assertTrue(text.problems().get(0).startsWith("Part of the text has a broken x-gzip64 encoding"),
                text.problems().get(0));
    }

    @Test
    void aMissingBoundaryParameterIsFoundFromTheBody() throws Exception {
        Text text = MessageText.of(mime("""
                Content-Type: multipart/alternative

                --b
                Content-Type: text/plain; charset=UTF-8

                The lease is renewed.
                --b--
                """));
        assertEquals("The lease is renewed.", text.body());
        assertEquals(List.of(), text.problems());
    }

    @Test
    void aMultipartThatCannotBeSplitIsShownAsTheTextItHolds() throws Exception {
        Text text = MessageText.of(mime("""
                Content-Type: multipart/mixed; boundary="not-in-the-body"

                --other
                Content-Type: text/plain; charset=UTF-8

                The lease is renewed.
                --other--
                """));
        assertTrue(text.body().contains("The lease is renewed."), text.body());
        assertEquals(List.of("A multipart could not be split: Missing start boundary"), text.problems());

        Text noParts = MessageText.of(mime("""
                Content-Type: multipart/mixed

                The lease is renewed.
                """));
        assertEquals("The lease is renewed.\n", noParts.body());
        assertEquals(List.of("A multipart could not be split: Missing start boundary"), noParts.problems());
    }

    @Test
    void aMissingEndBoundaryStillGivesTheText() throws Exception {
        Text text = MessageText.of(mime("""
                Content-Type: multipart/alternative; boundary="b"

                --b
                Content-Type: text/plain; charset=UTF-8

                The lease is renewed.
                """));
        assertEquals("The lease is renewed.\n", text.body());
        assertEquals(List.of(), text.problems());
    }

    @Test
    void anUnreadableContentTypeIsTakenAsPlainText() throws Exception {
        Text text = MessageText.of(mime("""
                Content-Type: text/plain; charset

                The lease is renewed.
                """));
        assertEquals("The lease is renewed.\n", text.body());
        assertEquals(List.of("A Content-Type could not be read: text/plain; charset"), text.problems());
    }

    /** {@code headersAndBody} after the common headers, with CRLF line ends as an IMAP server sends them. */
    private static MimeMessage mime(String headersAndBody) throws MessagingException {
        String text = (HEADERS + headersAndBody).replace("\n", "\r\n");
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
