package dev.postmaster;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting in integration tests for what the application does after a commit (notifications, the outbox drain):
 * poll until true, or fail after a deadline; and watching for a while that something does not happen. The only
 * place a test waits: never a bare sleep.
 */
public final class Eventually {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);

    private Eventually() {
    }

    public static void await(BooleanSupplier condition) {
        await(condition, DEADLINE, "timed out after " + DEADLINE.toSeconds() + " s waiting");
    }

    /** Waits up to {@code timeout} for {@code condition}, failing with {@code failure}. */
    public static void await(BooleanSupplier condition, Duration timeout, String failure) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(failure);
            }
            pause();
        }
    }

    /** Waits for a value to be present and returns it. */
    public static <T> T awaitValue(Supplier<Optional<T>> value) {
        await(() -> value.get().isPresent());
        return value.get().orElseThrow();
    }

    /** Waits up to {@code timeout} for a value to be present, failing with {@code failure}. */
    public static <T> T awaitValue(Supplier<Optional<T>> value, Duration timeout, Supplier<String> failure) {
        Instant deadline = Instant.now().plus(timeout);
        Optional<T> found;
        while ((found = value.get()).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(failure.get());
            }
            pause();
        }
        return found.get();
    }

    /**
     * Watches for {@code period} that {@code happened} stays false, failing with {@code failure} as soon as it
     * turns true: for what must not happen after something else was seen to be finished.
     */
    public static void never(BooleanSupplier happened, Duration period, Supplier<String> failure) {
        Instant until = Instant.now().plus(period);
        while (Instant.now().isBefore(until)) {
            if (happened.getAsBoolean()) {
                throw new AssertionError(failure.get());
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
