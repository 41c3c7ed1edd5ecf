package dev.postmaster.settings.boundary;

import static dev.postmaster.settings.boundary.SecretField.IMAP_PASSWORD;
import static dev.postmaster.settings.boundary.SecretField.SMTP_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.infrastructure.DataDirectory;
import dev.postmaster.settings.entity.MailPassword;
import dev.postmaster.settings.entity.MailServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AES-GCM box that seals mail passwords: round trip, wrong key, tampering, values bound to their field, the
 * values sealed before that (v1) still read, the key file written atomically and reported clearly when damaged,
 * and no leaks in messages.
 */
class SecretBoxTest {

    private static final byte[] KEY = filled(7);
    private static final byte[] OTHER_KEY = filled(9);
    /** "Päss wörd €" as version 0.1 sealed it (v1, no associated data) with {@link #KEY}. */
    private static final String SEALED_BY_0_1 = "v1:jl0O0xh+OhyT7VBbtqnhZsVWpX9mjqmh6WTaW6Z8pNE1ykQbNmEAUAs5Tw==";

    @TempDir
    Path data;

    @Test
    void roundTripsAndNeverRepeatsCiphertext() {
        SecretBox box = SecretBox.withKey(KEY);
        String first = box.seal(SMTP_PASSWORD, "Päss wörd €");
        String second = box.seal(SMTP_PASSWORD, "Päss wörd €");
        assertTrue(first.startsWith("v2:"), "new values are bound to their field");
        assertNotEquals(first, second, "a fresh nonce per seal");
        assertFalse(first.contains("wörd"));
        assertEquals("Päss wörd €", box.open(SMTP_PASSWORD, first));
        assertEquals("Päss wörd €", box.open(SMTP_PASSWORD, second));
        assertEquals("imap", box.open(IMAP_PASSWORD, box.seal(IMAP_PASSWORD, "imap")));
    }

    @Test
    void aValueSealedForOneFieldDoesNotOpenInTheOther() {
        SecretBox box = SecretBox.withKey(KEY);
        String smtp = box.seal(SMTP_PASSWORD, "smtp-secret");
        String imap = box.seal(IMAP_PASSWORD, "imap-secret");

        SecretUnreadableException swapped = assertThrows(SecretUnreadableException.class,
                () -> box.open(IMAP_PASSWORD, smtp));
        assertTrue(swapped.getMessage().contains("incoming (IMAP) password"), swapped.getMessage());
        assertTrue(swapped.getMessage().contains("swapped"), swapped.getMessage());
        assertTrue(swapped.getMessage().contains("Email page"), swapped.getMessage());
        assertQuotesNothingOf(smtp, swapped);
        assertFalse(swapped.getMessage().contains("smtp-secret"));
        assertQuotesNothingOf(imap, assertThrows(SecretUnreadableException.class,
                () -> box.open(SMTP_PASSWORD, imap)));
        assertFalse(box.sameSecret(IMAP_PASSWORD, smtp, "smtp-secret"), "not the same secret in another field");
    }

    @Test
    void valuesSealedBeforeFieldsWereBoundStillOpenInEitherField() throws GeneralSecurityException {
        SecretBox box = SecretBox.withKey(KEY);
        String legacy = sealedTheOldWay(KEY, "legacy-secret");

        assertEquals("Päss wörd €", box.open(SMTP_PASSWORD, SEALED_BY_0_1));
        assertEquals("Päss wörd €", box.open(IMAP_PASSWORD, SEALED_BY_0_1));
        assertEquals("legacy-secret", box.open(SMTP_PASSWORD, legacy));
        assertEquals("legacy-secret", box.open(IMAP_PASSWORD, legacy));
        assertTrue(box.sameSecret(SMTP_PASSWORD, legacy, "legacy-secret"));
        assertTrue(box.sameSecret(IMAP_PASSWORD, SEALED_BY_0_1, "Päss wörd €"));
        assertFalse(box.sameSecret(SMTP_PASSWORD, legacy, "other"));
        SecretUnreadableException wrongKey = assertThrows(SecretUnreadableException.class,
                () -> SecretBox.withKey(OTHER_KEY).open(SMTP_PASSWORD, legacy));
        assertTrue(wrongKey.getMessage().contains("POSTMASTER_SECRET_KEY"), wrongKey.getMessage());
        assertQuotesNothingOf(legacy, wrongKey);
    }

    @Test
    void aWrongKeyIsDetectedAndNamesTheSettingToFix() {
        String sealed = SecretBox.withKey(KEY).seal(SMTP_PASSWORD, "secret-4711");
        SecretUnreadableException failure = assertThrows(SecretUnreadableException.class,
                () -> SecretBox.withKey(OTHER_KEY).open(SMTP_PASSWORD, sealed));
        assertTrue(failure.getMessage().contains("POSTMASTER_SECRET_KEY"), failure.getMessage());
        assertTrue(failure.getMessage().contains("outgoing (SMTP) password"), failure.getMessage());
        assertFalse(failure.getMessage().contains("secret-4711"));
        assertQuotesNothingOf(sealed, failure);
    }

    @Test
    void tamperingIsDetected() throws GeneralSecurityException {
        SecretBox box = SecretBox.withKey(KEY);
        String tampered = flipLastBit(box.seal(SMTP_PASSWORD, "secret"));
        String tamperedLegacy = flipLastBit(sealedTheOldWay(KEY, "secret"));
        for (String value : List.of(tampered, tamperedLegacy, "v2:not-base64!", "v1:not-base64!", "v2:AAAA",
                "plain text", "v3:" + tampered.substring(3))) {
            assertQuotesNothingOf(value, assertThrows(SecretUnreadableException.class,
                    () -> box.open(SMTP_PASSWORD, value), value));
        }
        assertThrows(SecretUnreadableException.class, () -> box.open(IMAP_PASSWORD, null));
    }

    @Test
    void comparesWithoutExposing() {
        SecretBox box = SecretBox.withKey(KEY);
        String sealed = box.seal(SMTP_PASSWORD, "same");
        assertTrue(box.sameSecret(SMTP_PASSWORD, sealed, "same"));
        assertFalse(box.sameSecret(SMTP_PASSWORD, sealed, "other"));
        assertFalse(box.sameSecret(SMTP_PASSWORD, null, "same"));
    }

    @Test
    void theLongestPasswordFitsItsColumnSealed() {
        String longest = "€".repeat(MailPassword.MAX_LENGTH);
        assertEquals(3 * MailPassword.MAX_LENGTH, longest.getBytes(StandardCharsets.UTF_8).length,
                "three UTF-8 bytes per character, the most a character of a String counts");

        String sealed = SecretBox.withKey(KEY).seal(IMAP_PASSWORD, longest);

        assertTrue(sealed.length() <= MailServer.SEALED_PASSWORD_LENGTH, sealed.length() + " characters");
    }

    @Test
    void rejectsKeysOfTheWrongSize() {
        assertThrows(SecretUnreadableException.class, () -> SecretBox.withKey(new byte[16]));
    }

    @Test
    void theKeyFileIsWrittenOnceAtomicallyAndOnlyForItsOwner() throws Exception {
        List<WatchEvent.Kind<?>> keyFileEvents = new ArrayList<>();
        String sealed;
        try (WatchService watcher = data.getFileSystem().newWatchService()) {
            data.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);

            sealed = new SecretBox(new DataDirectory(data), Optional.empty()).seal(SMTP_PASSWORD, "secret");

            WatchKey key;
            while ((key = watcher.poll(500, TimeUnit.MILLISECONDS)) != null) {
                key.pollEvents().stream().filter(event -> event.context().toString().equals(SecretBox.KEY_FILE))
                        .forEach(event -> keyFileEvents.add(event.kind()));
                key.reset();
            }
        }

        Path keyFile = data.resolve(SecretBox.KEY_FILE);
        assertEquals(List.of(StandardWatchEventKinds.ENTRY_CREATE), keyFileEvents,
                "the key file appears complete, by a rename, and is not written to after it appeared");
        assertEquals(32, Base64.getDecoder().decode(Files.readString(keyFile).strip()).length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        try (Stream<Path> files = Files.list(data)) {
            assertEquals(List.of(keyFile), files.toList(), "no temporary file is left behind");
        }
        assertEquals("secret", new SecretBox(new DataDirectory(data), Optional.empty()).open(SMTP_PASSWORD, sealed),
                "the next start reads the same key");
    }

    /** A key file cut short: empty, a blank line, a part of the base64 that decodes, and one that does not. */
    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "AAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAA"})
    void aKeyFileCutShortIsReportedWithWhatToDoAndLeftAlone(String content) throws IOException {
        Path keyFile = data.resolve(SecretBox.KEY_FILE);
        Files.writeString(keyFile, content);
        SecretBox box = new SecretBox(new DataDirectory(data), Optional.empty());

        SecretUnreadableException failure = assertThrows(SecretUnreadableException.class,
                () -> box.seal(SMTP_PASSWORD, "secret"));

        String message = failure.getMessage();
        assertTrue(message.contains(keyFile.toString()), message);
        assertTrue(message.contains("Restore it from a backup"), message);
        assertTrue(message.contains("POSTMASTER_SECRET_KEY"), message);
        assertTrue(message.contains("Deleting the file"), message);
        assertTrue(message.contains("can no longer be read"), message);
        assertEquals(content, Files.readString(keyFile), "a damaged key file is never replaced");
        if (!content.isBlank()) {
            assertFalse(message.contains(content), "the message quotes nothing of the file");
        }
    }

    @Test
    void theConfiguredKeyWinsOverTheKeyFile() {
        String configured = Base64.getEncoder().encodeToString(KEY);
        SecretBox box = new SecretBox(new DataDirectory(data), Optional.of(configured));

        String sealed = box.seal(IMAP_PASSWORD, "secret");

        assertEquals("secret", SecretBox.withKey(KEY).open(IMAP_PASSWORD, sealed));
        assertFalse(Files.exists(data.resolve(SecretBox.KEY_FILE)), "no key file is made when a key is set");
    }

    /** Neither the sealed value nor any eight characters of it are in the message. */
    private static void assertQuotesNothingOf(String sealed, SecretUnreadableException failure) {
        String message = failure.getMessage();
        String payload = sealed.length() > 3 ? sealed.substring(3) : sealed;
        for (int start = 0; start + 8 <= payload.length(); start++) {
            assertFalse(message.contains(payload.substring(start, start + 8)), message);
        }
        assertFalse(message.contains(sealed), message);
    }

    /** A value as version 0.1 sealed it: {@code v1:} and AES-GCM without associated data. */
    private static String sealedTheOldWay(byte[] key, String plain) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        Arrays.fill(nonce, (byte) 5);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[nonce.length + sealed.length];
        System.arraycopy(nonce, 0, out, 0, nonce.length);
        System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
        return "v1:" + Base64.getEncoder().encodeToString(out);
    }

    private static String flipLastBit(String sealed) {
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        return sealed.substring(0, 3) + Base64.getEncoder().encodeToString(raw);
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
