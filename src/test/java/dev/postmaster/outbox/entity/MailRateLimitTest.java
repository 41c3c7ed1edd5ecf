package dev.postmaster.outbox.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** One mail a minute, and the next one tells how many were left out, on this node and on the others. */
class MailRateLimitTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final MailRateLimit limit = new MailRateLimit(MailRateLimit.ERROR_MAIL);

    @Test
    void theFirstPassesAndTheRestOfTheMinuteIsCounted() {
        assertEquals(OptionalInt.of(0), limit.offer(T0, MINUTE, 0));
        assertEquals(OptionalInt.empty(), limit.offer(T0.plusSeconds(1), MINUTE, 0));
        assertEquals(OptionalInt.empty(), limit.offer(T0.plusSeconds(59), MINUTE, 0));
        assertEquals(OptionalInt.of(2), limit.offer(T0.plusSeconds(60), MINUTE, 0),
                "the next mail tells of the two left out");
        assertEquals(OptionalInt.empty(), limit.offer(T0.plusSeconds(61), MINUTE, 0));
    }

    @Test
    void aSummaryGoesOutAtTheEndOfTheWindowOnlyIfSomethingWasLeftOut() {
        assertEquals(OptionalInt.of(0), limit.offer(T0, MINUTE, 0));
        assertEquals(OptionalInt.empty(), limit.flush(T0.plusSeconds(61), MINUTE, 0), "nothing was left out");
        limit.offer(T0.plusSeconds(62), MINUTE, 0);
        limit.offer(T0.plusSeconds(63), MINUTE, 0);
        assertEquals(OptionalInt.empty(), limit.flush(T0.plusSeconds(90), MINUTE, 0), "the window is not over yet");
        assertEquals(OptionalInt.of(1), limit.flush(T0.plusSeconds(122), MINUTE, 0));
        assertEquals(T0.plusSeconds(182), limit.windowEnd(MINUTE));
    }

    @Test
    void whatOtherNodesLeftOutIsCountedIn() {
        assertEquals(OptionalInt.of(0), limit.offer(T0, MINUTE, 0));
        assertEquals(OptionalInt.empty(), limit.offer(T0.plusSeconds(10), MINUTE, 4),
                "another node counted four while the window was open");
        assertEquals(OptionalInt.of(7), limit.flush(T0.plusSeconds(60), MINUTE, 2),
                "five counted here and there, two more brought to the summary");
        assertEquals(OptionalInt.empty(), limit.flush(T0.plusSeconds(130), MINUTE, 0));
    }
}
