package dev.postmaster.settings.entity;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The rules that span fields: a username and a password when the outgoing server requires authentication, and
 * both for the incoming account whenever an incoming server is set (IMAP always signs in). Each problem is
 * reported on the field the administrator has to fill ({@code outgoing.username}, {@code incoming.password}
 * ...), the same property paths {@link MailSettings.Field} names, so the page can show it beside that field.
 */
@Documented
@Constraint(validatedBy = CompleteCredentials.Validator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface CompleteCredentials {

    String message() default "Incomplete credentials";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the rule and names the missing field. */
    class Validator implements ConstraintValidator<CompleteCredentials, MailSettings> {

        @Override
        public boolean isValid(MailSettings settings, ConstraintValidatorContext context) {
            if (settings == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            MailServer outgoing = settings.getOutgoing();
            if (outgoing.isAuthentication()) {
                valid &= require(outgoing.getUsername(), "outgoing", "username",
                        "Enter the username: the outgoing server requires authentication", context);
                valid &= require(outgoing.getPasswordSealed(), "outgoing", "password",
                        "Enter the password: the outgoing server requires authentication", context);
            }
            MailServer incoming = settings.getIncoming();
            if (incoming.isSet()) {
                valid &= require(incoming.getUsername(), "incoming", "username",
                        "Enter the username of the incoming mail account", context);
                valid &= require(incoming.getPasswordSealed(), "incoming", "password",
                        "Enter the password of the incoming mail account", context);
            }
            return valid;
        }

        private static boolean require(String value, String server, String property, String message,
                ConstraintValidatorContext context) {
            if (value != null && !value.isBlank()) {
                return true;
            }
            context.buildConstraintViolationWithTemplate(message).addPropertyNode(server).addPropertyNode(property)
                    .addConstraintViolation();
            return false;
        }
    }
}
