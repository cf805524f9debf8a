package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferFullException;
import io.zerobuffer.api.EndOfStreamException;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.FrameTooLargeException;
import io.zerobuffer.api.InvalidFrameSizeException;
import io.zerobuffer.api.MetadataAlreadyWrittenException;
import io.zerobuffer.api.MetadataTooLargeException;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.testsupport.Await;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ring algorithm over real shared memory and semaphores, reader and writer in one process. */
class RingTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    private LinuxZeroBufferFactory factory;
    private String name;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        name = BufferNames.unique("ring");
    }

    @AfterEach
    void tearDown() {
        factory.close();
        Leftovers.assertNone(name);
    }

    private void writeAndVerify(Writer writer, Reader reader, long frameIndex, int size) {
        TestBuffers.fillSequential(writer.acquire(size), frameIndex, size);
        writer.commit();
        try (Frame frame = reader.read(SECOND)) {
            assertNotNull(frame, "frame " + frameIndex + " of " + size + " bytes did not arrive");
            assertEquals(size, frame.size());
            assertEquals(frameIndex + 1, frame.sequence());
            assertEquals(-1, TestBuffers.firstMismatch(frame.data(), frameIndex), "first wrong byte of frame " + frameIndex);
        }
    }

    @Test
    void everyFrameSizeFromOneByteToTheLargestThatFits() {
        long payload = 4096;
        Reader reader = factory.createReader(name, BufferConfig.of(0, payload));
        Writer writer = factory.attachWriter(name);
        long index = 0;
        for (int size = 1; size <= payload / 2 - 16; size++) {
            writeAndVerify(writer, reader, index++, size);
        }
        assertEquals(index, reader.framesRead());
        assertEquals(payload, reader.status().payloadFreeBytes(), "all space returned");
    }

    @Test
    void framesThatExactlyFillTheRingFollowEachOther() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024));
        Writer writer = factory.attachWriter(name);
        for (int i = 0; i < 5; i++) {
            writeAndVerify(writer, reader, i, 1024 - 16);
            assertEquals(1024, reader.status().payloadFreeBytes());
        }
    }

    @Test
    void aFrameOverHalfTheRingAtAnOffsetThatCannotHoldItFailsAtOnceNotAfterTheTimeout() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024));
        Writer writer = factory.attachWriter(name);
        writeAndVerify(writer, reader, 0, 100);
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> writer.acquire(1024 - 16));
        assertTrue(e.getMessage().contains("write position 116"), e.getMessage());
    }

    /** The forms upstream writers produce: a tail under 16 bytes left without a marker. */
    @ParameterizedTest(name = "{0} bytes left before the end")
    @ValueSource(ints = {1, 2, 7, 8, 15, 16, 17})
    void tailGapsAndWrapMarkers(int remaining) {
        int payload = 1024;
        Reader reader = factory.createReader(name, BufferConfig.of(0, payload));
        Writer writer = factory.attachWriter(name, WriterOptions.defaults().withPeerFriendlyWrap(false));
        int first = payload - remaining - 16;
        writeAndVerify(writer, reader, 0, first);
        assertEquals(payload - remaining, reader.status().writePosition());
        writeAndVerify(writer, reader, 1, 100);
        writeAndVerify(writer, reader, 2, 50);
        assertEquals(116 + 66, reader.status().readPosition(), "frames after the wrap start at offset 0");
        assertEquals(payload, reader.status().payloadFreeBytes(), "the tail was given back");
        long markers = remaining >= 16 ? 1 : 0;
        assertEquals(3 + markers, reader.status().writtenCount(), "a marker counts only when 16 bytes remained");
        assertEquals(3 + markers, reader.status().readCount());
    }

    @ParameterizedTest(name = "a frame that would leave {0} bytes before the end")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
    void peerFriendlyWrapNeverLeavesATailTooShortForAMarker(int remaining) {
        int payload = 1024;
        Reader reader = factory.createReader(name, BufferConfig.of(0, payload));
        Writer writer = factory.attachWriter(name);
        writeAndVerify(writer, reader, 0, 800);
        int second = payload - 816 - remaining - 16;
        writeAndVerify(writer, reader, 1, second);
        assertEquals(second + 16, reader.status().writePosition(), "the frame went to offset 0, not to 816");
        assertEquals(3, reader.status().writtenCount(), "two frames and the wrap marker at 816");
        assertEquals(3, reader.status().readCount(), "the reader passed the marker");
        writeAndVerify(writer, reader, 2, 50);
        assertEquals(payload, reader.status().payloadFreeBytes(), "the tail behind the marker was given back");
    }

    @Test
    void aFrameTooLargeToMoveBehindAMarkerStillFits() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024));
        Writer writer = factory.attachWriter(name);
        writeAndVerify(writer, reader, 0, 1024 - 16 - 7);
        assertEquals(1024 - 7, reader.status().writePosition(), "at offset 0 nothing is gained by wrapping");
        writeAndVerify(writer, reader, 1, 100);
        assertEquals(2, reader.status().writtenCount(), "the 7-byte tail is left without a marker, as the protocol allows");
    }

    @Test
    void manyWrapsWithFramesInFlight() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1000));
        Writer writer = factory.attachWriter(name);
        long written = 0;
        long read = 0;
        for (int round = 0; round < 2000; round++) {
            while (written - read < 3) {
                int size = PeerProcess.variableSize(written, 200);
                TestBuffers.fillSequential(writer.acquire(size), written, size);
                writer.commit();
                written++;
            }
            try (Frame frame = reader.read(SECOND)) {
                assertEquals(read + 1, frame.sequence());
                assertEquals(PeerProcess.variableSize(read, 200), frame.size());
                assertEquals(-1, TestBuffers.firstMismatch(frame.data(), read));
            }
            read++;
        }
    }

    @Test
    void metadataCopiedRoundTrip() {
        Reader reader = factory.createReader(name, BufferConfig.of(256, 1024));
        Writer writer = factory.attachWriter(name);
        assertFalse(reader.hasMetadata());
        assertEquals(0, reader.metadata().remaining());
        byte[] metadata = "width=1920 height=1080 format=I420".getBytes(StandardCharsets.US_ASCII);
        writer.writeMetadata(ByteBuffer.wrap(metadata));
        assertTrue(reader.hasMetadata());
        ByteBuffer view = reader.metadata();
        byte[] back = new byte[view.remaining()];
        view.get(back);
        assertArrayEquals(metadata, back);
        assertThrows(ReadOnlyBufferException.class, () -> reader.metadata().put(0, (byte) 1));
        assertThrows(MetadataAlreadyWrittenException.class, () -> writer.writeMetadata(new byte[1]));
    }

    @Test
    void metadataZeroCopyRoundTrip() {
        Reader reader = factory.createReader(name, BufferConfig.of(64, 1024));
        Writer writer = factory.attachWriter(name);
        ByteBuffer target = writer.acquireMetadata(56);
        for (int i = 0; i < 56; i++) {
            target.put(i, (byte) (100 + i));
        }
        assertFalse(reader.hasMetadata(), "nothing is published before commitMetadata");
        writer.commitMetadata();
        ByteBuffer view = reader.metadata();
        assertEquals(56, view.remaining());
        for (int i = 0; i < 56; i++) {
            assertEquals((byte) (100 + i), view.get(i));
        }
        assertEquals(0, target.capacity(), "the acquired view is emptied on commit");
    }

    @Test
    void metadataTooLargeNamesTheSizes() {
        factory.createReader(name, BufferConfig.of(64, 1024));
        Writer writer = factory.attachWriter(name);
        MetadataTooLargeException e = assertThrows(MetadataTooLargeException.class, () -> writer.writeMetadata(new byte[57]));
        assertTrue(e.getMessage().contains("57") && e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void aBufferWithoutMetadataBlockRefusesMetadata() {
        factory.createReader(name, BufferConfig.of(0, 1024));
        Writer writer = factory.attachWriter(name);
        assertThrows(MetadataTooLargeException.class, () -> writer.writeMetadata(new byte[1]));
    }

    @Test
    void frameTooLargeFailsAtOnce() {
        factory.createReader(name, BufferConfig.of(0, 1024));
        Writer writer = factory.attachWriter(name, WriterOptions.defaults().withWriteTimeout(Duration.ofMinutes(1)));
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> writer.write(new byte[1024 - 15]));
        assertTrue(e.getMessage().contains("1009"), e.getMessage());
    }

    @Test
    void emptyFrameIsAnInvalidSize() {
        factory.createReader(name, BufferConfig.of(0, 1024));
        Writer writer = factory.attachWriter(name);
        assertThrows(InvalidFrameSizeException.class, () -> writer.write(new byte[0]));
        assertThrows(InvalidFrameSizeException.class, () -> writer.acquire(-1));
    }

    @Test
    void bufferFullAfterTheWriteTimeout() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024));
        Writer writer = factory.attachWriter(name, WriterOptions.defaults().withWriteTimeout(Duration.ofMillis(300)));
        for (int i = 0; i < 4; i++) {
            writer.write(new byte[200]);
        }
        BufferFullException e = assertThrows(BufferFullException.class, () -> writer.write(new byte[200]));
        assertTrue(e.getMessage().contains("no room for 376 bytes"), "160 tail bytes plus a 216-byte frame: " + e.getMessage());
        reader.read(SECOND).close();
        writer.write(new byte[200]);
        assertEquals(5, writer.framesWritten(), "a frame fits again once the reader released one");
    }

    @Test
    void aHeaderWithTheExpectedSequenceButAHugeSizeIsRefused() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024));
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[] {1, 2, 3});
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(
                java.nio.file.Path.of("/dev/shm", name), java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            ByteBuffer ring = channel.map(java.nio.channels.FileChannel.MapMode.READ_WRITE, 128, 16)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ring.putLong(0, Long.MAX_VALUE - 8);   // payload_size that overflows read_pos + 16 + size
        }
        assertThrows(InvalidFrameSizeException.class, () -> reader.read(SECOND));
    }

    @Test
    void aClosedFrameFailsLoudly() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024));
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[] {1, 2, 3});
        Frame frame = reader.read(SECOND);
        ByteBuffer data = frame.data();
        assertEquals(3, data.remaining());
        frame.close();
        assertThrows(IllegalStateException.class, frame::data);
        assertThrows(IllegalStateException.class, frame::size);
        assertThrows(IndexOutOfBoundsException.class, () -> data.get(0), "the view is emptied");
        frame.close();
        assertEquals(1024, reader.status().payloadFreeBytes(), "a second close releases nothing more");
    }

    @Test
    void readingWhileAFrameIsOpenIsRefused() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024));
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[] {1});
        writer.write(new byte[] {2});
        Frame first = reader.read(SECOND);
        assertThrows(IllegalStateException.class, () -> reader.read(SECOND));
        first.close();
        assertEquals(2, reader.read(SECOND).data().get(0));
    }

    @Test
    void aTimeoutIsNotAnError() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024));
        assertNull(reader.read(Duration.ZERO));
        assertNull(reader.read(Duration.ofMillis(150)));
        factory.attachWriter(name);
        assertNull(reader.read(Duration.ofMillis(150)), "an attached writer that writes nothing is not an end");
    }

    @Test
    void aWriterThatLeavesCostsNoFramesThenTheStreamEnds() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 4096));
        Writer writer = factory.attachWriter(name);
        for (int i = 0; i < 20; i++) {
            TestBuffers.fillSequential(writer.acquire(100), i, 100);
            writer.commit();
        }
        writer.close();
        for (int i = 0; i < 20; i++) {
            try (Frame frame = reader.read(SECOND)) {
                assertEquals(i + 1, frame.sequence());
                assertEquals(-1, TestBuffers.firstMismatch(frame.data(), i));
            }
        }
        assertThrows(EndOfStreamException.class, () -> reader.read(SECOND));
        assertThrows(EndOfStreamException.class, () -> reader.read(Duration.ofMillis(200)), "and stays ended");
    }

    @Test
    void theEndAfterASecondWriterCountsThatWritersFramesNotTheReadersTotal() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 4096));
        Writer first = factory.attachWriter(name);
        for (int i = 0; i < 3; i++) {
            first.write(new byte[10]);
        }
        first.close();
        for (int i = 0; i < 3; i++) {
            reader.read(SECOND).close();
        }
        Writer second = factory.attachWriter(name);
        for (int i = 0; i < 2; i++) {
            second.write(new byte[10]);
        }
        second.close();
        for (int i = 0; i < 2; i++) {
            try (Frame frame = reader.read(SECOND)) {
                assertEquals(i + 1, frame.sequence(), "the second writer numbers its frames from 1");
            }
        }
        EndOfStreamException end = assertThrows(EndOfStreamException.class, () -> reader.read(SECOND));
        assertTrue(end.getMessage().contains("detached after 2 frames"), end.getMessage());
    }

    @Test
    void drainWaitsForTheReader() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 4096));
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[10]);
        assertFalse(writer.drain(Duration.ofMillis(100)), "one frame unread");
        Thread consumer = new Thread(() -> reader.read(SECOND).close());
        consumer.start();
        assertTrue(writer.drain(Duration.ofSeconds(5)));
        consumer.join();
    }

    @Test
    void closingTheReaderWakesABlockedRead() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024));
        Throwable[] failure = new Throwable[1];
        Thread blocked = new Thread(() -> {
            try {
                reader.read(Duration.ofSeconds(30));
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        blocked.start();
        Await.awaitInside(blocked, Duration.ofSeconds(20), "sem_timedwait");
        reader.close();
        blocked.join(10_000);
        assertFalse(blocked.isAlive(), "the blocked read returned");
        assertTrue(failure[0] instanceof IllegalStateException, String.valueOf(failure[0]));
    }
}
