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
 * The rules that span fields: a username and a password when a server signs in with a password (the incoming
 * account always signs in, once an incoming server is set), and a complete OAuth2 client when it signs in with
 * OAuth2. Each problem is
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
            if (outgoing.getAuthMethod() == AuthMethod.PASSWORD) {
                valid &= require(outgoing.getUsername(), "outgoing", "username",
                        "Enter the username: the outgoing server requires authentication", context);
                valid &= require(outgoing.getPasswordSealed(), "outgoing", "password",
                        "Enter the password: the outgoing server requires authentication", context);
            } else if (outgoing.isOauth2()) {
                valid &= completeClient(outgoing.getOauth(), Protocol.SMTP, context);
            }
            MailServer incoming = settings.getIncoming();
            if (incoming.isSet()) {
                switch (incoming.getAuthMethod()) {
                    case NONE -> valid &= report("incoming", "authMethod",
                            "The incoming account always signs in: choose Password or OAuth2", context);
                    case PASSWORD -> {
                        valid &= require(incoming.getUsername(), "incoming", "username",
                                "Enter the username of the incoming mail account", context);
                        valid &= require(incoming.getPasswordSealed(), "incoming", "password",
                                "Enter the password of the incoming mail account", context);
                    }
                    case OAUTH2 -> valid &= completeClient(incoming.getOauth(), Protocol.IMAP, context);
                }
            }
            return valid;
        }

        /**
         * An OAuth2 client is complete with a provider, both endpoints (a preset's, or entered), scopes, the
         * client id and secret. The endpoints carry the secret and the tokens, so they must be https (or http to
         * this machine, where nothing travels).
         */
        private static boolean completeClient(OAuthSettings oauth, Protocol protocol,
                ConstraintValidatorContext context) {
            String server = protocol.direction(); // "outgoing" or "incoming", as the property paths begin
            if (oauth.getProvider() == null) {
                return report(server, "oauth.provider", "Choose the OAuth2 provider", context);
            }
            boolean valid = true;
            valid &= require(oauth.effectiveAuthorizationEndpoint(), server, "oauth.authorizationEndpoint",
                    "Enter the provider's authorization endpoint", context);
            valid &= require(oauth.effectiveTokenEndpoint(), server, "oauth.tokenEndpoint",
                    "Enter the provider's token endpoint", context);
            if (!OAuthSettings.protectedEndpoint(oauth.effectiveAuthorizationEndpoint())) {
                valid &= report(server, "oauth.authorizationEndpoint", UNPROTECTED, context);
            }
            if (!OAuthSettings.protectedEndpoint(oauth.effectiveTokenEndpoint())) {
                valid &= report(server, "oauth.tokenEndpoint", UNPROTECTED, context);
            }
            valid &= require(oauth.effectiveScopes(protocol), server, "oauth.scopes",
                    "Enter the scopes to ask the provider for", context);
            valid &= require(oauth.getClientId(), server, "oauth.clientId",
                    "Enter the client ID of the app registered with the provider", context);
            valid &= require(oauth.getClientSecretSealed(), server, "oauth.clientSecret",
                    "Enter the client secret of the app registered with the provider", context);
            return valid;
        }

        private static final String UNPROTECTED = "Use an https:// address: the client secret and the tokens"
                + " travel over it";

        private static boolean require(String value, String server, String property, String message,
                ConstraintValidatorContext context) {
            if (value != null && !value.isBlank()) {
                return true;
            }
            return report(server, property, message, context);
        }

        private static boolean report(String server, String property, String message,
                ConstraintValidatorContext context) {
            var builder = context.buildConstraintViolationWithTemplate(message).addPropertyNode(server);
            for (String node : property.split("\\.")) {
                builder = builder.addPropertyNode(node);
            }
            builder.addConstraintViolation();
            return false;
        }
    }
}
