package dev.postmaster.outbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** One mail a minute, and the next one tells how many were left out. */
class MailRateLimitTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private final MailRateLimit limit = new MailRateLimit(Duration.ofMinutes(1));

    @Test
    void theFirstPassesAndTheRestOfTheMinuteIsCounted() {
        assertEquals(OptionalInt.of(0), limit.offer(T0));
        assertEquals(OptionalInt.empty(), limit.offer(T0.plusSeconds(1)));
        assertEquals(OptionalInt.empty(), limit.offer(T0.plusSeconds(59)));
        assertEquals(OptionalInt.of(2), limit.offer(T0.plusSeconds(60)), "the next mail tells of the two left out");
        assertEquals(OptionalInt.empty(), limit.offer(T0.plusSeconds(61)));
    }

    @Test
    void aSummaryGoesOutAtTheEndOfTheWindowOnlyIfSomethingWasLeftOut() {
        assertEquals(OptionalInt.of(0), limit.offer(T0));
        assertEquals(OptionalInt.empty(), limit.flush(T0.plusSeconds(61)), "nothing was left out");
        limit.offer(T0.plusSeconds(62));
        limit.offer(T0.plusSeconds(63));
        assertEquals(OptionalInt.empty(), limit.flush(T0.plusSeconds(90)), "the window is not over yet");
        assertEquals(OptionalInt.of(1), limit.flush(T0.plusSeconds(122)));
        assertEquals(T0.plusSeconds(182), limit.windowEnd());
    }
}
