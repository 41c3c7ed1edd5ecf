package dev.postmaster.settings.entity;

/**
 * The protocol a mail server speaks, and the one place its well-known ports are written down: a server whose port
 * is left empty is reached on the port its protocol reserves for the encryption chosen. SMTP's are the
 * documented TeamConnect defaults (25, and 465 with "Use SSL") plus submission with STARTTLS (587, RFC 6409);
 * IMAP's are 143 and 993 (RFC 8314).
 */
public enum Protocol {
    SMTP("outgoing", 25, 465, 587),
    IMAP("incoming", 143, 993, 143);

    private final String direction;
    private final int plainPort;
    private final int sslPort;
    private final int startTlsPort;

    Protocol(String direction, int plainPort, int sslPort, int startTlsPort) {
        this.direction = direction;
        this.plainPort = plainPort;
        this.sslPort = sslPort;
        this.startTlsPort = startTlsPort;
    }

    /** What the Email settings use a server of this protocol for: "outgoing" or "incoming" mail. */
    public String direction() {
        return direction;
    }

    /** How messages name this kind of mail at the start of a sentence: "Outgoing mail", "Incoming mail". */
    public String mailName() {
        return Character.toUpperCase(direction.charAt(0)) + direction.substring(1) + " mail";
    }

    /** The port used when none is entered. */
    public int defaultPort(TransportSecurity security) {
        return switch (security) {
            case NONE -> plainPort;
            case SSL_TLS -> sslPort;
            case STARTTLS -> startTlsPort;
        };
    }
}
