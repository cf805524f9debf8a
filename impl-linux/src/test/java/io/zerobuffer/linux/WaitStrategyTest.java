package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.EndOfStreamException;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderOptions;
import io.zerobuffer.api.WaitStrategy;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WaitStrategy#SPIN_THEN_BLOCK}: same frames, same order, and every post consumed exactly
 * once, whether the wait ends while spinning or after the spin limit, in the blocking wait.
 */
class WaitStrategyTest {
    private static final ReaderOptions SPIN_READER = ReaderOptions.defaults()
            .withWaitStrategy(WaitStrategy.SPIN_THEN_BLOCK).withSpinLimit(Duration.ofMillis(1));
    private static final WriterOptions SPIN_WRITER = WriterOptions.defaults()
            .withWaitStrategy(WaitStrategy.SPIN_THEN_BLOCK).withSpinLimit(Duration.ofMillis(1));

    private LinuxZeroBufferFactory factory;
    private String name;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        name = BufferNames.unique("wait");
    }

    @AfterEach
    void tearDown() {
        factory.close();
        Leftovers.assertNone(name);
    }

    @Test
    void defaultsBlock() {
        assertEquals(WaitStrategy.BLOCKING, ReaderOptions.defaults().waitStrategy());
        assertEquals(WaitStrategy.BLOCKING, WriterOptions.defaults().waitStrategy());
        assertThrows(IllegalArgumentException.class, () -> ReaderOptions.defaults().withSpinLimit(Duration.ofNanos(-1)));
    }

    @Test
    void spinningReaderAndWriterStreamThroughASmallRingInOrder() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 4096), SPIN_READER);
        Writer writer = factory.attachWriter(name, SPIN_WRITER);
        int frames = 50_000;
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < frames; i++) {
                int size = 1 + i % 300;
                TestBuffers.fillSequential(writer.acquire(size), i, size);
                writer.commit();
                if (i % 10_000 == 0) {
                    sleepQuietly(5);
                }
            }
        });
        for (int i = 0; i < frames; i++) {
            try (Frame frame = reader.read(Duration.ofSeconds(10))) {
                assertNotNull(frame, "frame " + i);
                assertEquals(i + 1, frame.sequence());
                assertEquals(1 + i % 300, frame.size());
                assertEquals(-1, TestBuffers.firstMismatch(frame.data(), i));
            }
        }
        writing.get(10, TimeUnit.SECONDS);
        assertNull(reader.read(Duration.ofMillis(5)), "a post left over: not every post was consumed exactly once");
        writer.close();
        assertThrows(EndOfStreamException.class, () -> reader.read(Duration.ofSeconds(1)));
    }

    @Test
    void aSpinningReaderStillWakesForAFrameThatComesAfterItsSpinLimit() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 4096), SPIN_READER);
        Writer writer = factory.attachWriter(name, SPIN_WRITER);
        CompletableFuture<Void> late = CompletableFuture.runAsync(() -> {
            sleepQuietly(50);
            writer.write(new byte[] {42});
        });
        try (Frame frame = reader.read(Duration.ofSeconds(5))) {
            assertNotNull(frame);
            assertEquals(42, frame.data().get(0));
        }
        late.get(5, TimeUnit.SECONDS);
        long start = System.nanoTime();
        assertNull(reader.read(Duration.ofMillis(30)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(25), "a timed-out read waits its timeout");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
