package dev.postmaster.notification.boundary;

import dev.postmaster.settings.boundary.SecretBox;
import dev.postmaster.work.entity.RecordKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reply token of a notification: the local part of its Message-ID names the record and the person it was sent
 * to ({@code task-17.42.<nonce>.<signature>}), signed with HMAC-SHA256 under a key derived from the secret box. A
 * reply carries the token back in In-Reply-To and References, so the incoming side knows what it answers and to
 * whom the original went; a token that was changed, made up or signed with another key is not one.
 */
@ApplicationScoped
public class ReplyTokens {

    /** A verified token: the record a notification was about, and the user it was sent to. */
    public record Token(RecordKind kind, long recordId, long userId) {
    }

    private static final String PURPOSE = "reply-token";
    private static final Pattern TOKEN = Pattern.compile("([a-z]+)-(\\d{1,18})\\.(\\d{1,18})\\.([0-9a-f]{12})"
            + "\\.([0-9a-f]{32})");
    private static final Pattern ID = Pattern.compile("<([^<>@\\s]+)@[^<>\\s]+>");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SecretBox secretBox;

    public ReplyTokens() {
        // for CDI
    }

    public ReplyTokens(SecretBox secretBox) {
        this.secretBox = secretBox;
    }

    /** A fresh token for a notification about {@code kind}/{@code recordId} sent to the user {@code userId}. */
    public String issue(RecordKind kind, long recordId, long userId) {
        byte[] nonce = new byte[6];
        RANDOM.nextBytes(nonce);
        String payload = kind.key() + "-" + recordId + "." + userId + "." + HexFormat.of().formatHex(nonce);
        return payload + "." + HexFormat.of().formatHex(signature(payload));
    }

    /**
     * The first valid token among the message ids in {@code headers} (the values of In-Reply-To and References),
     * if there is one.
     */
    public Optional<Token> find(String... headers) {
        for (String header : headers) {
            if (header == null) {
                continue;
            }
            Matcher id = ID.matcher(header);
            while (id.find()) {
                Optional<Token> token = verify(id.group(1));
                if (token.isPresent()) {
                    return token;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Token> verify(String localPart) {
        Matcher token = TOKEN.matcher(localPart);
        if (!token.matches()) {
            return Optional.empty();
        }
        Optional<RecordKind> kind = RecordKind.ofKey(token.group(1));
        String payload = localPart.substring(0, localPart.lastIndexOf('.'));
        byte[] given = HexFormat.of().parseHex(token.group(5));
        if (kind.isEmpty() || !MessageDigest.isEqual(given, signature(payload))) {
            return Optional.empty();
        }
        return Optional.of(new Token(kind.get(), Long.parseLong(token.group(2)), Long.parseLong(token.group(3))));
    }

    /** The first 128 bits of the HMAC: a forger has to guess them, and a Message-ID stays short. */
    private byte[] signature(String payload) {
        return Arrays.copyOf(secretBox.sign(PURPOSE, payload), 16);
    }
}
