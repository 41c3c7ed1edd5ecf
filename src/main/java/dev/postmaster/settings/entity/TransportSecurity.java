package dev.postmaster.settings.entity;

/**
 * How a connection to a mail server is protected. The seed's "Use SSL" box is {@link #SSL_TLS}; STARTTLS is
 * what most submission servers (port 587) and many IMAP servers (143) ask for today.
 */
public enum TransportSecurity {
    /** Plain text. Only for servers on a trusted network. */
    NONE("None", 25, 143),
    /** TLS from the first byte (implicit TLS): the seed's "Use SSL". */
    SSL_TLS("SSL/TLS", 465, 993),
    /** Plain connect, then upgraded with STARTTLS; the upgrade is required, never optional. */
    STARTTLS("STARTTLS", 587, 143);

    private final String label;
    private final int smtpPort;
    private final int imapPort;

    TransportSecurity(String label, int smtpPort, int imapPort) {
        this.label = label;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    public String label() {
        return label;
    }

    /** The port used when none is entered. */
    public int defaultSmtpPort() {
        return smtpPort;
    }

    public int defaultImapPort() {
        return imapPort;
    }
}
