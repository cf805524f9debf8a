package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferNotFoundException;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.IncompatibleBufferException;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderAlreadyConnectedException;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterAlreadyConnectedException;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.testsupport.Await;
import io.zerobuffer.testsupport.BufferNames;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may connect, and the named error when one may not. */
class ConnectionRulesTest {
    private LinuxZeroBufferFactory factory;
    private String name;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        name = BufferNames.unique("rules");
    }

    @AfterEach
    void tearDown() throws Exception {
        factory.close();
        TestBuffers.removeRaw(name);
    }

    @Test
    void aSecondReaderOnTheSameNameIsRefused() {
        factory.createReader(name, BufferConfig.of(0, 1024));
        ReaderAlreadyConnectedException e = assertThrows(ReaderAlreadyConnectedException.class,
                () -> factory.createReader(name, BufferConfig.of(0, 1024)));
        assertEquals(name, e.bufferName());
    }

    @Test
    void aSecondWriterOnTheSameNameIsRefused() {
        factory.createReader(name, BufferConfig.of(0, 1024));
        factory.attachWriter(name);
        WriterAlreadyConnectedException e = assertThrows(WriterAlreadyConnectedException.class, () -> factory.attachWriter(name));
        assertTrue(e.getMessage().contains("this process"), e.getMessage());
    }

    @Test
    void aWriterMayAttachAgainAfterTheFirstDetachedAndItsFramesAreRead() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024));
        Writer first = factory.attachWriter(name);
        first.write(new byte[] {1});
        first.write(new byte[] {2});
        first.close();
        Writer second = factory.attachWriter(name);
        assertTrue(second.isReaderConnected());
        assertTrue(reader.isWriterConnected());
        second.write(new byte[] {3});
        second.write(new byte[] {4});
        for (int expected = 1; expected <= 4; expected++) {
            try (Frame frame = reader.read(Duration.ofSeconds(1))) {
                assertNotNull(frame, "frame " + expected);
                assertEquals(expected, frame.data().get(0));
                assertEquals(expected <= 2 ? expected : expected - 2, frame.sequence(), "each writer numbers from 1");
            }
        }
        assertNull(reader.read(Duration.ofMillis(200)), "the first writer's detach wake-up is not a frame");
    }

    @Test
    void aConcurrentStaleSweepNeverMakesACreatorFail() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread sweeper = new Thread(() -> {
            while (running.get()) {
                StaleSweep.sweepAll();
            }
        });
        sweeper.start();
        try {
            for (int i = 0; i < 200; i++) {
                java.nio.file.Files.createDirectories(ObjectNames.LOCK_DIRECTORY);
                java.nio.file.Files.write(ObjectNames.of(name).lockFile(), new byte[0]);
                factory.createReader(name, BufferConfig.of(0, 1024)).close();
            }
        } finally {
            running.set(false);
            sweeper.join();
        }
    }

    @Test
    void attachingToNothingIsBufferNotFound() {
        BufferNotFoundException e = assertThrows(BufferNotFoundException.class, () -> factory.attachWriter(name));
        assertTrue(e.getMessage().contains("/dev/shm/" + name), e.getMessage());
    }

    @Test
    void attachRetriesUntilTheReaderAppears() throws Exception {
        CompletableFuture<Writer> writer = new CompletableFuture<>();
        Thread attaching = new Thread(() -> writer.complete(
                factory.attachWriter(name, WriterOptions.defaults().withAttachTimeout(Duration.ofSeconds(10)))));
        attaching.start();
        // the first attempt found nothing: the writer is in its retry pause
        Await.awaitInside(attaching, Duration.ofSeconds(10), "LinuxWriter.attach", "LockSupport.parkNanos");
        factory.createReader(name, BufferConfig.of(0, 1024));
        assertNotNull(writer.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anOiebStillAllZeroIsAReaderStillCreatingIt() throws Exception {
        TestBuffers.writeRawSegment(name, ByteBuffer.allocate(4096));
        BufferNotFoundException e = assertThrows(BufferNotFoundException.class,
                () -> factory.attachWriter(name, WriterOptions.defaults().withAttachTimeout(Duration.ofMillis(200))));
        assertTrue(e.getMessage().contains("still being initialised"), e.getMessage());
    }

    @Test
    void aWrongOiebSizeIsIncompatible() throws Exception {
        TestBuffers.writeRawSegment(name, fakeSegment(64, 1));
        IncompatibleBufferException e = assertThrows(IncompatibleBufferException.class, () -> factory.attachWriter(name));
        assertTrue(e.getMessage().contains("oieb_size is 64"), e.getMessage());
    }

    @Test
    void anotherMajorVersionIsIncompatible() throws Exception {
        TestBuffers.writeRawSegment(name, fakeSegment(128, 2));
        IncompatibleBufferException e = assertThrows(IncompatibleBufferException.class, () -> factory.attachWriter(name));
        assertTrue(e.getMessage().contains("protocol version 2.0.0"), e.getMessage());
    }

    @Test
    void sizesLargerThanTheSegmentAreCorrupt() throws Exception {
        ByteBuffer segment = fakeSegment(128, 1);
        segment.putLong(0x20, 1L << 40);
        TestBuffers.writeRawSegment(name, segment);
        assertThrows(IncompatibleBufferException.class, () -> factory.attachWriter(name));
    }

    @Test
    void aBufferWhoseReaderClosedHasNoReader() throws Exception {
        ByteBuffer segment = fakeSegment(128, 1);
        segment.putLong(0x58, 0);
        TestBuffers.writeRawSegment(name, segment);
        assertThrows(ReaderDeadException.class, () -> factory.attachWriter(name));
    }

    @Test
    void invalidNamesAreRefusedBeforeTouchingTheOs() {
        BufferConfig config = BufferConfig.of(0, 1024);
        assertThrows(IllegalArgumentException.class, () -> factory.createReader("", config));
        assertThrows(IllegalArgumentException.class, () -> factory.createReader("a/b", config));
        assertThrows(IllegalArgumentException.class, () -> factory.createReader("x".repeat(246), config));
        assertThrows(IllegalArgumentException.class, () -> factory.attachWriter("a/b"));
    }

    @Test
    void invalidSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BufferConfig.of(-1, 1024));
        assertThrows(IllegalArgumentException.class, () -> BufferConfig.of(0, 16));
        assertThrows(IllegalArgumentException.class, () -> BufferConfig.of(0, -5));
        assertThrows(IllegalArgumentException.class, () -> BufferConfig.of(Long.MAX_VALUE, 1024));
        assertThrows(IllegalArgumentException.class, () -> BufferConfig.of(0, Long.MAX_VALUE - 10));
        assertEquals(128 + 64, BufferConfig.of(0, 17).totalSize());
    }

    /** A segment with a live reader (this process) and the given header size and major version. */
    private static ByteBuffer fakeSegment(int oiebSize, int major) {
        ByteBuffer segment = ByteBuffer.allocate(128 + 64 + 1024).order(ByteOrder.LITTLE_ENDIAN);
        segment.putInt(0, oiebSize);
        segment.put(4, (byte) major);
        segment.putLong(0x08, 64);
        segment.putLong(0x20, 1024);
        segment.putLong(0x28, 1024);
        segment.putLong(0x58, ProcessHandle.current().pid());
        return segment;
    }
}
