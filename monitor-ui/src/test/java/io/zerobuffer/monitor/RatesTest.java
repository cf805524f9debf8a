package io.zerobuffer.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RatesTest {
    private static final long MS = 1_000_000L;

    @Test
    void framesAndBytesPerSecondComeFromCounterDeltas() {
        Rates rates = new Rates();
        long payload = 1 << 20;
        // 100 frames of 1000 + 16 bytes every 100 ms, no wrap in between
        long position = 0;
        for (int poll = 0; poll <= 10; poll++) {
            rates.sample(poll * 100 * MS, poll * 100L, poll * 100L, position % payload, payload, 1016);
            position += 100 * 1016;
        }
        assertEquals(1000, rates.framesPerSecond(), 1e-6);
        assertEquals(1000, rates.readFramesPerSecond(), 1e-6);
        assertEquals(1000 * 1016 / 1048576.0, rates.mibPerSecond(), 1e-6);
    }

    @Test
    void aWriterThatWentRoundSeveralTimesBetweenPollsIsCountedWithItsLaps() {
        Rates rates = new Rates();
        long payload = 64 * 1024;
        rates.sample(0, 0, 0, 0, payload, 1016);
        // 300 frames of 1016 bytes = 304,800 bytes = 4 laps + 42,656: the position alone says 42,656
        rates.sample(1000 * MS, 300, 300, 304_800 % payload, payload, 1016);
        assertEquals(304_800 / 1048576.0, rates.mibPerSecond(), 1e-9);
    }

    @Test
    void aBufferCreatedAgainStartsOverAndHistoryKeepsOneMinute() {
        Rates rates = new Rates();
        rates.sample(0, 1000, 1000, 500, 4096, -1);
        rates.sample(100 * MS, 10, 10, 100, 4096, -1); // counters went back: a new buffer
        assertEquals(0, rates.framesPerSecond());
        for (int i = 2; i < 800; i++) {
            rates.sample(i * 100 * MS, 10 + i, 10 + i, 100, 4096, -1);
        }
        double[][] history = rates.history(799 * 100 * MS);
        assertTrue(history.length <= 601 && history.length >= 599, "one minute at 10 polls/s: " + history.length);
        assertTrue(history[0][0] >= -60.0 && history[history.length - 1][0] == 0.0);
    }
}
