package dev.postmaster.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers recent successful password checks, so a client that signs every request (HTTP Basic) does not pay
 * for PBKDF2 each time. What is kept is an HMAC of user name and password under a key that exists only in this
 * process's memory, with the stored hash it was checked against: nothing here can be turned back into a
 * password, and a changed stored hash voids the entry.
 */
@ApplicationScoped
public class VerifiedPasswords {

    /** How long a successful check is remembered. */
    public static final Duration FOR = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(String storedHash, Instant until) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final byte[] key = new byte[32];
    private final Clock clock;

    public VerifiedPasswords() {
        this(Clock.systemUTC());
    }

    public VerifiedPasswords(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    public boolean remembers(String username, String password, String storedHash) {
        Entry entry = entries.get(fingerprint(username, password));
        return entry != null && entry.until().isAfter(clock.instant())
                && MessageDigest.isEqual(entry.storedHash().getBytes(StandardCharsets.UTF_8),
                        storedHash.getBytes(StandardCharsets.UTF_8));
    }

    public void remember(String username, String password, String storedHash) {
        if (entries.size() >= MAX_ENTRIES) {
            Instant now = clock.instant();
            entries.values().removeIf(entry -> !entry.until().isAfter(now));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(fingerprint(username, password), new Entry(storedHash, clock.instant().plus(FOR)));
    }

    private String fingerprint(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
