package dev.postmaster.inbound.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Replies as the common mail clients write them: what the author wrote stays, the quoted notification goes. */
class QuotedTextTest {

    private static final String REPLY = "I have called the landlord.\nThe lease is renewed until March.";

    @Test
    void gmailAttributionAndQuotedLinesGo() {
        String mail = """
                I have called the landlord.
                The lease is renewed until March.

                On Tue, Dec 1, 2026 at 10:00 AM Alice Example <alice@example.com> wrote:

                > Task 17 "Renew the lease" was assigned to you.
                >
                > Due: 2026-12-15
                """;
        assertEquals(REPLY, QuotedText.strip(mail));
    }

    @Test
    void gmailAttributionWrappedInsideTheAddressGoes() {
        String mail = """
                I have called the landlord.
                The lease is renewed until March.

                On Tue, Dec 1, 2026 at 10:00 AM Alice Example from Accounting <
                alice.example@accounting.example.com> wrote:

                > Task 17 "Renew the lease" was assigned to you.
                """;
        assertEquals(REPLY, QuotedText.strip(mail));
    }

    @Test
    void gmailAttributionWrappedBeforeTheAddressGoes() {
        String mail = """
                I have called the landlord.
                The lease is renewed until March.

                On Tue, Dec 1, 2026 at 10:00 AM Alice Example
                <alice@example.com> wrote:
                > Task 17 "Renew the lease" was assigned to you.
                """;
        assertEquals(REPLY, QuotedText.strip(mail));
    }

    @Test
    void appleMailAttributionGoes() {
        String mail = """
                I have called the landlord.
                The lease is renewed until March.

                Sent from my iPhone

                On 1 Dec 2026, at 10:00, Alice <alice@example.com> wrote:

                > Task 17 "Renew the lease" was assigned to you.
                """;
        assertEquals(REPLY + "\n\nSent from my iPhone", QuotedText.strip(mail));
    }

    @Test
    void appleMailOnIosQuotesTheAttributionItself() {
        String mail = """
                I have called the landlord.
                The lease is renewed until March.

                > On 1 Dec 2026, at 10:00, Alice <alice@example.com> wrote:
                >\s
                > Task 17 "Renew the lease" was assigned to you.
                """;
        assertEquals(REPLY, QuotedText.strip(mail));
    }

    @Test
    void thunderbirdAttributionGoes() {
        String mail = """
                I have called the landlord.
                The lease is renewed until March.

                On 01.12.26 10:00, Alice wrote:
                > Task 17 "Renew the lease" was assigned to you.
                """;
        assertEquals(REPLY, QuotedText.strip(mail));
    }

    @Test
    void outlookDesktopOriginalMessageBlockGoes() {
        String mail = """
                I have called the landlord.
                The lease is renewed until March.

                -----Original Message-----
                From: Postmaster <noreply@acme.test>
                Sent: Tuesday, December 1, 2026 10:00 AM
                To: Bob Builder <bob@example.com>
                Subject: Task 17 "Renew the lease" was assigned to you

                Task 17 "Renew the lease" was assigned to you.
                """;
        assertEquals(REPLY, QuotedText.strip(mail));
    }

    @Test
    void outlookWebHeaderBlockAfterUnderscoresGoes() {
        String mail = """
                I have called the landlord.
                The lease is renewed until March.

                ________________________________
                From: Postmaster <noreply@acme.test>
                Sent: Tuesday, December 1, 2026 10:00
                To: Bob Builder <bob@example.com>
                Subject: Task 17 "Renew the lease" was assigned to you

                Task 17 "Renew the lease" was assigned to you.
                """;
        assertEquals(REPLY, QuotedText.strip(mail));
    }

    @Test
    void outlookHeaderBlockWithoutSeparatorGoes() {
        String mail = """
                I have called the landlord.
                The lease is renewed until March.

                From: Alice Example <alice@example.com>
                Sent: Tuesday, December 1, 2026 10:00 AM
                To: Bob Builder <bob@example.com>
                Subject: Task 17 "Renew the lease" was assigned to you

                Task 17 "Renew the lease" was assigned to you.
                """;
        assertEquals(REPLY, QuotedText.strip(mail));
    }

    @Test
    void germanAttributionGoes() {
        String mail = """
                Ich habe den Vermieter angerufen.

                Am 01.12.2026 um 10:00 schrieb Alice <alice@example.com>:
                > Aufgabe 17 wurde Ihnen zugewiesen.
                """;
        assertEquals("Ich habe den Vermieter angerufen.", QuotedText.strip(mail));
    }

    @Test
    void germanGmailAttributionWrappedGoes() {
        String mail = """
                Ich habe den Vermieter angerufen.

                Am Di., 1. Dez. 2026 um 10:00 Uhr schrieb Alice Example aus der Buchhaltung <
                alice@example.com>:

                > Aufgabe 17 wurde Ihnen zugewiesen.
                """;
        assertEquals("Ich habe den Vermieter angerufen.", QuotedText.strip(mail));
    }

    @Test
    void germanOutlookOriginalMessageGoes() {
        String mail = """
                Ich habe den Vermieter angerufen.

                Mit freundlichen Grüßen
                Bob

                -----Ursprüngliche Nachricht-----
                Von: Postmaster <noreply@acme.test>
                Gesendet: Dienstag, 1. Dezember 2026 10:00
                An: Bob Builder <bob@example.com>
                Betreff: Aufgabe 17 wurde Ihnen zugewiesen

                Aufgabe 17 wurde Ihnen zugewiesen.
                """;
        assertEquals("Ich habe den Vermieter angerufen.\n\nMit freundlichen Grüßen\nBob", QuotedText.strip(mail));
    }

    @Test
    void germanOutlookHeaderBlockWithoutSeparatorGoes() {
        String mail = """
                Erledigt.

                Von: Postmaster <noreply@acme.test>
                Gesendet: Dienstag, 1. Dezember 2026 10:00
                An: Bob Builder <bob@example.com>
                Betreff: Aufgabe 17 wurde Ihnen zugewiesen
                """;
        assertEquals("Erledigt.", QuotedText.strip(mail));
    }

    @Test
    void frenchAttributionGoes() {
        String mail = """
                J'ai appelé le propriétaire.

                Le mar. 1 déc. 2026 à 10:00, Alice <alice@example.com> a écrit :
                > La tâche 17 vous a été attribuée.
                """;
        assertEquals("J'ai appelé le propriétaire.", QuotedText.strip(mail));
    }

    @Test
    void frenchAttributionWithTheNoBreakSpaceBeforeTheColonGoes() {
        String mail = "J'ai appelé le propriétaire.\n\n"
                + "Le mar. 1 déc. 2026 à 10:00, Alice <alice@example.com> a écrit\u00a0:\n"
                + "> La tâche 17 vous a été attribuée.\n";
        assertEquals("J'ai appelé le propriétaire.", QuotedText.strip(mail));
    }

    @Test
    void frenchAttributionWrappedBeforeAEcritGoes() {
        String mail = """
                J'ai appelé le propriétaire.

                Le mar. 1 déc. 2026 à 10:00, Alice Example <alice@example.com>
                a écrit :

                > La tâche 17 vous a été attribuée.
                """;
        assertEquals("J'ai appelé le propriétaire.", QuotedText.strip(mail));
    }

    @Test
    void frenchOutlookHeaderBlockGoes() {
        String mail = """
                C'est fait.

                De : Postmaster <noreply@acme.test>
                Envoyé : mardi 1 décembre 2026 10:00
                À : Bob Builder <bob@example.com>
                Objet : La tâche 17 vous a été attribuée
                """;
        assertEquals("C'est fait.", QuotedText.strip(mail));
    }

    @Test
    void quotedLinesAtTheBottomGo() {
        String mail = """
                I have called the landlord.
                The lease is renewed until March.

                > Task 17 "Renew the lease" was assigned to you.
                >
                > Due: 2026-12-15
                """;
        assertEquals(REPLY, QuotedText.strip(mail));
    }

    @Test
    void answersBetweenQuotedLinesAreKeptWithTheirQuestions() {
        String mail = """
                > Can you renew the lease by Friday?
                Yes, I signed it today.

                > And is the rent the same?
                It goes up by 2 % in March.

                > Due: 2026-12-15
                > Assigned by Alice
                """;
        assertEquals("""
                > Can you renew the lease by Friday?
                Yes, I signed it today.

                > And is the rent the same?
                It goes up by 2 % in March.""", QuotedText.strip(mail));
    }

    @Test
    void answersInlineBelowAnAttributionAreKept() {
        String mail = """
                My answers are below.

                On 01.12.26 10:00, Alice wrote:
                > Can you renew the lease by Friday?
                Yes, I signed it today.

                > And is the rent the same?
                It goes up by 2 % in March.

                > Thanks, Alice
                --\s
                Bob Builder
                """;
        assertEquals("""
                My answers are below.

                On 01.12.26 10:00, Alice wrote:
                > Can you renew the lease by Friday?
                Yes, I signed it today.

                > And is the rent the same?
                It goes up by 2 % in March.""", QuotedText.strip(mail));
    }

    @Test
    void aBottomPostedReplyIsKept() {
        String mail = """
                On Tue, Dec 1, 2026 at 10:00 AM Alice Example <alice@example.com> wrote:
                > Task 17 "Renew the lease" was assigned to you.

                I have called the landlord.
                """;
        assertEquals("""
                On Tue, Dec 1, 2026 at 10:00 AM Alice Example <alice@example.com> wrote:
                > Task 17 "Renew the lease" was assigned to you.

                I have called the landlord.""", QuotedText.strip(mail));
    }

    @Test
    void theSignatureGoes() {
        String mail = """
                I have called the landlord.
                The lease is renewed until March.

                --\s
                Bob Builder
                Facility Management, ACME
                """;
        assertEquals(REPLY, QuotedText.strip(mail));
    }

    @Test
    void aDashDashLineThatIsNotTheSeparatorStays() {
        String mail = """
                Options:
                -- renew for a year
                -- renew for two years
                """;
        assertEquals("Options:\n-- renew for a year\n-- renew for two years", QuotedText.strip(mail));
    }

    @Test
    void aReplyThatIsOnlyAQuoteIsLeftWhole() {
        String mail = """
                On Tue, Dec 1, 2026 at 10:00 AM Alice Example <alice@example.com> wrote:
                > Task 17 "Renew the lease" was assigned to you.

                """;
        assertEquals("On Tue, Dec 1, 2026 at 10:00 AM Alice Example <alice@example.com> wrote:\n"
                + "> Task 17 \"Renew the lease\" was assigned to you.", QuotedText.strip(mail));
    }

    @Test
    void sentencesStartingLikeAnAttributionStay() {
        String mail = """
                On Monday I will call the landlord.
                On Tuesday we sign.

                On Monday I will also tell him what you wrote:
                the lease must be renewed.

                Am Ende schrieb er mir:
                alles in Ordnung.

                Le notaire a écrit :
                tout est en ordre.
                """;
        assertEquals(mail.strip(), QuotedText.strip(mail));
    }

    @Test
    void aSentenceWrappedOntoAnotherLineIsNoAttribution() {
        String mail = """
                Thanks.

                On Monday I will call the landlord and ask him
                about what the agent wrote:
                the lease must be renewed.
                """;
        assertEquals(mail.strip(), QuotedText.strip(mail));
    }

    @Test
    void aLastLineBeforeAQuotedAttributionIsNotMistakenForItsFirstHalf() {
        String mail = """
                I have called the landlord.
                On Friday the lease is signed, thanks
                > On 1 Dec 2026, at 10:00, Alice <alice@example.com> wrote:
                > Task 17 "Renew the lease" was assigned to you.
                """;
        assertEquals("I have called the landlord.\nOn Friday the lease is signed, thanks",
                QuotedText.strip(mail));
    }

    @Test
    void windowsLineEndingsBecomeLineFeeds() {
        String mail = "I have called the landlord.\r\nThe lease is renewed until March.\r\n\r\n"
                + "On Tue, Dec 1, 2026 at 10:00 AM Alice Example <alice@example.com> wrote:\r\n"
                + "\r\n"
                + "> Task 17 \"Renew the lease\" was assigned to you.\r\n";
        assertEquals(REPLY, QuotedText.strip(mail));
        assertEquals("> only\n> quoted", QuotedText.strip("> only\r\n> quoted\r\n"));
    }

    @Test
    void nothingIsEmpty() {
        assertEquals("", QuotedText.strip(null));
        assertEquals("", QuotedText.strip("  \n \n"));
    }
}
