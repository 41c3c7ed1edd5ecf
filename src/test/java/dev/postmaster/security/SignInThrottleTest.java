package dev.postmaster.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.security.control.SignInThrottle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Repeated failed sign-ins are slowed down, per user name, and a success forgives. */
class SignInThrottleTest {

    private final MutableClock clock = new MutableClock();
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

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
