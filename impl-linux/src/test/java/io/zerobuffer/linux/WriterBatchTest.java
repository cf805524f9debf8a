package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.FrameTooLargeException;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Writer.write(ByteBuffer[], int, int)}: frames handed over together are, to the reader,
 * exactly the frames of as many single writes — in order, intact, one post each — also when the
 * batch wraps, waits for space, or stops at a frame that fails.
 */
class WriterBatchTest {
    private LinuxZeroBufferFactory factory;
    private String name;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        name = TestBuffers.uniqueName("batch");
    }

    @AfterEach
    void tearDown() {
        factory.close();
        TestBuffers.assertNothingLeft(name);
    }

    @Test
    void batchesLargerThanTheRingArriveInOrderAndIntactThroughWrapsAndWaits() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 4096));
        Writer writer = factory.attachWriter(name);
        int total = 20_000;
        CompletableFuture<Long> readSide = CompletableFuture.supplyAsync(() -> {
            Random expected = new Random(7);
            long bytes = 0;
            for (int i = 0; i < total; i++) {
                try (Frame frame = reader.read(Duration.ofSeconds(10))) {
                    if (frame == null) {
                        throw new AssertionError("frame " + (i + 1) + " did not come");
                    }
                    if (frame.sequence() != i + 1) {
                        throw new AssertionError("frame " + (i + 1) + " has sequence " + frame.sequence());
                    }
                    int size = 1 + expected.nextInt(300);
                    if (frame.size() != size) {
                        throw new AssertionError("frame " + (i + 1) + " has " + frame.size() + " bytes, not " + size);
                    }
                    for (int j = 0; j < size; j++) {
                        if (frame.data().get(j) != (byte) (i + j)) {
                            throw new AssertionError("frame " + (i + 1) + " byte " + j);
                        }
                    }
                    bytes += size;
                }
            }
            return bytes;
        });
        Random sizes = new Random(7);
        ByteBuffer[] batch = new ByteBuffer[100];
        long sent = 0;
        for (int first = 0; first < total; first += batch.length) {
            for (int k = 0; k < batch.length; k++) {
                int i = first + k;
                int size = 1 + sizes.nextInt(300);
                ByteBuffer frame = ByteBuffer.allocate(size + 5);
                frame.position(5);
                for (int j = 0; j < size; j++) {
                    frame.put(5 + j, (byte) (i + j));
                }
                batch[k] = frame;
                sent += size;
            }
            writer.write(batch, 0, batch.length);
            assertEquals(5, batch[0].position(), "the frames' positions are not changed");
        }
        assertEquals(sent, readSide.get(60, TimeUnit.SECONDS));
        assertEquals(total, writer.framesWritten());
        try (Frame extra = reader.read(Duration.ofMillis(200))) {
            assertNull(extra, "one post per frame: none left over");
        }
    }

    @Test
    void theFramesBeforeOneThatFailsAreDeliveredAndTheWriterGoesOn() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024));
        Writer writer = factory.attachWriter(name);
        ByteBuffer[] batch = {ByteBuffer.wrap(new byte[] {1}), ByteBuffer.wrap(new byte[] {2, 2}),
            ByteBuffer.allocate(2000), ByteBuffer.wrap(new byte[] {3})};
        assertThrows(FrameTooLargeException.class, () -> writer.write(batch, 0, batch.length));
        assertEquals(2, writer.framesWritten());
        writer.write(batch, 3, 1);
        int[] sizes = {1, 2, 1};
        for (int expected = 1; expected <= 3; expected++) {
            try (Frame frame = reader.read(Duration.ofSeconds(5))) {
                assertNotNull(frame, "frame " + expected);
                assertEquals(expected, frame.sequence());
                assertEquals(sizes[expected - 1], frame.size());
                assertEquals((byte) expected, frame.data().get(0));
            }
        }
        try (Frame extra = reader.read(Duration.ofMillis(200))) {
            assertNull(extra, "three frames, three posts");
        }
        assertThrows(IndexOutOfBoundsException.class, () -> writer.write(batch, 3, 2));
        assertEquals(3, writer.framesWritten());
    }
}
