package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.EndOfStreamException;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.linux.posix.NamedSemaphore;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our reader against a writer coded independently from our ring code, straight from
 * docs/PROTOCOL.md §2–§3 with plain {@link FileChannel} mapping and absolute offsets, behaving like
 * the upstream peers: C++-style wrap markers, a tail under 16 bytes wrapped without a marker,
 * and the Python writer's habit of counting such a markerless wrap in written_count.
 */
class ForeignWriterTest {
    private static final int OIEB = 128;

    private LinuxZeroBufferFactory factory;
    private String name;
    private MappedByteBuffer segment;
    private NamedSemaphore dataReady;
    private long writePos;
    private long sequence = 1;
    private int ring;
    private long ringSize;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        name = BufferNames.unique("foreign");
    }

    @AfterEach
    void tearDown() {
        if (dataReady != null) {
            dataReady.close();
        }
        factory.close();
        Leftovers.assertNone(name);
    }

    private Reader createAndAttach(long payload) throws IOException {
        Reader reader = factory.createReader(name, BufferConfig.of(64, payload));
        try (FileChannel channel = FileChannel.open(Path.of("/dev/shm", name), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            segment = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
        }
        segment.order(ByteOrder.LITTLE_ENDIAN);
        ring = OIEB + (int) segment.getLong(0x08);
        ringSize = segment.getLong(0x20);
        segment.putLong(0x50, ProcessHandle.current().pid() == 1 ? 2 : ProcessHandle.current().pid());
        dataReady = NamedSemaphore.open(name, "sem-w-" + name);
        return reader;
    }

    /**
     * One frame per docs/PROTOCOL.md §3; {@code pythonCounting} also counts a markerless wrap. The
     * tests read each frame before writing one that would not fit, so it never waits.
     */
    private void foreignWrite(int size, boolean pythonCounting) {
        long total = 16 + size;
        long spaceToEnd = ringSize - writePos;
        long required = spaceToEnd < total ? spaceToEnd + total : total;
        assertTrue(segment.getLong(0x28) >= required, "test bug: frame " + sequence + " does not fit yet");
        if (spaceToEnd < total) {
            if (spaceToEnd >= 16) {
                segment.putLong(ring + (int) writePos, 0);
                segment.putLong(ring + (int) writePos + 8, 0);
                segment.putLong(0x40, segment.getLong(0x40) + 1);
            } else if (pythonCounting) {
                segment.putLong(0x40, segment.getLong(0x40) + 1);
            }
            segment.putLong(0x28, segment.getLong(0x28) - spaceToEnd);
            writePos = 0;
        }
        segment.putLong(ring + (int) writePos, size);
        segment.putLong(ring + (int) writePos + 8, sequence);
        for (int j = 0; j < size; j++) {
            segment.put(ring + (int) writePos + 16 + j, TestBuffers.sequential(sequence - 1, j));
        }
        writePos += total;
        segment.putLong(0x30, writePos);
        segment.putLong(0x28, segment.getLong(0x28) - total);
        segment.putLong(0x40, segment.getLong(0x40) + 1);
        sequence++;
        dataReady.post();
    }

    private void foreignDetach() {
        segment.putLong(0x50, 0);
        dataReady.post();
    }

    private void readAll(Reader reader, long from, long to) {
        for (long s = from; s <= to; s++) {
            try (Frame frame = reader.read(Duration.ofSeconds(1))) {
                assertNotNull(frame, "frame " + s);
                assertEquals(s, frame.sequence());
                assertEquals(-1, TestBuffers.firstMismatch(frame.data(), s - 1), "payload of frame " + s);
            }
        }
    }

    @Test
    void wrapMarkersAndMarkerlessTailsLikeTheCppWriter() throws IOException {
        Reader reader = createAndAttach(1024);
        foreignWrite(1024 - 16 - 21, false);
        readAll(reader, 1, 1);
        foreignWrite(100, false);
        readAll(reader, 2, 2);
        foreignWrite(1017 - 116 - 16, false);
        readAll(reader, 3, 3);
        assertEquals(4, reader.status().readCount(), "three frames and the wrap marker of the 21-byte tail");
        foreignWrite(500, false);
        readAll(reader, 4, 4);
        assertEquals(5, reader.status().readCount(), "the 7-byte tail had no marker to count");
        foreignDetach();
        assertThrows(EndOfStreamException.class, () -> reader.read(Duration.ofSeconds(1)));
        assertEquals(1024, reader.status().payloadFreeBytes(), "every wasted tail was given back");
    }

    @Test
    void aPythonWriterThatCountsMarkerlessWrapsStillEndsTheStream() throws IOException {
        Reader reader = createAndAttach(1024);
        foreignWrite(300, true);
        readAll(reader, 1, 1);
        for (int round = 0; round < 20; round++) {
            int tail = 5 + round % 9;
            foreignWrite(1024 - 316 - tail - 16, true);
            readAll(reader, sequence - 1, sequence - 1);
            foreignWrite(300, true);
            readAll(reader, sequence - 1, sequence - 1);
        }
        assertEquals(reader.status().readCount() + 20, reader.status().writtenCount(), "the Python counting skew");
        foreignDetach();
        assertThrows(EndOfStreamException.class, () -> reader.read(Duration.ofSeconds(1)),
                "written_count runs ahead of read_count, yet nothing is unread");
    }
}
