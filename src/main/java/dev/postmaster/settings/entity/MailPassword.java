package dev.postmaster.settings.entity;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A mail server password (or OAuth token) as it is typed, before it is sealed. SMTP and IMAP passwords and
 * tokens are far shorter than {@link #MAX_LENGTH}; anything longer is a paste gone wrong, and is refused beside
 * its field instead of being sealed into a value its column may not hold.
 */
@Documented
@Size(max = MailPassword.MAX_LENGTH)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface MailPassword {

    /** The most characters a mail password may have; its column holds one of this length, sealed. */
    int MAX_LENGTH = 256;

    String message() default "A password can be at most " + MAX_LENGTH + " characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
