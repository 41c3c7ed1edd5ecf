package dev.postmaster.mailruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.postmaster.mailruntime.control.MailSessionFactory;
import dev.postmaster.settings.control.SecretBox;
import dev.postmaster.settings.entity.MailSettings;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Sessions are built the same way every time: ports from the SSL choice, timeouts always, credentials opened. */
class MailSessionFactoryTest {

    private final SecretBox box = SecretBox.withKey(key());
    private final MailSessionFactory factory = new MailSessionFactory(box);

    @Test
    void noServerMeansNoSession() {
        assertNull(factory.smtpSession(new MailSettings()));
        assertNull(factory.imapSession(new MailSettings()));
    }

    @Test
    void smtpSessionCarriesServerSslTimeoutsAndSender() {
        MailSettings settings = new MailSettings();
        settings.setSmtpHost("smtp.example.com");
        settings.setSmtpSsl(true);
        settings.setReplyTo("noreply@example.com");
        Session session = factory.smtpSession(settings);

        assertEquals("smtp.example.com", session.getProperty("mail.smtp.host"));
        assertEquals("465", session.getProperty("mail.smtp.port"));
        assertEquals("true", session.getProperty("mail.smtp.ssl.enable"));
        assertEquals("true", session.getProperty("mail.smtp.ssl.checkserveridentity"));
        assertEquals("false", session.getProperty("mail.smtp.auth"));
        assertEquals("10000", session.getProperty("mail.smtp.connectiontimeout"));
        assertEquals("30000", session.getProperty("mail.smtp.timeout"));
        assertEquals("30000", session.getProperty("mail.smtp.writetimeout"));
        assertEquals("noreply@example.com", session.getProperty("mail.smtp.from"));
        assertEquals(false, session.getDebug());
    }

    @Test
    void authenticatedSessionsOpenTheSealedPassword() throws Exception {
        MailSettings settings = new MailSettings();
        settings.setSmtpHost("smtp.example.com");
        settings.setSmtpAuth(true);
        settings.setSmtpUsername("mailer");
        settings.setSmtpPasswordSealed(box.seal("smtp-secret"));
        settings.setImapHost("imap.example.com");
        settings.setImapUsername("inbox");
        settings.setImapPasswordSealed(box.seal("imap-secret"));

        Session smtp = factory.smtpSession(settings);
        Session imap = factory.imapSession(settings);

        assertEquals("true", smtp.getProperty("mail.smtp.auth"));
        PasswordAuthentication smtpLogin = smtp.requestPasswordAuthentication(
                InetAddress.getLoopbackAddress(), 25, "smtp", null, "mailer");
        assertEquals("mailer", smtpLogin.getUserName());
        assertEquals("smtp-secret", smtpLogin.getPassword());
        assertEquals("143", imap.getProperty("mail.imap.port"));
        assertEquals("10000", imap.getProperty("mail.imap.connectiontimeout"));
        assertEquals("30000", imap.getProperty("mail.imap.timeout"));
        assertEquals("imap-secret", imap.requestPasswordAuthentication(
                InetAddress.getLoopbackAddress(), 143, "imap", null, "inbox").getPassword());
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 3);
        return key;
    }
}
