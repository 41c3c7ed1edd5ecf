package dev.postmaster.inbound.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** HTML-only mail as text: line structure kept, markup and the clients' quoted originals left out. */
class HtmlTextTest {

    @Test
    void paragraphsAreSeparatedByABlankLineAndBreaksEndALine() {
        String html = "<p>Hello Bob,</p><p>Done.<br>Signed today.</p><p>Regards<br/>Alice</p>";
        assertEquals("Hello Bob,\n\nDone.\nSigned today.\n\nRegards\nAlice", HtmlText.toText(html));
    }

    @Test
    void blocksEachStartALineAndSourceWhitespaceCollapses() {
        String html = "<div>First   line\n  continued</div><div>Second</div>\n\n<div>  Third </div>";
        assertEquals("First line continued\nSecond\nThird", HtmlText.toText(html));
    }

    @Test
    void listItemsAreLinesOfTheirOwn() {
        String html = "<p>Open points:</p><ul><li>Lease</li><li>Keys</li></ul><ol><li>Sign</li><li>Send</li></ol>";
        assertEquals("Open points:\n\nLease\nKeys\nSign\nSend", HtmlText.toText(html));
    }

    @Test
    void linksKeepTheirTextAndEntitiesAreDecoded() {
        String html = "<p>See <a href=\"https://docs.example.com/17\">the contract</a> &amp; the &lt;annex&gt;:"
                + " r&eacute;sum&eacute;, 10&nbsp;&euro;, &#8220;final&#8221;</p>";
        assertEquals("See the contract & the <annex>: résumé, 10 €, \u201cfinal\u201d", HtmlText.toText(html));
    }

    @Test
    void headScriptsAndStylesAreDropped() {
        String html = """
                <html><head><title>Re: Task 17</title><style>p { color: red; }</style></head>
                <body><script>alert('x')</script><p>Done.</p><style>.x{}</style></body></html>
                """;
        assertEquals("Done.", HtmlText.toText(html));
    }

    @Test
    void outlookParagraphsAreLinesAndItsHeaderBlockStaysForQuotedText() {
        String html = """
                <html xmlns:o="urn:schemas-microsoft-com:office:office">
                <head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
                <style><!-- p.MsoNormal, li.MsoNormal {margin:0cm; font-size:11.0pt;} --></style></head>
                <body lang="EN-US" link="#0563C1" vlink="#954F72">
                <div class="WordSection1">
                <p class="MsoNormal">Hi Alice,<o:p></o:p></p>
                <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
                <p class="MsoNormal">Done, the lease is renewed.<o:p></o:p></p>
                <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
                <p class="MsoNormal">Regards<o:p></o:p></p>
                <p class="MsoNormal">Bob<o:p></o:p></p>
                <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
                <div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
                <p class="MsoNormal"><b>From:</b> Postmaster &lt;noreply@acme.test&gt;<br>
                <b>Sent:</b> Tuesday, December 1, 2026 10:00 AM<br>
                <b>To:</b> Bob Builder &lt;bob@example.com&gt;<br>
                <b>Subject:</b> Task 17 &quot;Renew the lease&quot; was assigned to you<o:p></o:p></p>
                </div>
                <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
                <p class="MsoNormal">Task 17 was assigned to you.<o:p></o:p></p>
                </div>
                </body></html>
                """;
        String text = HtmlText.toText(html);
        assertEquals("""
                Hi Alice,

                Done, the lease is renewed.

                Regards
                Bob

                From: Postmaster <noreply@acme.test>
                Sent: Tuesday, December 1, 2026 10:00 AM
                To: Bob Builder <bob@example.com>
                Subject: Task 17 "Renew the lease" was assigned to you

                Task 17 was assigned to you.""", text);
        assertEquals("Hi Alice,\n\nDone, the lease is renewed.\n\nRegards\nBob", QuotedText.strip(text));
    }

    @Test
    void outlookWebDropsEverythingAfterItsMarker() {
        String html = """
                <html><body dir="ltr">
                <div class="elementToProof">Done, the lease is renewed.</div>
                <div class="elementToProof"><br></div>
                <div class="elementToProof">Bob</div>
                <div id="appendonsend"></div>
                <hr style="display:inline-block;width:98%" tabindex="-1">
                <div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" color="#000000">
                <b>From:</b> Postmaster &lt;noreply@acme.test&gt;<br><b>Sent:</b> Tuesday, December 1, 2026 10:00<br>
                <b>Subject:</b> Task 17</font><div>&nbsp;</div></div>
                <div>Task 17 was assigned to you.</div>
                </body></html>
                """;
        assertEquals("Done, the lease is renewed.\n\nBob", HtmlText.toText(html));
    }

    @Test
    void gmailQuoteWithItsAttributionIsDropped() {
        String html = """
                <div dir="ltr">Sounds good, I'll take it from here.<div><br></div><div>Bob</div></div><br>
                <div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Tue, Dec 1, 2026
                at 10:00 AM Alice Example &lt;<a href="mailto:alice@example.com">alice@example.com</a>&gt; wrote:<br>
                </div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid
                rgb(204,204,204);padding-left:1ex"><div dir="ltr">Task 17 was assigned to you.</div></blockquote>
                </div>
                """;
        assertEquals("Sounds good, I'll take it from here.\n\nBob", HtmlText.toText(html));
    }

    @Test
    void appleMailAndThunderbirdCitationsAreDropped() {
        String apple = """
                <html><body style="overflow-wrap: break-word;"><div>Done.</div><div><br>
                <blockquote type="cite"><div>On 1 Dec 2026, at 10:00, Alice &lt;alice@example.com&gt; wrote:</div>
                <br class="Apple-interchange-newline"><div><div>Task 17 was assigned to you.</div></div>
                </blockquote></div><br></body></html>
                """;
        String thunderbird = """
                <html><body><p>Done.</p>
                <div class="moz-cite-prefix">On 01.12.26 10:00, Alice wrote:<br></div>
                <blockquote type="cite" cite="mid:task-17.42.abc@postmaster.test">
                <p>Task 17 was assigned to you.</p></blockquote></body></html>
                """;
        assertEquals("Done.", HtmlText.toText(apple));
        assertEquals("Done.", HtmlText.toText(thunderbird));
    }

    @Test
    void yahooQuoteIsDropped() {
        String html = "<div>Done.</div><div class=\"yahoo_quoted\"><div>On Tuesday, December 1, 2026, Alice"
                + " wrote:</div><div>Task 17</div></div>";
        assertEquals("Done.", HtmlText.toText(html));
    }

    @Test
    void aBlockquoteTheAuthorWroteIsKept() {
        String html = "<p>The landlord wrote:</p><blockquote>The rent stays the same.</blockquote><p>Fine?</p>";
        assertEquals("The landlord wrote:\n\nThe rent stays the same.\nFine?", HtmlText.toText(html));
    }

    @Test
    void nothingIsEmpty() {
        assertEquals("", HtmlText.toText(null));
        assertEquals("", HtmlText.toText("<html><body><p>&nbsp;</p><br></body></html>"));
    }
}
