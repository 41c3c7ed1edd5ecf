package dev.postmaster.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.security.boundary.SignInThrottle.Keys;
import dev.postmaster.security.boundary.SignInThrottle.Verdict;
import dev.postmaster.security.control.SignInFailures.Count;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The throttle's rules on counts: a guesser at one address is refused, an address spraying many user names is
 * refused, a user name guessed from everywhere is only delayed (the owner still gets in), and old counts expire.
 */
class SignInThrottleTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final Keys keys = new Keys("Admin ", "203.0.113.7");
    private final Map<String, Count> counts = new HashMap<>();

    @Test
    void nothingCountedMeansGo() {
        Verdict verdict = SignInThrottle.judge(counts, keys, NOW);
        assertFalse(verdict.refused());
        assertEquals(Duration.ZERO, verdict.delay());
        assertFalse(verdict.counted(), "nothing to clear after a success: no write for an API script's request");
    }

    @Test
    void aSuccessHasSomethingToClearOnlyWhenTheNameOrThePairHasFailures() {
        counts.put(keys.address(), new Count(2, NOW));
        assertFalse(SignInThrottle.judge(counts, keys, NOW).counted(), "an address's count is not cleared");
        counts.put(keys.pair(), new Count(1, NOW));
        assertTrue(SignInThrottle.judge(counts, keys, NOW).counted());
        counts.remove(keys.pair());
        counts.put(keys.name(), new Count(1, NOW));
        assertTrue(SignInThrottle.judge(counts, keys, NOW).counted());
    }

    @Test
    void oneGuesserAtOneAddressIsRefusedAfterTheFreeFailuresWithAWaitThatDoubles() {
        counts.put(keys.pair(), new Count(SignInThrottle.PAIR_FREE_FAILURES, NOW));
        assertFalse(SignInThrottle.judge(counts, keys, NOW).refused(), "the free failures cost nothing");

        counts.put(keys.pair(), new Count(SignInThrottle.PAIR_FREE_FAILURES + 1, NOW));
        assertEquals(Optional.of(Duration.ofSeconds(1)), SignInThrottle.judge(counts, keys, NOW).refusedFor());
        assertFalse(SignInThrottle.judge(counts, keys, NOW.plusSeconds(1)).refused(), "the wait is over");

        counts.put(keys.pair(), new Count(SignInThrottle.PAIR_FREE_FAILURES + 2, NOW));
        assertEquals(Optional.of(Duration.ofSeconds(2)), SignInThrottle.judge(counts, keys, NOW).refusedFor());
        counts.put(keys.pair(), new Count(SignInThrottle.PAIR_FREE_FAILURES + 40, NOW));
        assertEquals(Optional.of(SignInThrottle.MAX_WAIT), SignInThrottle.judge(counts, keys, NOW).refusedFor());
    }

    @Test
    void oneAddressSprayingManyUserNamesIsRefused() {
        Keys other = new Keys("carol", "203.0.113.7");
        counts.put(other.address(), new Count(SignInThrottle.ADDRESS_FREE_FAILURES + 1, NOW));
        assertEquals(other.address(), keys.address(), "the address is one key whatever the user name");
        assertTrue(SignInThrottle.judge(counts, keys, NOW).refused(), "a fresh user name from the same address");
        assertFalse(SignInThrottle.judge(counts, new Keys("admin", "198.51.100.1"), NOW).refused(),
                "another address is not affected");
    }

    @Test
    void aUserNameGuessedFromEverywhereIsDelayedNeverRefused() {
        counts.put(keys.name(), new Count(1000, NOW));
        Verdict owner = SignInThrottle.judge(counts, new Keys("admin", "198.51.100.1"), NOW);
        assertFalse(owner.refused(), "the right password must still be able to get in");
        assertEquals(SignInThrottle.MAX_DELAY, owner.delay(), "the delay is capped");

        counts.put(keys.name(), new Count(SignInThrottle.NAME_FREE_FAILURES + 1, NOW.minusMillis(400)));
        assertEquals(Duration.ofMillis(600), SignInThrottle.judge(counts, keys, NOW).delay(),
                "only what is left of the wait");
    }

    @Test
    void countsOlderThanTheWindowAreForgotten() {
        Instant old = NOW.minus(SignInThrottle.WINDOW).minusSeconds(1);
        counts.put(keys.pair(), new Count(500, old));
        counts.put(keys.address(), new Count(500, old));
        counts.put(keys.name(), new Count(500, old));
        Verdict verdict = SignInThrottle.judge(counts, keys, NOW);
        assertFalse(verdict.refused());
        assertEquals(Duration.ZERO, verdict.delay());
    }

    @Test
    void keysAreCaseBlindAndBounded() {
        assertEquals(new Keys("admin", "203.0.113.7"), keys);
        Keys huge = new Keys("x".repeat(5000), "203.0.113.7");
        assertTrue(huge.pair().length() <= 200 && huge.name().length() <= 200, "a key fits its column");
    }

    @Test
    void theWaitDoublesFromOneSecondUpToTheCap() {
        assertEquals(Duration.ofSeconds(1), SignInThrottle.waitAfter(4, 3));
        assertEquals(Duration.ofSeconds(2), SignInThrottle.waitAfter(5, 3));
        assertEquals(Duration.ofSeconds(4), SignInThrottle.waitAfter(6, 3));
        assertEquals(SignInThrottle.MAX_WAIT, SignInThrottle.waitAfter(100, 3));
    }
}
