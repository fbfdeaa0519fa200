package io.aqueduct.stream.api.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void padsEachColumnToItsWidestCellTwoSpacesApart() {
        TextTable t = new TextTable("STREAM", "PLAYERS", "STATE")
                .row("live/livestream", "2", "playing")
                .row("a", null, "");
        assertEquals(2, t.size());
        assertEquals("""
                STREAM           PLAYERS  STATE
                live/livestream  2        playing
                a                -
                """, t.toString());
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        TextTable t = new TextTable("A", "B");
        assertEquals("1 cells for 2 columns",
                assertThrows(IllegalArgumentException.class, () -> t.row("x")).getMessage());
    }

    @Test
    void agesReadAsHoursMinutesSeconds() {
        // One second of slack: the clock moves between the two readings.
        String age = TextTable.age(Instant.now().minus(Duration.ofSeconds(3723)));
        assertTrue(age.equals("1h02m03s") || age.equals("1h02m04s"), age);
        assertEquals("0h00m00s", TextTable.age(Instant.now().plusSeconds(5)));
    }
}
