package dev.postmaster.console.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.settings.entity.AuthMethod;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.MailSettings.Field;
import dev.postmaster.settings.entity.SettingsChange;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of the Email page's own inputs, as Faces applies them (Bean Validation of the backing bean's property
 * the input is bound to): a typed password is refused beside its field when it is too long.
 */
class EmailBackingTest {

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

    @ParameterizedTest
    @ValueSource(strings = {"outgoingPassword", "incomingPassword", "outgoingClientSecret", "incomingClientSecret"})
    void aPasswordOfAtMost256CharactersIsAccepted(String property) {
        assertTrue(messages(property, "€".repeat(256)).isEmpty());
        assertTrue(messages(property, null).isEmpty(), "empty keeps the stored password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"outgoingPassword", "incomingPassword", "outgoingClientSecret", "incomingClientSecret"})
    void aLongerPasswordIsRefusedWithAMessageForItsField(String property) {
        assertEquals(List.of("A password can be at most 256 characters"), messages(property, "p".repeat(257)));
    }

    @Test
    void theHistoryNamesTheConnectedAccountNeverATokenAndReadsTheOldAuthenticationSwitch() {
        MailSettings before = new MailSettings();
        MailSettings after = before.copy();
        after.getOutgoing().getOauth().granted("v2:sealed-refresh", "mailer@example.com",
                Instant.parse("2026-12-02T10:00:00Z"));
        after.getOutgoing().setAuthMethod(AuthMethod.OAUTH2);

        assertEquals("Outgoing OAuth2: connected account mailer@example.com, granted 2026-12-02T10:00:00Z",
                EmailFields.describe(SettingsChange.of(Field.OUTGOING_OAUTH_GRANT, before, after)));
        assertEquals("Outgoing OAuth2: disconnected (was mailer@example.com, granted 2026-12-02T10:00:00Z)",
                EmailFields.describe(SettingsChange.of(Field.OUTGOING_OAUTH_GRANT, after, before)));
        assertEquals("Outgoing authentication: None → OAuth2",
                EmailFields.describe(SettingsChange.of(Field.OUTGOING_AUTHENTICATION, before, after)));
        assertEquals("Password", EmailFields.choice("true"), "entries written while it was a switch");
        assertEquals("None", EmailFields.choice("false"));
        assertEquals("Microsoft 365", EmailFields.choice("MICROSOFT"));
    }

    private static List<String> messages(String property, String value) {
        return validator.validateValue(EmailBacking.class, property, value).stream()
                .map(ConstraintViolation::getMessage).toList();
    }
}
