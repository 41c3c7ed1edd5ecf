package dev.postmaster.mailruntime.control;

import dev.postmaster.settings.control.SecretBox;
import dev.postmaster.settings.entity.MailSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.Properties;

/**
 * The one place a {@link Session} is built from settings. Every session gets connect, read and write timeouts
 * (a mail server that stops answering must never hang a request thread or a timer) and, with SSL, host-name
 * checking of the server certificate. Passwords are opened from their sealed form only here, into the session's
 * {@link Authenticator}; mail debug output stays off so nothing of the AUTH exchange reaches a log.
 */
@ApplicationScoped
public class MailSessionFactory {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    SecretBox secretBox;

    public MailSessionFactory() {
        // for CDI
    }

    public MailSessionFactory(SecretBox secretBox) {
        this.secretBox = secretBox;
    }

    /** The outgoing session, or {@code null} when no outgoing server is set. */
    public Session smtpSession(MailSettings settings) {
        if (!settings.hasOutgoingServer()) {
            return null;
        }
        Properties props = new Properties();
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", settings.getSmtpHost());
        props.put("mail.smtp.port", Integer.toString(settings.effectiveSmtpPort()));
        props.put("mail.smtp.ssl.enable", Boolean.toString(settings.isSmtpSsl()));
        props.put("mail.smtp.ssl.checkserveridentity", "true");
        props.put("mail.smtp.auth", Boolean.toString(settings.isSmtpAuth()));
        timeouts(props, "mail.smtp");
        if (settings.hasReplyTo()) {
            // Envelope sender and the domain of generated Message-IDs.
            props.put("mail.smtp.from", settings.getReplyTo());
            props.put("mail.from", settings.getReplyTo());
        }
        Authenticator authenticator = settings.isSmtpAuth()
                ? authenticator(settings.getSmtpUsername(), secretBox.open(settings.getSmtpPasswordSealed()))
                : null;
        return Session.getInstance(props, authenticator);
    }

    /** The incoming (IMAP) session, or {@code null} when no incoming server is set. */
    public Session imapSession(MailSettings settings) {
        if (!settings.hasIncomingServer()) {
            return null;
        }
        Properties props = new Properties();
        props.put("mail.store.protocol", "imap");
        props.put("mail.imap.host", settings.getImapHost());
        props.put("mail.imap.port", Integer.toString(settings.effectiveImapPort()));
        props.put("mail.imap.ssl.enable", Boolean.toString(settings.isImapSsl()));
        props.put("mail.imap.ssl.checkserveridentity", "true");
        if (settings.getImapUsername() != null) {
            props.put("mail.imap.user", settings.getImapUsername());
        }
        timeouts(props, "mail.imap");
        return Session.getInstance(props,
                authenticator(settings.getImapUsername(), secretBox.open(settings.getImapPasswordSealed())));
    }

    private static void timeouts(Properties props, String prefix) {
        props.put(prefix + ".connectiontimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
        props.put(prefix + ".timeout", Long.toString(READ_TIMEOUT.toMillis()));
        props.put(prefix + ".writetimeout", Long.toString(WRITE_TIMEOUT.toMillis()));
    }

    private static Authenticator authenticator(String username, String password) {
        PasswordAuthentication credentials = new PasswordAuthentication(username, password);
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return credentials;
            }
        };
    }
}
