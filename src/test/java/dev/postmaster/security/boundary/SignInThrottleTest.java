package dev.postmaster.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Repeated failed sign-ins are slowed down, per user name, and a success forgives. */
class SignInThrottleTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(clock);

    @Test
    void theFirstFailuresCostNothing() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
            throttle.failed("admin");
        }
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("admin"));
    }

    @Test
    void furtherFailuresWaitLongerEachTimeUpToTheCap() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
            throttle.failed("admin");
        }
        throttle.failed("admin");
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.waitBeforeNextAttempt("admin"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("admin"));
        throttle.failed("admin");
        assertEquals(Optional.of(Duration.ofSeconds(2)), throttle.waitBeforeNextAttempt("admin"));
        for (int i = 0; i < 30; i++) {
            throttle.failed("admin");
        }
        assertEquals(Optional.of(SignInThrottle.MAX_WAIT), throttle.waitBeforeNextAttempt("admin"));
    }

    @Test
    void userNamesAreCountedSeparatelyAndCaseBlind() {
        for (int i = 0; i <= SignInThrottle.FREE_FAILURES; i++) {
            throttle.failed("Admin ");
        }
        assertTrue(throttle.waitBeforeNextAttempt("admin").isPresent());
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("alice"));
    }

    @Test
    void aSuccessClearsTheRecord() {
        for (int i = 0; i <= SignInThrottle.FREE_FAILURES; i++) {
            throttle.failed("admin");
        }
        throttle.succeeded("admin");
        assertEquals(Optional.empty(), throttle.waitBeforeNextAttempt("admin"));
    }

}
