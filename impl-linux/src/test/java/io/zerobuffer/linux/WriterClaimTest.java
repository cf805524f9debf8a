package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.EndOfStreamException;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code tryAcquire} and {@code abort}: a claim that never waits, and a claim given up, leave
 * the ring as if they had not happened — also when the frame needed a wrap.
 */
class WriterClaimTest {
    private static final int RING = 1024;

    private LinuxZeroBufferFactory factory;
    private String name;
    private Reader reader;
    private Writer writer;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        name = TestBuffers.uniqueName("claim");
        reader = factory.createReader(name, BufferConfig.of(0, RING));
        writer = factory.attachWriter(name);
    }

    @AfterEach
    void tearDown() {
        factory.close();
        TestBuffers.assertNothingLeft(name);
    }

    @Test
    void tryAcquireReturnsNullWhenTheRingIsFullAndAViewOnceTheReaderReleased() {
        int frames = 0;
        ByteBuffer slot;
        while ((slot = writer.tryAcquire(100)) != null) {
            slot.put(0, (byte) frames);
            writer.commit();
            frames++;
        }
        assertEquals(RING / 116, frames, "116-byte frames until the 1 KiB ring is full, then null");
        assertNull(writer.tryAcquire(100), "full: null again, no wait, no exception");
        try (Frame frame = reader.read(Duration.ofSeconds(5))) {
            assertNotNull(frame);
            assertEquals(0, frame.data().get(0));
        }
        assertNotNull(writer.tryAcquire(100), "room after one release");
        writer.commit();
    }

    @Test
    void anAbortedFrameNeverReachesTheReaderAndTheNextTakesItsPlace() {
        writer.write(new byte[] {1});
        ByteBuffer slot = writer.acquire(3);
        slot.put(0, (byte) 9);
        writer.abort();
        assertThrows(IndexOutOfBoundsException.class, () -> slot.get(0), "the aborted view is emptied, as a committed one is");
        assertThrows(IllegalStateException.class, writer::commit, "nothing acquired after abort");
        assertThrows(IllegalStateException.class, writer::abort, "nothing to abort");
        writer.write(new byte[] {2, 2});
        assertArrayEquals(new byte[] {1}, readOne());
        assertArrayEquals(new byte[] {2, 2}, readOne());
        assertEquals(2, writer.framesWritten());
    }

    @Test
    void anAbortedFrameThatNeededAWrapLeavesNoMarkerBehind() {
        // fill to near the end of the ring, read everything, so the next frame must wrap
        for (int i = 0; i < 8; i++) {
            writer.write(new byte[100]);
            assertNotNull(readOne());
        }
        ByteBuffer slot = writer.acquire(200);
        assertNotNull(slot);
        writer.abort();
        writer.close();
        EndOfStreamException end = assertThrows(EndOfStreamException.class, () -> reader.read(Duration.ofSeconds(5)),
                "the writer left after an aborted wrap: a clean end of the stream, not a marker with no frame");
        assertEquals(true, end.getMessage().contains("8 frames"), end.getMessage());
    }

    @Test
    void aFrameAfterAnAbortedWrapIsReadInOrder() {
        for (int i = 0; i < 8; i++) {
            writer.write(new byte[100]);
            assertNotNull(readOne());
        }
        writer.acquire(200);
        writer.abort();
        byte[] small = {7, 7, 7};
        writer.write(small);
        assertArrayEquals(small, readOne(), "a frame that fits the tail goes there after the aborted wrap");
        byte[] big = new byte[300];
        big[299] = 5;
        writer.write(big);
        assertArrayEquals(big, readOne());
    }

    private byte[] readOne() {
        try (Frame frame = reader.read(Duration.ofSeconds(5))) {
            assertNotNull(frame, "a frame within 5 s");
            byte[] bytes = new byte[frame.size()];
            frame.data().get(0, bytes);
            return bytes;
        }
    }
}
