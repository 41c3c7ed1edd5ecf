package dev.postmaster.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the console writes times and durations, e.g. the age of the oldest mail waiting in the outbox. */
class FormatsTest {

    private final Formats formats = new Formats();

    @Test
    void durationsAreWrittenInTheTwoLargestUnits() {
        assertEquals("0 s", formats.duration(Duration.ZERO));
        assertEquals("45 s", formats.duration(Duration.ofSeconds(45)));
        assertEquals("3 min 12 s", formats.duration(Duration.ofSeconds(192)));
        assertEquals("2 h 5 min", formats.duration(Duration.ofMinutes(125)));
        assertEquals("3 d 4 h", formats.duration(Duration.ofHours(76)));
        assertEquals("", formats.duration(null));
    }

    @Test
    void instantsAreWrittenInUtc() {
        assertEquals("2026-11-24 13:05:09 UTC", formats.instant(Instant.parse("2026-11-24T13:05:09.750Z")));
        assertEquals("", formats.instant(null));
    }
}
