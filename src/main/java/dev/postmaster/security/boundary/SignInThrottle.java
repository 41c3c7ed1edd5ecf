package dev.postmaster.security.boundary;

import dev.postmaster.security.control.SignInFailures;
import dev.postmaster.security.control.SignInFailures.Count;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Slows down password guessing without letting a guesser lock the owner out. Failed sign-ins are counted under
 * three keys: the pair (client address, user name), the client address, and the user name.
 * <ul>
 *   <li>A <b>pair</b> or an <b>address</b> past its free failures is refused for a while, doubling from one second
 *       up to {@link #MAX_WAIT}: one guesser at one address is stopped, and so is one address spraying a password
 *       over many user names. The owner, at another address, is not affected.</li>
 *   <li>A <b>user name</b> past its free failures (guesses from many addresses) is only <em>delayed</em>, up to
 *       {@link #MAX_DELAY} per try, and the password is then checked: a guesser is slowed, the right password
 *       still gets in.</li>
 * </ul>
 * Counts live in the database ({@link SignInFailures}), so every node applies the same ones and memory holds
 * nothing per guess; a count is forgotten {@link #WINDOW} after its last failure. A success clears the pair and
 * the user name, not the address (an attacker with one working account must not reset their address's count).
 */
@ApplicationScoped
public class SignInThrottle {

    public static final int PAIR_FREE_FAILURES = 3;
    public static final int ADDRESS_FREE_FAILURES = 20;
    public static final int NAME_FREE_FAILURES = 5;
    public static final Duration MAX_WAIT = Duration.ofMinutes(5);
    public static final Duration MAX_DELAY = Duration.ofSeconds(8);
    public static final Duration WINDOW = Duration.ofMinutes(30);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    @Inject
    SignInFailures failures;

    private final Clock clock;
    private final AtomicReference<Instant> lastPrune = new AtomicReference<>(Instant.EPOCH);

    public SignInThrottle() {
        this(Clock.systemUTC());
    }

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * What to do with a sign-in before its password is checked.
     *
     * @param refusedFor present when the try must be refused without a check, with how long until a try counts again
     * @param delay how long to wait before checking the password (zero when nothing is wrong)
     * @param counted whether any failures are counted for this try's user name or pair (a success clears them)
     */
    public record Verdict(Optional<Duration> refusedFor, Duration delay, boolean counted) {

        public boolean refused() {
            return refusedFor.isPresent();
        }
    }

    public Verdict before(String username, String address) {
        Keys keys = new Keys(username, address);
        return judge(failures.counts(keys.all()), keys, clock.instant());
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        failures.failed(new Keys(username, address).all(), now, WINDOW);
        Instant previous = lastPrune.get();
        if (previous.plus(PRUNE_EVERY).isBefore(now) && lastPrune.compareAndSet(previous, now)) {
            failures.prune(now.minus(WINDOW));
        }
    }

    /**
     * Clears the user name's and the pair's counts after a success, when there are any: an API script signs in
     * with every request, and most of them have nothing to clear.
     */
    public void succeeded(String username, String address, Verdict before) {
        if (before.counted()) {
            Keys keys = new Keys(username, address);
            failures.clear(List.of(keys.pair(), keys.name()));
        }
    }

    /** The rules above, on counts already read: pure, so that the unit test covers every branch. */
    static Verdict judge(Map<String, Count> counts, Keys keys, Instant now) {
        Optional<Duration> refused = longest(
                remaining(counts.get(keys.pair()), PAIR_FREE_FAILURES, now),
                remaining(counts.get(keys.address()), ADDRESS_FREE_FAILURES, now));
        boolean counted = counts.containsKey(keys.pair()) || counts.containsKey(keys.name());
        if (refused.isPresent()) {
            return new Verdict(refused, Duration.ZERO, counted);
        }
        Duration delay = remaining(counts.get(keys.name()), NAME_FREE_FAILURES, now)
                .map(left -> left.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : left).orElse(Duration.ZERO);
        return new Verdict(Optional.empty(), delay, counted);
    }

    /** How much of the wait that {@code count} earns is left, if any (a count older than the window earns none). */
    private static Optional<Duration> remaining(Count count, int free, Instant now) {
        if (count == null || count.failures() <= free || count.lastFailureAt().plus(WINDOW).isBefore(now)) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, count.lastFailureAt().plus(waitAfter(count.failures(), free)));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    static Duration waitAfter(int failureCount, int free) {
        int exponent = Math.min(Math.max(failureCount - free - 1, 0), 20);
        Duration wait = Duration.ofSeconds(1L << exponent);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private static Optional<Duration> longest(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().compareTo(a.get()) > 0 ? b : a;
    }

    /** The three keys of one try. User names are compared case-blind, as the sign-in does. */
    record Keys(String name, String address, String pair) {

        Keys(String username, String clientAddress) {
            this("u:" + normal(username), "a:" + normal(clientAddress),
                    "p:" + normal(clientAddress) + "|" + normal(username));
        }

        List<String> all() {
            return List.of(pair, address, name);
        }

        private static String normal(String text) {
            String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            // User names longer than the longest allowed never get here; addresses are at most 45 characters.
            return value.length() > 90 ? value.substring(0, 90) : value;
        }
    }
}
