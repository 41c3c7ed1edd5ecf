package dev.postmaster.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How the fault tests wait for the application to recover: poll a condition every half second (each poll is an
 * HTTP call or an IMAP login, so not faster, on a machine shared with other builds) until it holds, or fail
 * after a generous deadline with a message that prints the counts as they are then. Never an assertion on how
 * long recovery took: only on what it delivered.
 */
final class Waiting {

    private static final Duration POLL = Duration.ofMillis(500);

    private Waiting() {
    }

    static void until(Duration deadline, BooleanSupplier condition, Supplier<String> failure) {
        Instant until = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("after " + deadline.toSeconds() + " s: " + failure.get());
            }
            pause(POLL);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
