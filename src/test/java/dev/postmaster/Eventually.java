package dev.postmaster;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting in integration tests for what the application does after a commit (notifications, the outbox drain):
 * poll until true, or fail after a deadline. Never a bare sleep.
 */
public final class Eventually {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private Eventually() {
    }

    public static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + DEADLINE.toSeconds() + " s waiting");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits for a value to be present and returns it. */
    public static <T> T awaitValue(Supplier<Optional<T>> value) {
        await(() -> value.get().isPresent());
        return value.get().orElseThrow();
    }
}
