package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.linux.posix.NamedSemaphore;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our writer against a reader coded independently from our ring code, straight from
 * docs/PROTOCOL.md §4 with plain {@link FileChannel} mapping and absolute offsets, as strict as the
 * upstream Python reader: it reads the header at read_pos without the tail-gap step, so a tail
 * of fewer than 16 bytes left without a wrap marker makes it fail ("Invalid read range").
 */
class ForeignReaderTest {
    private static final int OIEB = 128;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private LinuxZeroBufferFactory factory;
    private String name;
    private MappedByteBuffer segment;
    private NamedSemaphore dataReady;
    private NamedSemaphore spaceFreed;
    private int ring;
    private long ringSize;
    private long expectedSequence = 1;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        name = BufferNames.unique("foreign-reader");
    }

    @AfterEach
    void tearDown() {
        if (dataReady != null) {
            dataReady.close();
            spaceFreed.close();
        }
        factory.close();
        Leftovers.assertNone(name);
    }

    /** Creates the buffer with our reader (which then stays idle) and maps it as a foreign reader would. */
    private Writer createAndAttach(long payload, WriterOptions options) throws IOException {
        factory.createReader(name, BufferConfig.of(64, payload));
        try (FileChannel channel = FileChannel.open(Path.of("/dev/shm", name), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            segment = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
        }
        segment.order(ByteOrder.LITTLE_ENDIAN);
        ring = OIEB + (int) segment.getLong(0x08);
        ringSize = segment.getLong(0x20);
        dataReady = NamedSemaphore.open(name, "sem-w-" + name);
        spaceFreed = NamedSemaphore.open(name, "sem-r-" + name);
        return factory.attachWriter(name, options);
    }

    /** One frame per docs/PROTOCOL.md §4, read, verified against the sequential pattern and released. */
    private void foreignRead() {
        assertTrue(dataReady.await(TimeUnit.SECONDS.toNanos(1)), "no frame posted");
        long readPos = segment.getLong(0x38);
        long[] header = header(readPos);
        if (header[0] == 0) {
            LONGS.getAndAdd(segment, 0x28, ringSize - readPos);
            readPos = 0;
            segment.putLong(0x38, 0);
            segment.putLong(0x48, segment.getLong(0x48) + 1);
            header = header(0);
        }
        long size = header[0];
        long sequence = header[1];
        assertEquals(expectedSequence, sequence, "sequence");
        long total = 16 + size;
        if (size == 0 || readPos + total > ringSize) {
            throw new IllegalStateException("frame extends past the ring: read_pos " + readPos + ", size " + size);
        }
        for (int j = 0; j < size; j++) {
            assertEquals(TestBuffers.sequential(sequence - 1, j), segment.get(ring + (int) readPos + 16 + j),
                    "byte " + j + " of frame " + sequence);
        }
        long next = readPos + total;
        segment.putLong(0x38, next >= ringSize ? next - ringSize : next);
        segment.putLong(0x48, segment.getLong(0x48) + 1);
        expectedSequence++;
        LONGS.getAndAdd(segment, 0x28, total);
        spaceFreed.post();
    }

    /** The header at a ring offset; like the Python reader, a header past the ring is an error. */
    private long[] header(long readPos) {
        if (readPos + 16 > ringSize) {
            throw new IllegalStateException("Invalid read range: header at ring offset " + readPos + " of " + ringSize);
        }
        return new long[] {segment.getLong(ring + (int) readPos), segment.getLong(ring + (int) readPos + 8)};
    }

    private void write(Writer writer, int size) {
        TestBuffers.fillSequential(writer.acquire(size), writer.framesWritten(), size);
        writer.commit();
    }

    @ParameterizedTest(name = "a frame that would end {0} bytes before the end of the ring")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
    void everyTailShorterThanAMarkerIsAvoidedByDefault(int tail) throws IOException {
        Writer writer = createAndAttach(4096, WriterOptions.defaults());
        write(writer, 3000);
        foreignRead();
        write(writer, 4096 - 3016 - 16 - tail);
        foreignRead();
        for (int i = 0; i < 20; i++) {
            write(writer, 333);
            foreignRead();
        }
        assertEquals(4096, segment.getLong(0x28), "every byte was given back");
        assertEquals(segment.getLong(0x40), segment.getLong(0x48), "the reader read every frame and marker");
    }

    @ParameterizedTest(name = "a tail of {0} bytes without a marker")
    @ValueSource(ints = {1, 8, 15})
    void thisReaderFailsOnATailWithoutAMarkerAsTheUpstreamReadersDo(int tail) throws IOException {
        Writer writer = createAndAttach(4096, WriterOptions.defaults().withPeerFriendlyWrap(false));
        write(writer, 3000);
        foreignRead();
        write(writer, 4096 - 3016 - 16 - tail);
        foreignRead();
        write(writer, 333);
        IllegalStateException e = assertThrows(IllegalStateException.class, this::foreignRead);
        assertTrue(e.getMessage().startsWith("Invalid read range"), e.getMessage());
    }
}
