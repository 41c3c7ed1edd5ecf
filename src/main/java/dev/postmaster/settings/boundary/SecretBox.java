package dev.postmaster.settings.boundary;

import dev.postmaster.infrastructure.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seals the mail passwords before they are stored and opens them when a mail session is built, with AES-256-GCM
 * from the JCA. GCM authenticates as well as encrypts, so a wrong key or a tampered value is detected instead of
 * yielding garbage that would be sent to a mail server as a password.
 *
 * <p>Every value is sealed for its {@link SecretField}, which GCM authenticates as associated data: a value moved
 * into another field (the SMTP and IMAP passwords swapped in the database, say) does not open there, so neither
 * server is ever sent the other's password. A sealed value reads {@code v2:} followed by the base64 of a random
 * 96-bit nonce and the ciphertext with its tag. Values of the form {@code v1:}, sealed before fields were bound,
 * have no associated data; they still open, in any field, until the password is entered again.
 *
 * <p>The key is {@code POSTMASTER_SECRET_KEY} (base64 of 32 bytes) when set; otherwise it is generated once into
 * {@code secret.key} in the data directory with mode 0600, written in one atomic step (see
 * {@link DataDirectory#writePrivateFileOnce}), so that a crash never leaves a key file that is cut short.
 *
 * <p>No message of this class contains any part of a sealed value, nor of the key.
 */
@ApplicationScoped
public class SecretBox {

    static final String KEY_FILE = "secret.key";
    /** Sealed before values were bound to their field: no associated data. Opened, never written. */
    private static final String LEGACY = "v1:";
    private static final String CURRENT = "v2:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    DataDirectory dataDirectory;

    @Inject
    @ConfigProperty(name = "postmaster.secret.key")
    Optional<String> configuredKey;

    private volatile SecretKey key;

    public SecretBox() {
        // for CDI
    }

    private SecretBox(SecretKey key) {
        this.key = key;
    }

    /** A box that finds its key as the application does, for tests of the key file. */
    SecretBox(DataDirectory dataDirectory, Optional<String> configuredKey) {
        this.dataDirectory = dataDirectory;
        this.configuredKey = configuredKey;
    }

    /** A box with a fixed key, for tests and tools. */
    public static SecretBox withKey(byte[] rawKey) {
        return new SecretBox(toKey(rawKey, "the given key"));
    }

    /** {@code plain} sealed for {@code field}: it opens only there. */
    public String seal(SecretField field, String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(field));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return CURRENT + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * The value {@code sealed} holds, when it was sealed for {@code field} with this box's key (or is a
     * {@code v1:} value, which belongs to no field).
     *
     * @throws SecretUnreadableException when the value was sealed with another key or for another field, or has
     *         been altered; the message names the field and what to do, and never contains any part of the value
     */
    public String open(SecretField field, String sealed) {
        if (sealed == null) {
            throw new SecretUnreadableException("No " + field.label() + " is stored. Enter it on the Email page.");
        }
        if (sealed.startsWith(CURRENT)) {
            byte[] in = decode(field, sealed.substring(CURRENT.length()));
            Optional<String> opened = decrypt(in, field);
            if (opened.isPresent()) {
                return opened.get();
            }
            for (SecretField other : SecretField.values()) {
                if (other != field && decrypt(in, other).isPresent()) {
                    throw new SecretUnreadableException("The stored " + field.label() + " was saved as the "
                            + other.label() + ", so it is not used: stored passwords may have been swapped or"
                            + " copied in the database. Enter the " + field.label() + " again on the Email page.");
                }
            }
            throw wrongKey(field);
        }
        if (sealed.startsWith(LEGACY)) {
            return decrypt(decode(field, sealed.substring(LEGACY.length())), null).orElseThrow(() -> wrongKey(field));
        }
        throw new SecretUnreadableException("The stored " + field.label() + " is not in a format this version can"
                + " read. Enter it again on the Email page.");
    }

    /**
     * Whether {@code sealed} holds {@code plain} for {@code field}, compared in constant time; a value that cannot
     * be opened there holds nothing. Lets a save keep the stored sealed form when the same password is typed
     * again.
     */
    public boolean sameSecret(SecretField field, String sealed, String plain) {
        if (sealed == null || plain == null) {
            return false;
        }
        try {
            return MessageDigest.isEqual(open(field, sealed).getBytes(StandardCharsets.UTF_8),
                    plain.getBytes(StandardCharsets.UTF_8));
        } catch (SecretUnreadableException e) {
            return false;
        }
    }

    /**
     * A key of its own for {@code purpose} (such as signing reply tokens), derived from this box's key with
     * HMAC-SHA256: there is one secret to keep and back up, and no purpose can learn another's key.
     *
     * @throws SecretUnreadableException when the key itself cannot be read
     */
    public byte[] derivedKey(String purpose) {
        return hmac(key().getEncoded(), "postmaster/" + purpose);
    }

    /**
     * The HMAC-SHA256 of {@code payload} under the key derived for {@code purpose}: how reply tokens and address
     * confirmation links are signed, in one place.
     *
     * @throws SecretUnreadableException when the key itself cannot be read
     */
    public byte[] sign(String purpose, String payload) {
        return hmac(derivedKey(purpose), payload);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private SecretKey key() {
        SecretKey current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = loadKey();
                }
                current = key;
            }
        }
        return current;
    }

    private SecretKey loadKey() {
        if (configuredKey.isPresent() && !configuredKey.get().isBlank()) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(configuredKey.get().strip());
            } catch (IllegalArgumentException e) {
                throw new SecretUnreadableException("POSTMASTER_SECRET_KEY is not valid base64;"
                        + " set it to 32 random bytes in base64 (for example: openssl rand -base64 32)");
            }
            return toKey(raw, "POSTMASTER_SECRET_KEY");
        }
        Path file = dataDirectory.resolve(KEY_FILE);
        if (!Files.exists(file)) {
            try {
                KeyGenerator generator = KeyGenerator.getInstance("AES");
                generator.init(KEY_BYTES * 8, RANDOM);
                dataDirectory.writePrivateFileOnce(KEY_FILE,
                        Base64.getEncoder().encodeToString(generator.generateKey().getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES is not available in this JVM", e);
            }
        }
        return keyFromFile(file);
    }

    /**
     * The key in {@code file}. One that is empty or cut short (left, say, by a crash of a version that did not
     * write it atomically) is reported with what to do; it is never replaced, since the passwords stored so far
     * were sealed with the key it held.
     */
    private static SecretKey keyFromFile(Path file) {
        String text;
        try {
            // ISO-8859-1 decodes any bytes, so a garbled file is reported as not a key rather than as unreadable.
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        String problem;
        if (text.isEmpty()) {
            problem = " is empty";
        } else {
            try {
                byte[] raw = Base64.getDecoder().decode(text);
                if (raw.length == KEY_BYTES) {
                    return new SecretKeySpec(raw, "AES");
                }
                problem = " holds " + raw.length + " bytes instead of the " + KEY_BYTES + " of a key";
            } catch (IllegalArgumentException e) {
                problem = " does not hold a key (the base64 of " + KEY_BYTES + " bytes)";
            }
        }
        throw new SecretUnreadableException("The secret key file " + file + problem + "; it may have been cut short"
                + " when it was written, or changed. Restore it from a backup, or set POSTMASTER_SECRET_KEY to the key"
                + " the mail passwords were saved with. Deleting the file makes a new key, with which the stored mail"
                + " passwords can no longer be read: they would have to be entered again on the Email page.");
    }

    private static SecretKey toKey(byte[] raw, String origin) {
        if (raw.length != KEY_BYTES) {
            throw new SecretUnreadableException(origin + " must be 32 bytes (256 bits) in base64, but it is "
                    + raw.length + " bytes");
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** The field a value is bound to, as GCM authenticates it. */
    private static byte[] associatedData(SecretField field) {
        return field.id().getBytes(StandardCharsets.UTF_8);
    }

    /** The nonce, ciphertext and tag of a sealed value, after its prefix. */
    private static byte[] decode(SecretField field, String base64) {
        byte[] in;
        try {
            in = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            in = new byte[0];
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnreadableException("The stored " + field.label() + " is damaged. Enter it again on the"
                    + " Email page.");
        }
        return in;
    }

    /** The value {@code in} holds when sealed for {@code field} (none: a {@code v1:} value), or empty. */
    private Optional<String> decrypt(byte[] in, SecretField field) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            if (field != null) {
                cipher.updateAAD(associatedData(field));
            }
            return Optional.of(new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES),
                    StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static SecretUnreadableException wrongKey(SecretField field) {
        return new SecretUnreadableException("The stored " + field.label() + " cannot be decrypted with the"
                + " current key. Set POSTMASTER_SECRET_KEY (or restore " + KEY_FILE + " in the data directory) to"
                + " the key it was saved with, or enter the password again on the Email page.");
    }
}
