package dev.postmaster.settings.entity;

/**
 * How a connection to a mail server is protected. The documented TeamConnect "Use SSL" box is {@link #SSL_TLS};
 * STARTTLS is what most submission servers (port 587) and many IMAP servers (143) ask for today. Which port each
 * choice implies is the protocol's business ({@link Protocol#defaultPort}).
 */
public enum TransportSecurity {
    /** Plain text. Only for servers on a trusted network. */
    NONE("None"),
    /** TLS from the first byte (implicit TLS): "Use SSL". */
    SSL_TLS("SSL/TLS"),
    /** Plain connect, then upgraded with STARTTLS; the upgrade is required, never optional. */
    STARTTLS("STARTTLS");

    private final String label;

    TransportSecurity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
