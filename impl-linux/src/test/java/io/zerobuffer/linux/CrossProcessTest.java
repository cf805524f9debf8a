package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.EndOfStreamException;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderAlreadyConnectedException;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterAlreadyConnectedException;
import io.zerobuffer.api.WriterDeadException;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.testsupport.Await;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import io.zerobuffer.testsupport.Peer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reader and writer in separate JVMs, crashes by {@code kill -9}. */
class CrossProcessTest {
    private static final Duration FRAME_WAIT = Duration.ofSeconds(20);

    private LinuxZeroBufferFactory factory;
    private String name;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        name = BufferNames.unique("xproc");
    }

    @AfterEach
    void tearDown() {
        factory.close();
        Leftovers.assertNone(name);
    }

    @Test
    void aHundredThousandFramesAcrossManyWrapsArriveByteForByte() throws Exception {
        int frames = 100_000;
        int maxSize = 1000;
        Reader reader = factory.createReader(name, BufferConfig.of(1024, 64 * 1024));
        try (Peer writer = Peer.start(PeerProcess.class, "write", name, Integer.toString(frames), Integer.toString(maxSize))) {
            long bytes = 0;
            for (long i = 0; i < frames; i++) {
                try (Frame frame = reader.read(FRAME_WAIT)) {
                    assertNotNull(frame, "frame " + i + " did not arrive");
                    assertEquals(i + 1, frame.sequence());
                    assertEquals(PeerProcess.variableSize(i, maxSize), frame.size(), "size of frame " + i);
                    int mismatch = TestBuffers.firstMismatch(frame.data(), i);
                    assertEquals(-1, mismatch, "first wrong byte of frame " + i);
                    bytes += frame.size();
                }
            }
            assertThrows(EndOfStreamException.class, () -> reader.read(FRAME_WAIT), "the writer left after its last frame");
            assertEquals(0, writer.awaitExit());
            assertTrue(bytes > 64L * 1024 * 100, "the stream wrapped the ring many times: " + bytes + " bytes");
        }
        reader.close();
    }

    @Test
    void aKilledWriterIsReportedAsDeadAfterItsFramesAreRead() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 64 * 1024));
        try (Peer writer = Peer.start(PeerProcess.class, "write-and-hold", name, "5", "100")) {
            writer.awaitLine("READY");
            writer.kill9();
            for (int i = 0; i < 5; i++) {
                try (Frame frame = reader.read(FRAME_WAIT)) {
                    assertEquals(i + 1, frame.sequence(), "frames committed before the crash are not lost");
                }
            }
            WriterDeadException e = assertThrows(WriterDeadException.class, () -> reader.read(Duration.ofSeconds(2)));
            assertTrue(!(e instanceof EndOfStreamException), "a crash is not a graceful end: " + e);
            assertTrue(e.getMessage().contains(Long.toString(writer.pid())), e.getMessage());
        }
    }

    @Test
    void aKilledReaderIsReportedToABlockedWriter() throws Exception {
        try (Peer reader = Peer.start(PeerProcess.class, "read-and-hold", name, "4096")) {
            reader.awaitLine("READY");
            Writer writer = factory.attachWriter(name, WriterOptions.defaults().withWriteTimeout(Duration.ofSeconds(30)));
            for (int i = 0; i < 4; i++) {
                writer.write(new byte[1000]);
            }
            assertEquals(32, writer.status().payloadFreeBytes(), "the ring is full: the next frame must wait");
            Thread writing = Thread.currentThread();
            Thread killer = new Thread(() -> {
                Await.awaitInside(writing, Duration.ofSeconds(20), "sem_timedwait");
                reader.kill9();
            });
            killer.start();
            long start = System.nanoTime();
            ReaderDeadException e = assertThrows(ReaderDeadException.class, () -> writer.write(new byte[1000]));
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            killer.join();
            assertTrue(e.getMessage().contains(Long.toString(reader.pid())), e.getMessage());
            assertTrue(waitedMillis < 25_000, "reader death is noticed long before the 30 s write timeout: " + waitedMillis + " ms");
            writer.close();
        }
        Reader next = factory.createReader(name, BufferConfig.of(0, 4096));
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[] {42});
        assertEquals(42, next.read(FRAME_WAIT).data().get(0), "the next reader on that name works");
        factory.close();
    }

    @Test
    void aSecondReaderOrWriterInAnotherProcessIsRefused() throws Exception {
        try (Peer reader = Peer.start(PeerProcess.class, "read-and-hold", name, "4096")) {
            reader.awaitLine("READY");
            assertThrows(ReaderAlreadyConnectedException.class, () -> factory.createReader(name, BufferConfig.of(0, 4096)));
            reader.kill9();
        }
        Reader reader = factory.createReader(name, BufferConfig.of(0, 4096));
        try (Peer writer = Peer.start(PeerProcess.class, "write-and-hold", name, "1", "10")) {
            writer.awaitLine("READY");
            assertThrows(WriterAlreadyConnectedException.class, () -> factory.attachWriter(name));
            writer.kill9();
        }
        assertNotNull(factory.attachWriter(name), "a dead writer's slot can be taken");
        reader.close();
    }

    @Test
    void aSweepKeepsTheLockFileWhileADeadReadersWriterLivesOn() throws Exception {
        Writer writer;
        try (Peer reader = Peer.start(PeerProcess.class, "read-and-hold", name, "4096")) {
            reader.awaitLine("READY");
            writer = factory.attachWriter(name);
            reader.kill9();
        }
        StaleSweep.sweepAll();
        assertEquals(4, Leftovers.of(name).size(), "a live writer keeps the buffer, and its lock file");
        writer.close();
        StaleSweep.sweepAll();
        Leftovers.assertNone(name);
    }

    @Test
    void aKilledReadersLeftoversAreSweptByTheNextReader() throws Exception {
        try (Peer reader = Peer.start(PeerProcess.class, "read-and-hold", name, "4096")) {
            reader.awaitLine("READY");
            reader.kill9();
        }
        assertEquals(4, Leftovers.of(name).size(), "a kill -9 leaves all four objects");
        Reader next = factory.createReader(name, BufferConfig.of(0, 8192));
        assertEquals(8192, next.status().payloadSize(), "a fresh buffer, not the stale one");
        next.close();
        Leftovers.assertNone(name);
    }
}
