package io.zerobuffer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which header values are corrupt, and that a corrupt buffer is never healthy. */
class BufferStatusTest {
    private static BufferStatus status(long free, long write, long read, long written, long readCount) {
        return new BufferStatus("b", 128, 1, 0, 0, 64, 64, 0, 4096, free, write, read, written, readCount, 1, 2,
                ProcessState.ALIVE, ProcessState.ALIVE);
    }

    @Test
    void plausibleValuesAreNotCorrupt() {
        assertEquals(Optional.empty(), status(4096, 0, 0, 0, 0).corruption());
        assertEquals(Optional.empty(), status(0, 4096, 0, 200, 0).corruption(), "full ring, write at the end");
        assertEquals(Health.HEALTHY, status(4000, 96, 0, 1, 0).health());
    }

    @Test
    void aWriterThatCountsEveryWrapIsAllowedOneEntryPerFrameRead() {
        // 1,000 frames read, each after a wrap without a marker that the writer counted
        assertEquals(Optional.empty(), status(4096, 0, 0, 1000 + 1000 + 257, 1000).corruption());
        assertTrue(status(4096, 0, 0, 1000 + 1000 + 258, 1000).corruption().isPresent());
    }

    @Test
    void impossibleValuesAreCorruptAndNamed() {
        String[][] cases = {
            {status(4096, 0, 0, -2_164_840_523_487L, 0).corruption().orElseThrow(), "written_count = -2164840523487 is negative"},
            {status(4096, 0, 0, 5, -1).corruption().orElseThrow(), "read_count = -1 is negative"},
            {status(-1, 0, 0, 0, 0).corruption().orElseThrow(), "payload_free_bytes = -1 is outside 0..4096"},
            {status(4097, 0, 0, 0, 0).corruption().orElseThrow(), "payload_free_bytes = 4097 is outside 0..4096"},
            {status(4096, 4097, 0, 0, 0).corruption().orElseThrow(), "write_pos = 4097 is outside the ring"},
            {status(4096, 0, -16, 0, 0).corruption().orElseThrow(), "read_pos = -16 is outside the ring"},
            {status(4096, 0, 0, 3, 4).corruption().orElseThrow(), "read_count = 4 is above written_count = 3"},
            {status(4096, 0, 0, 258, 0).corruption().orElseThrow(), "258 unread frames cannot be true"},
        };
        for (String[] c : cases) {
            assertTrue(c[0].startsWith(c[1]), c[0] + " / expected " + c[1]);
        }
        assertEquals(Health.CORRUPT, status(4096, 0, 0, -2_164_840_523_487L, 0).health(), "never healthy");
        assertEquals(Health.CORRUPT, status(-5, 0, 0, 0, 0).health(), "not critical either");
    }
}
