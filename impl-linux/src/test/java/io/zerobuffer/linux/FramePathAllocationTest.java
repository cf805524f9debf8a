package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import io.zerobuffer.testsupport.OpenFiles;
import io.zerobuffer.testsupport.Peer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-frame paths allocate nothing per frame, measured with HotSpot's per-thread allocation
 * counter around millions of 64-byte frames after a warm-up, for long enough (over a second) that
 * every periodic check on those paths runs many times: the writer's question whether its reader
 * lives (every 50 ms) and the fault probe. What a run may allocate is 0.001 bytes per frame, plus
 * 2 KiB per second per side for the fault probe, which allocates 16 bytes at most every 10 ms.
 */
class FramePathAllocationTest {
    private static final int SIZE = 64;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long MIN_FRAMES = 2_000_000;
    private static final long MIN_RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    private static final int CHUNK = 1024;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private LinuxZeroBufferFactory factory;
    private String name;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        name = BufferNames.unique("alloc");
    }

    @AfterEach
    void tearDown() {
        factory.close();
        Leftovers.assertNone(name);
    }

    @Test
    void writingReadingAndReleasingInOneThreadAllocatesNothingPerFrame() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1 << 20));
        Writer writer = factory.attachWriter(name, WriterOptions.defaults());
        byte[] source = new byte[SIZE];
        long checksum = 0;
        for (int i = 0; i < 300; i++) {
            checksum += writeAndRead(writer, reader, source);
        }
        long overhead = measuringOverhead();
        long start = System.nanoTime();
        long before = allocatedBytes();
        long frames = 0;
        while (frames < MIN_FRAMES || System.nanoTime() - start < MIN_RUN_NANOS) {
            checksum += writeAndRead(writer, reader, source);
            frames += CHUNK;
        }
        long allocated = allocatedBytes() - before - overhead;
        long elapsed = System.nanoTime() - start;
        assertEquals(0, checksum, "every frame read back as written");
        assertAllocationFree(allocated, frames, elapsed, 2, "writer and reader in one thread");
        writer.close();
        reader.close();
    }

    private static long writeAndRead(Writer writer, Reader reader, byte[] source) {
        long sum = 0;
        for (int i = 0; i < CHUNK; i++) {
            writer.write(source, 0, SIZE);
            try (Frame frame = reader.read(WAIT)) {
                sum += frame.data().get(SIZE - 1);
            }
        }
        return sum;
    }

    @Test
    void aWriterWhoseReaderLivesInAnotherProcessAllocatesNothingPerFrame() {
        int ring = 1 << 20;
        try (Peer reader = Peer.start(PeerProcess.class, "read-all", name, Integer.toString(ring))) {
            reader.awaitLine("READY");
            Writer writer = factory.attachWriter(name, WriterOptions.defaults());
            byte[] source = new byte[SIZE];
            // the ring holds 13,107 frames of 80 bytes: a chunk never waits for space
            int inFlight = ring / (SIZE + 16) - 2 * CHUNK;
            for (int i = 0; i < 300; i++) {
                writePaced(writer, source, inFlight);
            }
            long overhead = measuringOverhead();
            long start = System.nanoTime();
            long before = allocatedBytes();
            long frames = 0;
            while (frames < MIN_FRAMES || System.nanoTime() - start < MIN_RUN_NANOS) {
                writePaced(writer, source, inFlight);
                frames += CHUNK;
            }
            long allocated = allocatedBytes() - before - overhead;
            long elapsed = System.nanoTime() - start;
            long written = writer.framesWritten();
            writer.close();
            assertEquals("READ " + written, reader.awaitLine("READ "), "the reader got every frame");
            assertEquals(0, reader.awaitExit());
            assertAllocationFree(allocated, frames, elapsed, 1, "writer with its reader in process " + reader.pid());
        }
    }

    /** Writes a chunk once the reader is close enough behind that the chunk fits without waiting. */
    private static void writePaced(Writer writer, byte[] source, int inFlight) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (writer.framesWritten() - writer.framesConsumed() > inFlight) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the reader stopped consuming: " + writer.framesConsumed() + " of "
                        + writer.framesWritten() + " frames");
            }
            Thread.yield();
        }
        for (int i = 0; i < CHUNK; i++) {
            writer.write(source, 0, SIZE);
        }
    }

    @Test
    void aWriterAttachedAndClosedManyTimesLeavesNoDescriptorBehind() throws IOException {
        try (Peer reader = Peer.start(PeerProcess.class, "read-and-hold", name, "65536")) {
            reader.awaitLine("READY");
            attachWriteClose();
            long before = openDescriptors();
            for (int i = 0; i < 100; i++) {
                attachWriteClose();
            }
            assertEquals(before, openDescriptors(), "100 writers attached to a reader in another process, each"
                    + " asked whether it lives, and closed");
            reader.kill9();
        }
        // the next reader on the name removes what the killed one left
        factory.createReader(name, BufferConfig.of(0, 4096)).close();
    }

    private void attachWriteClose() {
        Writer writer = factory.attachWriter(name, WriterOptions.defaults());
        writer.write(new byte[1]);
        assertNotNull(writer.status());
        writer.close();
    }

    private static void assertAllocationFree(long allocated, long frames, long elapsedNanos, int sides, String what) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(elapsedNanos) + 1;
        long allowed = frames / 1000 + sides * 2048L * seconds;
        assertTrue(allocated <= allowed, what + ": " + allocated + " bytes allocated over " + frames + " frames in "
                + TimeUnit.NANOSECONDS.toMillis(elapsedNanos) + " ms (" + String.format("%.4f", allocated / (double) frames)
                + " B/frame); allowed " + allowed + " (0.001 B/frame + 2 KiB/s per side)");
    }

    /** @return what two reads of the counter allocate themselves */
    private static long measuringOverhead() {
        long first = allocatedBytes();
        return allocatedBytes() - first;
    }

    private static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** @return this process's descriptors on what a writer opens: /proc files, shared memory, lock files */
    private static long openDescriptors() throws IOException {
        return OpenFiles.count("(/proc/|/dev/shm/|/tmp/zerobuffer/).*");
    }
}
