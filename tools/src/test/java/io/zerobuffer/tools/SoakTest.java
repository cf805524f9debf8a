package io.zerobuffer.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The soak run: its checker sees a wrong byte and a wrong size, and ten seconds of it between
 * two JVMs, with the {@code sem-r} count pushed to its maximum, lose and corrupt nothing.
 */
class SoakTest {

    @Test
    void thePatternIsReproducibleAndEveryWrongByteIsSeen() {
        SoakPattern writer = new SoakPattern(42, 65536);
        SoakPattern reader = new SoakPattern(42, 65536);
        int small = 0;
        int large = 0;
        for (long i = 0; i < 2000; i++) {
            int size = writer.size(i);
            assertEquals(size, reader.size(i));
            assertTrue(size >= 1 && size <= 65536, "size " + size);
            small += size <= 64 ? 1 : 0;
            large += size > 16384 ? 1 : 0;
        }
        assertTrue(small > 100 && large > 100, small + " small and " + large + " large frames");
        ByteBuffer frame = ByteBuffer.allocateDirect(1003).order(ByteOrder.LITTLE_ENDIAN);
        writer.fill(frame, 7);
        assertEquals(-1, reader.firstMismatch(frame, 7));
        assertEquals(0, reader.firstMismatch(frame, 8), "another frame's bytes differ at once");
        for (int j : new int[] {0, 7, 8, 999, 1000, 1002}) {
            frame.put(j, (byte) (frame.get(j) ^ 1));
            assertEquals(j, reader.firstMismatch(frame, 7), "a flipped bit at byte " + j);
            frame.put(j, (byte) (frame.get(j) ^ 1));
        }
    }

    @Test
    void tenSecondsBetweenTwoJvmsWithASaturatedSpaceFreedCountLoseNothing() {
        Cli.Result result = Cli.start("soak", "--duration", "10", "--preset-sem-r", "--json-output")
                .await(Duration.ofSeconds(120)).expectExit(0);
        JsonNode soak = result.json();
        System.out.println("soak: " + soak);
        assertTrue(soak.get("frames_received").asLong() > 1000, soak.toString());
        assertEquals(soak.get("frames_written").asLong(), soak.get("frames_received").asLong(), soak.toString());
        assertEquals(0, soak.get("lost").asLong());
        assertEquals(0, soak.get("reordered").asLong());
        assertEquals(0, soak.get("corrupted").asLong());
        assertEquals(0, soak.get("errors").size(), soak.toString());
        assertTrue(soak.get("sem_r_presets").asLong() > 0, "the sem-r count was pushed to its maximum");
    }
}
