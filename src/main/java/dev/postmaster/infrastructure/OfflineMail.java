package dev.postmaster.infrastructure;

import jakarta.mail.Session;
import java.util.Properties;

/**
 * The one mail session for composing and parsing messages, never for sending (the outbox sends through the
 * sessions the Email settings make). Making a session looks up the mail providers on the class path; done per
 * message, that was a third of the CPU time of telling 1,000 people and of reading a mailbox.
 */
public final class OfflineMail {

    public static final Session SESSION = Session.getInstance(new Properties());

    private OfflineMail() {
    }
}
