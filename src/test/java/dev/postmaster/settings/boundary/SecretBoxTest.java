package dev.postmaster.settings.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The AES-GCM box that seals mail passwords: round trip, wrong key, tampering, and no leaks in messages. */
class SecretBoxTest {

    private static final byte[] KEY = filled(7);
    private static final byte[] OTHER_KEY = filled(9);

    @Test
    void roundTripsAndNeverRepeatsCiphertext() {
        SecretBox box = SecretBox.withKey(KEY);
        String first = box.seal("Päss wörd €");
        String second = box.seal("Päss wörd €");
        assertTrue(first.startsWith("v1:"));
        assertNotEquals(first, second, "a fresh nonce per seal");
        assertFalse(first.contains("wörd"));
        assertEquals("Päss wörd €", box.open(first));
        assertEquals("Päss wörd €", box.open(second));
    }

    @Test
    void aWrongKeyIsDetectedAndNamesTheSettingToFix() {
        String sealed = SecretBox.withKey(KEY).seal("secret-4711");
        SecretUnreadableException failure = assertThrows(SecretUnreadableException.class,
                () -> SecretBox.withKey(OTHER_KEY).open(sealed));
        assertTrue(failure.getMessage().contains("POSTMASTER_SECRET_KEY"), failure.getMessage());
        assertFalse(failure.getMessage().contains("secret-4711"));
    }

    @Test
    void tamperingIsDetected() {
        SecretBox box = SecretBox.withKey(KEY);
        byte[] raw = Base64.getDecoder().decode(box.seal("secret").substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThrows(SecretUnreadableException.class, () -> box.open(tampered));
        assertThrows(SecretUnreadableException.class, () -> box.open("v1:not-base64!"));
        assertThrows(SecretUnreadableException.class, () -> box.open("plain text"));
    }

    @Test
    void comparesWithoutExposing() {
        SecretBox box = SecretBox.withKey(KEY);
        String sealed = box.seal("same");
        assertTrue(box.sameSecret(sealed, "same"));
        assertFalse(box.sameSecret(sealed, "other"));
        assertFalse(box.sameSecret(null, "same"));
    }

    @Test
    void rejectsKeysOfTheWrongSize() {
        assertThrows(SecretUnreadableException.class, () -> SecretBox.withKey(new byte[16]));
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
