package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A long stream leaves {@code sem-r} with a huge count (docs/PROTOCOL.md §5a): the reader posts once per
 * released frame, the writer waits on it only when the ring is full. A writer that then finds the
 * ring full must still sleep, and still wake when space comes. The count is preset near
 * {@code SEM_VALUE_MAX} by writing glibc's semaphore word in {@code /dev/shm/sem.sem-r-NAME}, as
 * two billion posts would leave it.
 */
class SaturatedSemaphoreTest {
    /** glibc's SEM_VALUE_MAX. */
    static final long SEM_VALUE_MAX = Integer.MAX_VALUE;

    private LinuxZeroBufferFactory factory;
    private String name;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        name = BufferNames.unique("saturated");
    }

    @AfterEach
    void tearDown() {
        factory.close();
        Leftovers.assertNone(name);
    }

    /**
     * Sets the value of a glibc semaphore nobody waits on (the low 32 bits of its first word;
     * the high 32 bits count waiters and stay 0).
     */
    static void presetSemaphore(String semaphoreName, long value) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of("/dev/shm", "sem." + semaphoreName),
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer word = channel.map(FileChannel.MapMode.READ_WRITE, 0, 8);
            word.order(ByteOrder.nativeOrder());
            assertEquals(0, word.getLong(0) >>> 32, "nobody waits on " + semaphoreName + " while it is preset");
            word.putLong(0, value);
            word.force();
        }
    }

    @Test
    void aWriterBlockedOnAFullRingSleepsWhateverTheSpaceFreedCountAndWakesWhenSpaceComes() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 4096));
        Writer writer = factory.attachWriter(name, WriterOptions.defaults().withWriteTimeout(Duration.ofSeconds(60)));
        presetSemaphore("sem-r-" + name, SEM_VALUE_MAX - 10);
        for (int i = 0; i < 4; i++) {
            writer.write(new byte[1000]);
        }
        assertEquals(4096 - 4 * 1016, reader.status().payloadFreeBytes(), "the ring is full");

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assertTrue(threads.isCurrentThreadCpuTimeSupported(), "thread CPU time is measurable here");
        AtomicLong cpuWhileBlocked = new AtomicLong(-1);
        AtomicLong wokenAt = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch blocking = new CountDownLatch(1);
        Thread blocked = new Thread(() -> {
            try {
                long cpuBefore = threads.getCurrentThreadCpuTime();
                blocking.countDown();
                writer.write(new byte[1000]);
                wokenAt.set(System.nanoTime());
                cpuWhileBlocked.set(threads.getCurrentThreadCpuTime() - cpuBefore);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "blocked-writer");
        blocked.start();
        blocking.await();
        long blockedFor = TimeUnit.SECONDS.toNanos(2);
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(blockedFor));
        assertTrue(blocked.isAlive(), "the writer was blocked all along: " + failure.get());
        long released = System.nanoTime();
        try (Frame frame = reader.read(Duration.ofSeconds(1))) {
            assertNotNull(frame);
        }
        blocked.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(blocked.isAlive(), "the writer woke when a frame was released");
        if (failure.get() != null) {
            throw new AssertionError("the blocked write failed", failure.get());
        }
        long wakeMillis = TimeUnit.NANOSECONDS.toMillis(wokenAt.get() - released);
        long cpuMillis = TimeUnit.NANOSECONDS.toMillis(cpuWhileBlocked.get());
        System.out.printf("blocked writer: %d ms CPU in %d ms blocked; woke %d ms after the release%n",
                cpuMillis, TimeUnit.NANOSECONDS.toMillis(blockedFor), wakeMillis);
        assertTrue(cpuWhileBlocked.get() < blockedFor / 20, "a blocked writer used " + cpuMillis
                + " ms of CPU in " + TimeUnit.NANOSECONDS.toMillis(blockedFor) + " ms: it spun instead of sleeping");
        assertTrue(wakeMillis < 10_000, "woke " + wakeMillis + " ms after the release");
        assertEquals(5, writer.framesWritten());
        for (int i = 0; i < 4; i++) {
            reader.read(Duration.ofSeconds(1)).close();
        }
    }
}
