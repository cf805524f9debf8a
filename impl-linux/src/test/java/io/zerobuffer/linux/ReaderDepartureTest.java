package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import io.zerobuffer.testsupport.Peer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A writer learns that its reader left at its next frame, whether or not the ring has room: at
 * once when the reader closed the buffer, within a wait slice when its process died; and it
 * learns how many of its frames the reader had taken.
 */
class ReaderDepartureTest {
    private LinuxZeroBufferFactory factory;
    private String name;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        name = BufferNames.unique("departure");
    }

    @AfterEach
    void tearDown() {
        factory.close();
        Leftovers.assertNone(name);
    }

    @Test
    void aReaderThatClosedIsReportedByTheNextWriteWhileTheRingHasRoom() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 64 * 1024));
        Writer writer = factory.attachWriter(name);
        for (int i = 0; i < 3; i++) {
            writer.write(new byte[100]);
        }
        try (Frame frame = reader.read(Duration.ofSeconds(1))) {
            assertNotNull(frame);
        }
        assertEquals(1, writer.framesConsumed());
        assertTrue(writer.isReaderConnected());
        reader.close();
        assertFalse(writer.isReaderConnected(), "a closed reader is not connected, at once");
        ReaderDeadException e = assertThrows(ReaderDeadException.class, () -> writer.write(new byte[100]));
        assertTrue(e.readerClosed(), e.getMessage());
        assertEquals(3, e.framesWritten());
        assertEquals(1, e.framesConsumed());
        assertTrue(e.getMessage().contains("closed") && e.getMessage().contains("consumed 1 of the 3 frames"),
                e.getMessage());
        assertThrows(ReaderDeadException.class, () -> writer.acquire(10), "and every frame after it");
        assertEquals(3, writer.framesWritten(), "nothing was written into a buffer nobody reads");
    }

    @Test
    void aWriterHoldsTheFrameClockFromItsFirstFrameUntilItCloses() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 64 * 1024));
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[10]);
        assertTrue(clockThreadAlive(), "a writing writer keeps the coarse clock ticking");
        writer.close();
        reader.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (clockThreadAlive() && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
        assertFalse(clockThreadAlive(), "no writer open: the zerobuffer-clock thread is gone");
    }

    private static boolean clockThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("zerobuffer-clock") && t.isAlive());
    }

    @Test
    void framesConsumedCountsFramesNotWrapMarkers() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024));
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[600]);
        reader.read(Duration.ofSeconds(1)).close();
        writer.write(new byte[600]);   // a wrap marker at 616, the frame at 0
        assertEquals(1, writer.framesConsumed(), "the unread marker is not a frame");
        reader.read(Duration.ofSeconds(1)).close();
        assertEquals(2, writer.framesConsumed());
        reader.close();
        ReaderDeadException e = assertThrows(ReaderDeadException.class, () -> writer.write(new byte[1]));
        assertEquals(2, e.framesConsumed());
        assertEquals(2, e.framesWritten());
    }

    @Test
    void aKilledReaderIsReportedWithinAWaitSliceWhileTheRingHasRoom() throws Exception {
        int ring = 64 * 1024;
        try (Peer peer = Peer.start(PeerProcess.class, "read-and-hold", name, Integer.toString(ring))) {
            peer.awaitLine("READY");
            Writer writer = factory.attachWriter(name, WriterOptions.defaults().withWriteTimeout(Duration.ofSeconds(30)));
            writer.write(new byte[16]);
            peer.kill9();
            assertFalse(writer.isReaderConnected(), "a killed reader is not connected, at once");
            long killed = System.nanoTime();
            ReaderDeadException e = null;
            while (e == null) {
                try {
                    writer.write(new byte[16]);
                    Thread.sleep(1);
                } catch (ReaderDeadException dead) {
                    e = dead;
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            System.out.printf("killed reader noticed %d ms after its death, after %d frames%n", millis,
                    writer.framesWritten());
            assertFalse(e.readerClosed(), e.getMessage());
            assertTrue(e.getMessage().contains(Long.toString(peer.pid())) && e.getMessage().contains("died"),
                    e.getMessage());
            assertEquals(0, e.framesConsumed(), "the reader took nothing");
            assertEquals(writer.framesWritten(), e.framesWritten());
            assertTrue(writer.status().payloadFreeBytes() > ring / 2, "noticed long before the ring filled: "
                    + writer.framesWritten() + " frames written, " + writer.status().payloadFreeBytes() + " bytes free");
            writer.close();
        }
        StaleSweep.sweepAll();
    }
}
