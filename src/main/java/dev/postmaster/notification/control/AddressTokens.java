package dev.postmaster.notification.control;

import dev.postmaster.settings.boundary.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The token in an address confirmation link: {@code <contact id>.<address>.<expiry>.<nonce>.<signature>}, the
 * address in base64url, the expiry in epoch seconds, the nonce the contact stored for this link, and an
 * HMAC-SHA256 over all of them under a key of its own derived from the secret box. A token names exactly one
 * address of one contact, for a limited time: a token changed in any part, made up, or signed with another key
 * is not one, and a token for one address says nothing about another. Whether the nonce is still the newest and
 * the address still waits is the contact's to say.
 */
@ApplicationScoped
public class AddressTokens {

    /** What a valid token says. */
    public record Claim(long contactId, String address, Instant expiresAt, String nonce) {

        /** Whether the link may no longer be used at {@code now}. */
        public boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    private static final String PURPOSE = "address-confirmation";
    private static final Pattern TOKEN = Pattern.compile(
            "(\\d{1,18})\\.([A-Za-z0-9_-]{1,400})\\.(\\d{1,12})\\.([0-9a-f]{32})\\.([0-9a-f]{64})");

    @Inject
    SecretBox secretBox;

    public AddressTokens() {
        // for CDI
    }

    public AddressTokens(SecretBox secretBox) {
        this.secretBox = secretBox;
    }

    /** A token for confirming {@code address} of the contact {@code contactId}, valid until {@code expiresAt}. */
    public String issue(long contactId, String address, Instant expiresAt, String nonce) {
        String payload = contactId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                address.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))
                + "." + expiresAt.getEpochSecond() + "." + nonce;
        return payload + "." + HexFormat.of().formatHex(signature(payload));
    }

    /** What {@code token} says, when it is one this application signed (expired or not). */
    public Optional<Claim> read(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher parts = TOKEN.matcher(token.strip());
        if (!parts.matches()) {
            return Optional.empty();
        }
        String payload = token.strip().substring(0, token.strip().lastIndexOf('.'));
        if (!MessageDigest.isEqual(HexFormat.of().parseHex(parts.group(5)), signature(payload))) {
            return Optional.empty();
        }
        String address;
        try {
            address = new String(Base64.getUrlDecoder().decode(parts.group(2)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new Claim(Long.parseLong(parts.group(1)), address,
                Instant.ofEpochSecond(Long.parseLong(parts.group(3))), parts.group(4)));
    }

    private byte[] signature(String payload) {
        return secretBox.sign(PURPOSE, payload);
    }
}
