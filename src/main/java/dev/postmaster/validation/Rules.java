package dev.postmaster.validation;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;

/**
 * Checks an entity's rules where a boundary changes it, before JPA flushes it. JPA would check them too, at the
 * flush, but EclipseLink logs each such failure as a warning with a stack trace, and a person's typing slip is
 * not a fault of the application.
 */
public final class Rules {

    private Rules() {
    }

    /** @throws ConstraintViolationException listing every rule {@code bean} breaks */
    public static <T> T check(Validator validator, T bean) {
        Set<ConstraintViolation<T>> violations = validator.validate(bean);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return bean;
    }
}
