package dev.postmaster.api;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The roles that may call an API resource, checked by {@link ApiAuthentication}. Not
 * {@code @RolesAllowed}: Payara's MicroProfile JWT filter acts on that annotation and would refuse every caller
 * who did not bring a JWT, including Basic and session callers.
 */
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface Allowed {

    /** Role names, any of which suffices. */
    String[] value();
}
