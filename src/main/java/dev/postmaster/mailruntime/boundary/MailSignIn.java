package dev.postmaster.mailruntime.boundary;

import dev.postmaster.mailruntime.control.AccessTokens;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Service;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * How every connection to a mail server signs in. A password session signs in through its authenticator, as
 * Jakarta Mail does by itself. An OAuth2 session signs in with a fresh access token given as the password of
 * this one connect: Jakarta Mail would otherwise remember the first token in the session and try it, expired,
 * before asking for another. A token the server refuses is dropped, and the connect tried once more with a fresh
 * one.
 */
public final class MailSignIn {

    private MailSignIn() {
    }

    /** Connects {@code service} (a transport or store of {@code session}) and signs in. */
    public static void connect(Service service, Session session) throws MessagingException {
        Optional<AccessTokens> tokens = tokens(session);
        if (tokens.isEmpty()) {
            service.connect();
            return;
        }
        String token = tokens.get().accessToken();
        try {
            service.connect(tokens.get().user(), token);
        } catch (AuthenticationFailedException e) {
            // A token with time left that the server refuses was ended early (a new sign-in, a policy): once
            // more with a fresh one. Refused again, it is not the token, and the server's answer stands.
            tokens.get().rejected(token);
            service.connect(tokens.get().user(), tokens.get().accessToken());
        }
    }

    /** Why the provider refused the OAuth2 sign-in of {@code session} for good, if it did. */
    public static Optional<String> refusal(Session session) {
        return tokens(session).flatMap(AccessTokens::refusal);
    }

    /** The OAuth2 tokens of {@code session}, if it signs in with OAuth2. */
    public static Optional<AccessTokens> tokens(Session session) {
        return session == null ? Optional.empty()
                : Optional.ofNullable(session.getProperties().get(AccessTokens.PROPERTY))
                        .filter(AccessTokens.class::isInstance).map(AccessTokens.class::cast);
    }

    private static final ClassValue<Method> LAST_SERVER_RESPONSE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                return type.getMethod("getLastServerResponse");
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    };

    /**
     * The last reply of the server {@code transport} talks to (after a sign-in, its answer to AUTH): Angus keeps it
     * on its transport; read without tying the code to Angus classes. {@code null} when there is none.
     */
    public static String lastServerReply(Transport transport) {
        Method method = LAST_SERVER_RESPONSE.get(transport.getClass());
        if (method == null) {
            return null;
        }
        try {
            Object reply = method.invoke(transport);
            return reply == null ? null : reply.toString().strip();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
