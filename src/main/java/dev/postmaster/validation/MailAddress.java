package dev.postmaster.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * One bare mail address ({@code local@domain}), per RFC 5322 as Jakarta Mail parses it in strict mode, with a
 * dotted domain and never a control character. The control-character rule is what stops header injection: an
 * address with CR/LF in it would let a form field write extra headers into every mail it is used in.
 * {@code null} is valid; whether an address is required is a separate rule.
 */
@Documented
@Constraint(validatedBy = MailAddress.Validator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface MailAddress {

    String message() default "Enter one email address such as noreply@example.com";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The rule itself, also usable without Bean Validation. */
    class Validator implements ConstraintValidator<MailAddress, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isAddress(value);
        }

        public static boolean isAddress(String value) {
            if (value.isEmpty() || value.length() > 254 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return false;
            }
            try {
                InternetAddress parsed = new InternetAddress(value, true);
                parsed.validate();
                String address = parsed.getAddress();
                int at = address.lastIndexOf('@');
                return parsed.getPersonal() == null
                        && !parsed.isGroup()
                        && address.equals(value)
                        && at > 0
                        && address.indexOf('.', at) > at + 1
                        && !address.endsWith(".")
                        && HostName.Validator.isHost(address.substring(at + 1));
            } catch (AddressException e) {
                return false;
            }
        }
    }
}
