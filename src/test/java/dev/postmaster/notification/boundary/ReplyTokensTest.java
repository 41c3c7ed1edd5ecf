package dev.postmaster.notification.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.notification.boundary.ReplyTokens.Token;
import dev.postmaster.settings.boundary.SecretBox;
import dev.postmaster.work.entity.RecordKind;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reply tokens in Message-IDs: found again in In-Reply-To and References, and only when signed by us. */
class ReplyTokensTest {

    private final ReplyTokens tokens = new ReplyTokens(SecretBox.withKey(filled(7)));

    @Test
    void anIssuedTokenIsFoundInTheReplysInReplyTo() {
        String token = tokens.issue(RecordKind.TASK, 17, 42);
        assertTrue(token.matches("task-17\\.42\\.[0-9a-f]{12}\\.[0-9a-f]{32}"), token);
        assertEquals(Optional.of(new Token(RecordKind.TASK, 17, 42)), tokens.find(id(token), null));
    }

    @Test
    void everyKindAndLargeIdsRoundTrip() {
        for (RecordKind kind : RecordKind.values()) {
            String token = tokens.issue(kind, 9_007_199_254_740_993L, 1);
            assertEquals(Optional.of(new Token(kind, 9_007_199_254_740_993L, 1)), tokens.find(id(token)));
        }
    }

    @Test
    void aTokenAmongSeveralIdsInReferencesIsFound() {
        String token = tokens.issue(RecordKind.APPOINTMENT, 5, 9);
        String references = "<CAHk9x2Qw=abc123@mail.gmail.com>\r\n " + id(token)
                + "\r\n <AM0PR08MB1234.eurprd08.prod.outlook.com>";
        assertEquals(Optional.of(new Token(RecordKind.APPOINTMENT, 5, 9)),
                tokens.find("<CAHk9x2Qw=def456@mail.gmail.com>", references));
    }

    @Test
    void aChangedRecordOrUserOrKindIsNoToken() {
        String token = tokens.issue(RecordKind.TASK, 17, 42);
        assertEquals(Optional.empty(), tokens.find(id(token.replace("task-17.", "task-18."))));
        assertEquals(Optional.empty(), tokens.find(id(token.replace(".42.", ".43."))));
        assertEquals(Optional.empty(), tokens.find(id(token.replace("task-", "project-"))));
    }

    @Test
    void aMadeUpSignatureIsNoToken() {
        String token = tokens.issue(RecordKind.TASK, 17, 42);
        String payload = token.substring(0, token.lastIndexOf('.'));
        assertEquals(Optional.empty(), tokens.find(id(payload + "." + "0".repeat(32))));
        assertEquals(Optional.empty(), tokens.find(id(payload + "." + HexFormat.of().formatHex(new byte[16]))));
        String signature = token.substring(token.lastIndexOf('.') + 1);
        char last = signature.charAt(31);
        String flipped = signature.substring(0, 31) + (last == 'a' ? 'b' : 'a');
        assertEquals(Optional.empty(), tokens.find(id(payload + "." + flipped)));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsNoToken() {
        String foreign = new ReplyTokens(SecretBox.withKey(filled(9))).issue(RecordKind.TASK, 17, 42);
        assertEquals(Optional.empty(), tokens.find(id(foreign)));
    }

    @Test
    void idsThatAreNoTokensAndMissingHeadersFindNothing() {
        assertEquals(Optional.empty(), tokens.find());
        assertEquals(Optional.empty(), tokens.find((String) null));
        assertEquals(Optional.empty(), tokens.find(null, null));
        assertEquals(Optional.empty(), tokens.find("", "   "));
        assertEquals(Optional.empty(), tokens.find("<CAHk9x2Qw=abc123@mail.gmail.com>"));
        String token = tokens.issue(RecordKind.TASK, 17, 42);
        assertEquals(Optional.empty(), tokens.find(token), "a bare token is no message id");
        assertEquals(Optional.empty(), tokens.find(id("unknown-17.42" + token.substring(token.indexOf(".42") + 3))));
    }

    @Test
    void twoTokensForTheSameNotificationDiffer() {
        String first = tokens.issue(RecordKind.TASK, 17, 42);
        String second = tokens.issue(RecordKind.TASK, 17, 42);
        assertNotEquals(first, second, "a fresh nonce per mail");
        assertEquals(tokens.find(id(first)), tokens.find(id(second)));
    }

    private static String id(String token) {
        return "<" + token + "@postmaster.acme.test>";
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
