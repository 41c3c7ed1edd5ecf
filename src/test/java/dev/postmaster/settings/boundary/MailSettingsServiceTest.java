package dev.postmaster.settings.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.postmaster.settings.entity.MailPassword;
import dev.postmaster.settings.entity.MailSettings;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a save refuses before it reads or stores anything: a typed password longer than the Email page accepts,
 * for whoever calls the service without the page. The service has no database here, so a save that got further
 * would fail otherwise.
 */
class MailSettingsServiceTest {

    private static ValidatorFactory factory;

    private final MailSettingsService service = new MailSettingsService();

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void aPasswordTooLongIsRefusedOnItsFieldWithoutBeingSealed() {
        service.validator = factory.getValidator();
        String tooLong = "p".repeat(MailPassword.MAX_LENGTH + 1);

        InvalidSettingsException outgoing = assertThrows(InvalidSettingsException.class,
                () -> service.save(new MailSettings(), tooLong, null, "admin"));
        InvalidSettingsException both = assertThrows(InvalidSettingsException.class,
                () -> service.save(new MailSettings(), tooLong, tooLong, "admin"));

        String message = "A password can be at most 256 characters";
        assertEquals(Map.of("outgoing.password", message), outgoing.problems());
        assertEquals(Map.of("outgoing.password", message, "incoming.password", message), both.problems());
        assertEquals(MailSettings.Field.INCOMING_PASSWORD.property(), "incoming.password",
                "the key the Email page shows the problem beside the incoming password by");
        assertFalse(both.getMessage().contains(tooLong));
    }
}
