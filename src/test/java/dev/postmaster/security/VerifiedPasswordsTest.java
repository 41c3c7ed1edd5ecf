package dev.postmaster.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.security.control.VerifiedPasswords;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
        Instant[] now = {Instant.parse("2026-11-24T10:00:00Z")};
        Clock clock = new Clock() {
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
                return now[0];
            }
        };
        VerifiedPasswords verified = new VerifiedPasswords(clock);
        verified.remember("bob", "Right-Pa55", "hash-1");

        now[0] = now[0].plus(VerifiedPasswords.FOR).minusSeconds(1);
        assertTrue(verified.remembers("bob", "Right-Pa55", "hash-1"));
        now[0] = now[0].plusSeconds(1);
        assertFalse(verified.remembers("bob", "Right-Pa55", "hash-1"), "still remembered after its time");
    }
}
