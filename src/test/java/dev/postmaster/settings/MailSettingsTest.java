package dev.postmaster.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.settings.entity.MailSettings;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Port defaults, change detection and the cross-field credential rules of the settings value. */
class MailSettingsTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void emptyPortsFollowTheSslChoice() {
        MailSettings settings = new MailSettings();
        assertEquals(25, settings.effectiveSmtpPort());
        assertEquals(143, settings.effectiveImapPort());
        settings.setSmtpSsl(true);
        settings.setImapSsl(true);
        assertEquals(465, settings.effectiveSmtpPort());
        assertEquals(993, settings.effectiveImapPort());
        settings.setSmtpPort(587);
        settings.setImapPort(1143);
        assertEquals(587, settings.effectiveSmtpPort());
        assertEquals(1143, settings.effectiveImapPort());
    }

    @Test
    void defaultsAreTheSeeds() {
        MailSettings settings = new MailSettings();
        assertEquals("Postmaster", settings.getApplicationName());
        assertTrue(settings.isUseSystemReply());
        assertTrue(settings.isUseDisplayName());
        assertTrue(validator.validate(settings).isEmpty(), "empty settings are valid: mail is simply off");
    }

    @Test
    void blankTextIsStoredAsAbsent() {
        MailSettings settings = new MailSettings();
        settings.setSmtpHost("  smtp.example.com ");
        settings.setReplyTo("   ");
        assertEquals("smtp.example.com", settings.getSmtpHost());
        assertEquals(null, settings.getReplyTo());
    }

    @Test
    void differencesNameTheChangedFieldsInPageOrder() {
        MailSettings active = new MailSettings();
        active.setSmtpHost("old.example.com");
        MailSettings pending = active.copy();
        assertEquals(List.of(), pending.differencesFrom(active));

        pending.setSmtpHost("new.example.com");
        pending.setReplyTo("noreply@example.com");
        pending.setUseDisplayName(false);
        assertEquals(List.of("Outgoing mail server (SMTP)", "Reply-To Address", "Use Display Name"),
                pending.differencesFrom(active));
    }

    @Test
    void anExplicitDefaultPortIsNoChange() {
        MailSettings active = new MailSettings();
        MailSettings pending = active.copy();
        pending.setSmtpPort(25);
        assertEquals(List.of(), pending.differencesFrom(active));
    }

    @Test
    void everyFieldDiffersFromNothing() {
        assertEquals(MailSettings.Field.values().length, new MailSettings().differencesFrom(null).size());
    }

    @Test
    void authenticationRequiresUsernameAndPasswordOnThoseFields() {
        MailSettings settings = new MailSettings();
        settings.setSmtpAuth(true);
        assertEquals(Map.of(
                "smtpUsername", "Enter the username: the outgoing server requires authentication",
                "smtpPassword", "Enter the password: the outgoing server requires authentication"),
                problems(settings));

        settings.setSmtpUsername("mailer");
        settings.setSmtpPasswordSealed("v1:sealed");
        assertEquals(Map.of(), problems(settings));
    }

    @Test
    void anIncomingServerRequiresItsAccount() {
        MailSettings settings = new MailSettings();
        settings.setImapHost("imap.example.com");
        assertEquals(Map.of(
                "imapUsername", "Enter the username of the incoming mail account",
                "imapPassword", "Enter the password of the incoming mail account"),
                problems(settings));
    }

    @Test
    void portsOutsideTheRangeAreRejected() {
        MailSettings settings = new MailSettings();
        settings.setSmtpPort(0);
        settings.setImapPort(65536);
        assertEquals(Map.of("smtpPort", "Enter a port from 1 to 65535", "imapPort", "Enter a port from 1 to 65535"),
                problems(settings));
        settings.setSmtpPort(1);
        settings.setImapPort(65535);
        assertEquals(Map.of(), problems(settings));
    }

    private static Map<String, String> problems(MailSettings settings) {
        return validator.validate(settings).stream().collect(Collectors.toMap(
                v -> v.getPropertyPath().toString(), ConstraintViolation::getMessage));
    }
}
