package dev.postmaster.outbox.control;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a failed send means: a 5xx reply is permanent (FAILED), anything else, a 4xx reply, a refused
 * connection, a timeout, is transient (DEFERRED) and tried again after an exponential back-off, until
 * {@link #MAX_ATTEMPTS}. A plain class: the whole policy is unit-tested.
 */
public final class RetryPolicy {

    public static final int MAX_ATTEMPTS = 8;
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration MAX_WAIT = Duration.ofHours(1);
    private static final Pattern LEADING_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)[ -]");

    /** What to do with a message after a failed attempt. */
    public record Verdict(boolean permanent, Integer replyCode, String reply, String error) {
    }

    private RetryPolicy() {
    }

    /** How long to wait after the {@code attempts}-th failed attempt: 30 s, 1 min, 2 min ... at most 1 h. */
    public static Duration backoff(int attempts) {
        int exponent = Math.max(0, Math.min(attempts - 1, 16));
        Duration wait = FIRST_WAIT.multipliedBy(1L << exponent);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    public static Verdict judge(Exception failure, int attempts) {
        Optional<Integer> code = replyCode(failure);
        String reply = code.map(c -> serverReply(failure, c)).orElse(null);
        String error = describe(failure);
        boolean permanent = code.map(c -> c >= 500).orElse(false);
        if (!permanent && attempts >= MAX_ATTEMPTS) {
            return new Verdict(true, code.orElse(null), reply,
                    "Gave up after " + attempts + " attempts. Last error: " + error);
        }
        return new Verdict(permanent, code.orElse(null), reply, error);
    }

    /** The SMTP reply code of a failure, from Angus's exceptions or the reply text, if there is one. */
    static Optional<Integer> replyCode(Throwable failure) {
        for (Throwable t : chain(failure)) {
            try {
                Object code = t.getClass().getMethod("getReturnCode").invoke(t);
                if (code instanceof Integer value && value >= 200) {
                    return Optional.of(value);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not an Angus SMTP exception
            }
            Matcher matcher = LEADING_CODE.matcher(t.getMessage() == null ? "" : t.getMessage());
            if (matcher.find()) {
                return Optional.of(Integer.parseInt(matcher.group(1)));
            }
        }
        return Optional.empty();
    }

    private static String serverReply(Throwable failure, int code) {
        for (Throwable t : chain(failure)) {
            String message = t.getMessage();
            if (message != null && message.strip().startsWith(String.valueOf(code))) {
                return firstLine(message);
            }
        }
        return String.valueOf(code);
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t : chain(failure)) {
            if (t.getMessage() != null && text.indexOf(firstLine(t.getMessage())) < 0) {
                if (text.length() > 0) {
                    text.append(" / ");
                }
                text.append(t.getClass().getSimpleName()).append(": ").append(firstLine(t.getMessage()));
            }
        }
        return text.toString();
    }

    /** The failure, its causes and (for mail exceptions) its next exceptions, each once. */
    private static Iterable<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        Deque<Throwable> todo = new ArrayDeque<>();
        java.util.List<Throwable> ordered = new java.util.ArrayList<>();
        todo.add(failure);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            ordered.add(t);
            if (t instanceof MessagingException mail && mail.getNextException() != null) {
                todo.add(mail.getNextException());
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
        }
        return ordered;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
