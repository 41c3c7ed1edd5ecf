package dev.postmaster.notification.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.notification.control.AddressTokens.Claim;
import dev.postmaster.settings.boundary.SecretBox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Address confirmation tokens: a token names one address of one contact until it expires, and only when this
 * application signed it; one that is forged, altered in any part, or made for another address confirms nothing.
 */
class AddressTokensTest {

    private static final String NONCE = "00112233445566778899aabbccddeeff";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofHours(48));

    private final AddressTokens tokens = new AddressTokens(SecretBox.withKey(filled(7)));

    @Test
    void anIssuedTokenSaysWhichAddressOfWhichContactUntilWhen() {
        String token = tokens.issue(42, "Alice@Acme.test", EXPIRES, NONCE);

        assertTrue(token.matches("42\\.[A-Za-z0-9_-]+\\.\\d+\\.[0-9a-f]{32}\\.[0-9a-f]{64}"), token);
        assertEquals(Optional.of(new Claim(42, "alice@acme.test", EXPIRES, NONCE)), tokens.read(token));
        assertFalse(tokens.read(token).orElseThrow().expiredAt(NOW));
    }

    @Test
    void aTokenPastItsTimeIsExpired() {
        Claim claim = tokens.read(tokens.issue(42, "alice@acme.test", EXPIRES, NONCE)).orElseThrow();

        assertFalse(claim.expiredAt(EXPIRES.minusSeconds(1)));
        assertTrue(claim.expiredAt(EXPIRES), "the link stops at its expiry");
        assertTrue(claim.expiredAt(EXPIRES.plus(Duration.ofDays(30))));
    }

    @Test
    void aTokenWithItsExpiryMovedOnIsNoToken() {
        String token = tokens.issue(42, "alice@acme.test", EXPIRES, NONCE);
        String later = String.valueOf(EXPIRES.plus(Duration.ofDays(365)).getEpochSecond());

        assertEquals(Optional.empty(), tokens.read(token.replace("." + EXPIRES.getEpochSecond() + ".",
                "." + later + ".")));
    }

    @Test
    void aTokenForOneAddressConfirmsNoOther() {
        String token = tokens.issue(42, "alice@acme.test", EXPIRES, NONCE);
        String alice = encoded("alice@acme.test");

        assertEquals("alice@acme.test", tokens.read(token).orElseThrow().address());
        assertEquals(Optional.empty(), tokens.read(token.replace(alice, encoded("ceo@acme.test"))),
                "the address swapped for another");
        assertEquals(Optional.empty(), tokens.read(token.replace("42.", "43.")), "another contact");
        assertEquals(Optional.empty(), tokens.read(token.replace(NONCE, NONCE.replace('0', '1'))),
                "another link's nonce");
    }

    @Test
    void aForgedTokenIsNoToken() {
        String genuine = tokens.issue(42, "ceo@acme.test", EXPIRES, NONCE);
        String otherKey = new AddressTokens(SecretBox.withKey(filled(8))).issue(42, "ceo@acme.test", EXPIRES, NONCE);
        String payload = genuine.substring(0, genuine.lastIndexOf('.'));

        assertEquals(Optional.empty(), tokens.read(otherKey), "signed with another key");
        assertEquals(Optional.empty(), tokens.read(payload + "." + "0".repeat(64)), "a made-up signature");
        assertEquals(Optional.empty(), tokens.read(payload), "no signature");
        assertEquals(Optional.empty(), tokens.read(genuine.substring(0, genuine.length() - 1)), "cut short");
        assertEquals(Optional.empty(), tokens.read(genuine + "0"), "too long");
        assertEquals(Optional.empty(), tokens.read(""));
        assertEquals(Optional.empty(), tokens.read(null));
        assertEquals(Optional.empty(), tokens.read("42.!!!." + EXPIRES.getEpochSecond() + "." + NONCE + "."
                + "0".repeat(64)));
    }

    @Test
    void theKeyIsOneOfItsOwn() {
        // Signed with the reply tokens' purpose, the same payload would not be an address token.
        SecretBox box = SecretBox.withKey(filled(7));
        assertFalse(Arrays.equals(box.derivedKey("address-confirmation"), box.derivedKey("reply-token")));
    }

    private static String encoded(String address) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(address.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
