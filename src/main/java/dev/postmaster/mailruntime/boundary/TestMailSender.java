package dev.postmaster.mailruntime.boundary;

import dev.postmaster.mailruntime.control.MailSessionFactory;
import dev.postmaster.notification.boundary.SenderPolicy;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.validation.MailAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * Sends the Email page's test mail through the <em>active</em> sessions, the ones the application really uses,
 * so a success proves what runs now and not what might run after the next restart. Failures are translated
 * into what an administrator can act on (wrong port, refused password, unknown host) with the server's own words
 * kept.
 */
@ApplicationScoped
public class TestMailSender {

    @Inject
    MailRuntime runtime;

    @Inject
    SenderPolicy senderPolicy;

    @Inject
    Logger log;

    public TestMailOutcome send(String recipient) {
        if (recipient == null || !MailAddress.Validator.isAddress(recipient.strip())) {
            return TestMailOutcome.refused("Enter one email address such as you@example.com to send the test to.");
        }
        MailSessions sessions = runtime.current();
        if (sessions.settings() == null) {
            return TestMailOutcome.refused("There are no active settings yet, so nothing was sent."
                    + " Save the settings and restart the application first.");
        }
        if (sessions.smtp() == null) {
            return TestMailOutcome.refused("Outgoing mail is off in the active settings, so nothing was sent: "
                    + String.join("; ", sessions.problems()));
        }
        MailSettings settings = sessions.settings();
        SenderPolicy.Sender sender = senderPolicy.forSystemMail(settings);
        if (!sender.canSend()) {
            return TestMailOutcome.refused("The active settings have no Reply-To Address, and system mail cannot be"
                    + " sent without one. Nothing was sent.");
        }
        Session session = sessions.smtp();
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(sender.address().get());
            message.setReplyTo(new InternetAddress[] {sender.address().get()});
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient.strip(), true));
            message.setSubject(settings.getApplicationName() + " test email", StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setText("This is a test email from " + settings.getApplicationName() + ".\n\n"
                    + "It was sent at " + Instant.now() + " through " + settings.getSmtpHost() + ":"
                    + settings.effectiveSmtpPort() + " using the active Email settings.\n",
                    StandardCharsets.UTF_8.name());
            message.saveChanges();
            String reply;
            try (Transport transport = session.getTransport()) {
                transport.connect();
                transport.sendMessage(message, message.getAllRecipients());
                reply = lastServerReply(transport);
            }
            String messageId = message.getMessageID();
            log.info(() -> "Test email " + messageId + " accepted by " + settings.getSmtpHost());
            return TestMailOutcome.accepted(messageId, reply);
        } catch (MessagingException e) {
            String problem = explain(e, settings);
            log.warning(() -> "Test email failed: " + problem);
            return TestMailOutcome.refused(problem);
        }
    }

    /** Angus Mail keeps the last reply on its transport; read it without tying the code to Angus classes. */
    private static String lastServerReply(Transport transport) {
        try {
            Object reply = transport.getClass().getMethod("getLastServerResponse").invoke(transport);
            return reply == null ? "" : reply.toString().strip();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "";
        }
    }

    static String explain(MessagingException failure, MailSettings settings) {
        String server = settings.getSmtpHost() + ":" + settings.effectiveSmtpPort();
        String serverWords = firstLine(failure.getMessage());
        if (failure instanceof AuthenticationFailedException) {
            return "The server " + server + " rejected the username or password."
                    + (serverWords.isEmpty() ? "" : " It said: " + serverWords);
        }
        if (failure instanceof SendFailedException) {
            return "The server " + server + " refused the message or its recipient. It said: " + serverWords;
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return "The server name " + settings.getSmtpHost() + " could not be found. Check the spelling.";
            }
            if (cause instanceof ConnectException) {
                return "Could not connect to " + server + ": " + firstLine(cause.getMessage())
                        + ". Check the server name and port, and that the server is running.";
            }
            if (cause instanceof SocketTimeoutException) {
                return "The server " + server + " did not answer in time (" + firstLine(cause.getMessage())
                        + "). Check the port and the Use SSL choice, or whether a firewall is in the way.";
            }
            if (cause instanceof SSLException) {
                return "The secure connection to " + server + " failed: " + firstLine(cause.getMessage())
                        + ". Port 465 uses SSL; ports 25 and 587 do not. Check that Use SSL matches the port.";
            }
        }
        return "Sending through " + server + " failed: " + serverWords;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
