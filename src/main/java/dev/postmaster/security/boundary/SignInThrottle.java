package dev.postmaster.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing. After {@link #FREE_FAILURES} failed sign-ins for one user name, each further
 * attempt must wait, doubling from one second up to {@link #MAX_WAIT}; a success clears the record. Attempts
 * inside the waiting time are refused without checking the password, so a guesser learns nothing and costs no
 * PBKDF2 work. Rejecting rather than sleeping keeps request threads free under attack.
 *
 * <p>Kept in memory: a restart forgets the counts, which is acceptable for slowing down online guessing.
 */
@ApplicationScoped
public class SignInThrottle {

    public static final int FREE_FAILURES = 3;
    public static final Duration MAX_WAIT = Duration.ofMinutes(5);
    private static final int MAX_TRACKED = 10_000;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public SignInThrottle() {
        this(Clock.systemUTC());
    }

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code username} must still wait before the next attempt, if at all. */
    public Optional<Duration> waitBeforeNextAttempt(String username) {
        Failures record = failures.get(key(username));
        if (record == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), record.nextAttemptAt);
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    public void failed(String username) {
        if (failures.size() >= MAX_TRACKED) {
            Instant now = clock.instant();
            failures.values().removeIf(f -> f.nextAttemptAt.plus(MAX_WAIT).isBefore(now));
        }
        failures.compute(key(username), (k, previous) -> {
            int count = previous == null ? 1 : previous.count + 1;
            Duration wait = count <= FREE_FAILURES ? Duration.ZERO : waitAfter(count);
            return new Failures(count, clock.instant().plus(wait));
        });
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    static Duration waitAfter(int failureCount) {
        int exponent = Math.min(failureCount - FREE_FAILURES - 1, 20);
        Duration wait = Duration.ofSeconds(1L << exponent);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private record Failures(int count, Instant nextAttemptAt) {
    }
}
