package dev.postmaster.mailruntime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.settings.boundary.SecretBox;
import dev.postmaster.settings.boundary.SecretField;
import dev.postmaster.settings.boundary.SecretUnreadableException;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.Protocol;
import dev.postmaster.settings.entity.TransportSecurity;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Sessions are built the same way for both servers: ports from the encryption choice, timeouts always,
 * credentials opened (each server's only as its own), STARTTLS required when chosen.
 */
class MailSessionFactoryTest {

    private final SecretBox box = SecretBox.withKey(key());
    private final MailSessionFactory factory = new MailSessionFactory(box);

    @Test
    void noServerMeansNoSession() {
        assertNull(factory.session(Protocol.SMTP, new MailSettings()));
        assertNull(factory.session(Protocol.IMAP, new MailSettings()));
    }

    @Test
    void smtpSessionCarriesServerSslTimeoutsAndSender() {
        MailSettings settings = new MailSettings();
        settings.getOutgoing().setHost("smtp.example.com");
        settings.getOutgoing().setSsl(true);
        settings.setReplyTo("noreply@example.com");
        Session session = factory.session(Protocol.SMTP, settings);

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
    void starttlsIsRequiredWhenChosenOnEitherServer() {
        MailSettings settings = new MailSettings();
        for (Protocol protocol : Protocol.values()) {
            settings.server(protocol).setHost("mail.example.com");
            settings.server(protocol).setSecurity(TransportSecurity.STARTTLS);
            settings.server(protocol).setUsername("mailer");
            settings.server(protocol).setPasswordSealed(box.seal(SecretField.passwordOf(protocol), "secret"));
        }
        Session smtp = factory.session(Protocol.SMTP, settings);
        Session imap = factory.session(Protocol.IMAP, settings);

        assertEquals("587", smtp.getProperty("mail.smtp.port"));
        assertEquals("true", smtp.getProperty("mail.smtp.starttls.required"));
        assertEquals("false", smtp.getProperty("mail.smtp.ssl.enable"));
        assertEquals("143", imap.getProperty("mail.imap.port"));
        assertEquals("true", imap.getProperty("mail.imap.starttls.required"));
        assertEquals("imap", imap.getProperty("mail.store.protocol"));
    }

    @Test
    void authenticatedSessionsOpenTheSealedPassword() throws Exception {
        MailSettings settings = new MailSettings();
        settings.getOutgoing().setHost("smtp.example.com");
        settings.getOutgoing().setAuthentication(true);
        settings.getOutgoing().setUsername("mailer");
        settings.getOutgoing().setPasswordSealed(box.seal(SecretField.SMTP_PASSWORD, "smtp-secret"));
        settings.getIncoming().setHost("imap.example.com");
        settings.getIncoming().setUsername("inbox");
        settings.getIncoming().setPasswordSealed(box.seal(SecretField.IMAP_PASSWORD, "imap-secret"));

        Session smtp = factory.session(Protocol.SMTP, settings);
        Session imap = factory.session(Protocol.IMAP, settings);

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

    @Test
    void passwordsSwappedBetweenTheServersAreRefused() {
        MailSettings settings = new MailSettings();
        settings.getOutgoing().setHost("smtp.example.com");
        settings.getOutgoing().setAuthentication(true);
        settings.getOutgoing().setUsername("mailer");
        settings.getOutgoing().setPasswordSealed(box.seal(SecretField.IMAP_PASSWORD, "imap-secret"));
        settings.getIncoming().setHost("imap.example.com");
        settings.getIncoming().setUsername("inbox");
        settings.getIncoming().setPasswordSealed(box.seal(SecretField.SMTP_PASSWORD, "smtp-secret"));

        SecretUnreadableException smtp = assertThrows(SecretUnreadableException.class,
                () -> factory.session(Protocol.SMTP, settings));
        SecretUnreadableException imap = assertThrows(SecretUnreadableException.class,
                () -> factory.session(Protocol.IMAP, settings));

        assertTrue(smtp.getMessage().startsWith("The stored outgoing (SMTP) password was saved as the incoming"),
                smtp.getMessage());
        assertTrue(imap.getMessage().startsWith("The stored incoming (IMAP) password was saved as the outgoing"),
                imap.getMessage());
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 3);
        return key;
    }
}
