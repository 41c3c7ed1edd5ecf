package dev.postmaster.security.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.TestClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A remembered password check holds only for the same password, the same stored hash, and a while. */
class VerifiedPasswordsTest {

    @Test
    void rememberedForTheSamePasswordAndStoredHashOnly() {
        VerifiedPasswords verified = new VerifiedPasswords();
        verified.remember("bob", "Right-Pa55", "hash-1");

        assertTrue(verified.remembers("bob", "Right-Pa55", "hash-1"));
        assertFalse(verified.remembers("bob", "Wrong-Pa55", "hash-1"), "another password");
        assertFalse(verified.remembers("alice", "Right-Pa55", "hash-1"), "another user");
        assertFalse(verified.remembers("bob", "Right-Pa55", "hash-2"), "the password was changed since");
    }

    @Test
    void forgottenAfterAWhile() {
        TestClock clock = new TestClock(Instant.parse("2026-11-24T10:00:00Z"));
        VerifiedPasswords verified = new VerifiedPasswords(clock);
        verified.remember("bob", "Right-Pa55", "hash-1");

        clock.advance(VerifiedPasswords.FOR.minusSeconds(1));
        assertTrue(verified.remembers("bob", "Right-Pa55", "hash-1"));
        clock.advance(java.time.Duration.ofSeconds(1));
        assertFalse(verified.remembers("bob", "Right-Pa55", "hash-1"), "still remembered after its time");
    }
}
