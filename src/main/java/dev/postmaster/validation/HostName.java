package dev.postmaster.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * A server's host name (RFC 1123) or IP address (v4, or v6 with or without brackets). {@code null} is valid:
 * whether a host is required is a separate rule. Checked by syntax only, never by a DNS look-up, so saving a
 * setting never waits on the network.
 */
@Documented
@Constraint(validatedBy = HostName.Validator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface HostName {

    String message() default "Enter a host name such as mail.example.com, or an IP address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The rule itself, also usable without Bean Validation. */
    class Validator implements ConstraintValidator<HostName, String> {

        private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
        private static final Pattern IPV4 = Pattern.compile(
                "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
        private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isHost(value);
        }

        public static boolean isHost(String value) {
            if (value.isEmpty() || value.length() > 253) {
                return false;
            }
            if (value.indexOf(':') >= 0) {
                return isIpv6(value.startsWith("[") && value.endsWith("]")
                        ? value.substring(1, value.length() - 1) : value);
            }
            if (IPV4.matcher(value).matches()) {
                return true;
            }
            String name = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
            String[] labels = name.split("\\.", -1);
            for (String label : labels) {
                if (!LABEL.matcher(label).matches()) {
                    return false;
                }
            }
            // A name whose last label is all digits is a mistyped IPv4 address, not a host name.
            return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
        }

        private static boolean isIpv6(String value) {
            if (!IPV6_CHARS.matcher(value).matches() || value.length() > 45) {
                return false;
            }
            try {
                // A literal with only these characters is parsed, never looked up.
                return java.net.InetAddress.getByName(value) instanceof java.net.Inet6Address;
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
    }
}
