package dev.postmaster;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * GreenMail for integration tests: SMTP and IMAP on fixed loopback ports that differ from the ones
 * {@code scripts/run.sh} gives its sandbox, so tests and a running demo do not collide. Runs in the test JVM
 * (client side); the application under test reaches it over loopback like any mail server. Two test runs on
 * one machine at the same time would share these ports: run one suite at a time.
 */
public final class MailServerSandbox {

    public static final String HOST = "127.0.0.1";
    public static final int SMTP_PORT = 13025;
    public static final int IMAP_PORT = 13143;
    /** SMTP and IMAP over implicit TLS, with GreenMail's self-signed certificate. */
    public static final int SMTPS_PORT = 13465;
    public static final int IMAPS_PORT = 13993;
    public static final String INBOX = "inbox@postmaster.test";
    public static final String INBOX_LOGIN = "inbox";
    public static final String INBOX_PASSWORD = "Inbox-Pa55";
    /**
     * IMAP of a second GreenMail on which any sign-in opens (and at first makes) that account's mailbox, so that
     * each test can read a mailbox of its own.
     */
    public static final int OPEN_IMAP_PORT = 13144;

    private static GreenMail greenMail;
    private static GreenMail openMailboxes;

    private MailServerSandbox() {
    }

    public static synchronized GreenMail start() {
        if (greenMail == null) {
            ServerSetup[] setups = {
                new ServerSetup(SMTP_PORT, HOST, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(IMAP_PORT, HOST, ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(SMTPS_PORT, HOST, ServerSetup.PROTOCOL_SMTPS),
                new ServerSetup(IMAPS_PORT, HOST, ServerSetup.PROTOCOL_IMAPS)};
            for (ServerSetup setup : setups) {
                // A busy two-core machine booting Payara can take longer than GreenMail's default 2 s.
                setup.setServerStartupTimeout(15_000);
            }
            greenMail = new GreenMail(setups);
            greenMail.start();
            greenMail.setUser(INBOX, INBOX_LOGIN, INBOX_PASSWORD);
        }
        return greenMail;
    }

    /** Starts the GreenMail of {@link #OPEN_IMAP_PORT}. */
    public static synchronized void startOpenMailboxes() {
        if (openMailboxes == null) {
            ServerSetup imap = new ServerSetup(OPEN_IMAP_PORT, HOST, ServerSetup.PROTOCOL_IMAP);
            imap.setServerStartupTimeout(15_000);
            openMailboxes = new GreenMail(imap).withConfiguration(GreenMailConfiguration.aConfig()
                    .withDisabledAuthentication());
            openMailboxes.start();
        }
    }

    public static synchronized void stopOpenMailboxes() {
        if (openMailboxes != null) {
            openMailboxes.stop();
            openMailboxes = null;
        }
    }

    public static synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }
}
