package dev.postmaster.console.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
    @ValueSource(strings = {"outgoingPassword", "incomingPassword"})
    void aPasswordOfAtMost256CharactersIsAccepted(String property) {
        assertTrue(messages(property, "€".repeat(256)).isEmpty());
        assertTrue(messages(property, null).isEmpty(), "empty keeps the stored password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"outgoingPassword", "incomingPassword"})
    void aLongerPasswordIsRefusedWithAMessageForItsField(String property) {
        assertEquals(List.of("A password can be at most 256 characters"), messages(property, "p".repeat(257)));
    }

    private static List<String> messages(String property, String value) {
        return validator.validateValue(EmailBacking.class, property, value).stream()
                .map(ConstraintViolation::getMessage).toList();
    }
}
