package dev.postmaster.settings.boundary;

import dev.postmaster.settings.entity.Protocol;

/**
 * The place a sealed secret belongs to. {@link SecretBox} binds every value it seals to its field (as AES-GCM
 * associated data), so that a sealed value copied or swapped into another column of the database, such as the
 * SMTP password into the IMAP one, does not open there: the mail server would otherwise be sent the other
 * server's password.
 *
 * <p>The {@link #id()} is part of every sealed value: it must never change, or the values stored for the field
 * can no longer be opened.
 */
public enum SecretField {
    SMTP_PASSWORD(Protocol.SMTP, "smtp.password", "password"),
    IMAP_PASSWORD(Protocol.IMAP, "imap.password", "password"),
    SMTP_CLIENT_SECRET(Protocol.SMTP, "smtp.oauth.client-secret", "OAuth2 client secret"),
    IMAP_CLIENT_SECRET(Protocol.IMAP, "imap.oauth.client-secret", "OAuth2 client secret"),
    SMTP_REFRESH_TOKEN(Protocol.SMTP, "smtp.oauth.refresh-token", "OAuth2 refresh token"),
    IMAP_REFRESH_TOKEN(Protocol.IMAP, "imap.oauth.refresh-token", "OAuth2 refresh token");

    private final Protocol protocol;
    private final String id;
    private final String what;

    SecretField(Protocol protocol, String id, String what) {
        this.protocol = protocol;
        this.id = id;
        this.what = what;
    }

    /** The field that holds the OAuth2 client secret of the server speaking {@code protocol}. */
    public static SecretField clientSecretOf(Protocol protocol) {
        return protocol == Protocol.SMTP ? SMTP_CLIENT_SECRET : IMAP_CLIENT_SECRET;
    }

    /** The field that holds the OAuth2 refresh token of the server speaking {@code protocol}. */
    public static SecretField refreshTokenOf(Protocol protocol) {
        return protocol == Protocol.SMTP ? SMTP_REFRESH_TOKEN : IMAP_REFRESH_TOKEN;
    }

    /** The field that holds the password of the server speaking {@code protocol}. */
    public static SecretField passwordOf(Protocol protocol) {
        return protocol == Protocol.SMTP ? SMTP_PASSWORD : IMAP_PASSWORD;
    }

    /** The name the sealed values are bound to; stable across versions. */
    public String id() {
        return id;
    }

    /** How a message names the field, such as "outgoing (SMTP) password". */
    public String label() {
        return protocol.direction() + " (" + protocol.name() + ") " + what;
    }
}
