package io.zerobuffer.linux;

import static io.zerobuffer.linux.SecondMapping.METADATA_SIZE;
import static io.zerobuffer.linux.SecondMapping.PAYLOAD_FREE_BYTES;
import static io.zerobuffer.linux.SecondMapping.PAYLOAD_READ_POS;
import static io.zerobuffer.linux.SecondMapping.PAYLOAD_SIZE;
import static io.zerobuffer.linux.SecondMapping.PAYLOAD_WRITE_POS;
import static io.zerobuffer.linux.SecondMapping.READER_PID;
import static io.zerobuffer.linux.SecondMapping.WRITER_PID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferCorruptedException;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.MetadataTooLargeException;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shared fields another process corrupted, through a second mapping of {@code /dev/shm/NAME}:
 * the engine refuses them with {@link BufferCorruptedException} naming field and value, writes
 * nothing outside its ring and metadata block, leaves {@code writer_pid} as it found it when an
 * attach fails, and is never left wedged.
 */
class SharedFieldValidationTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final int RING = 4096;

    private LinuxZeroBufferFactory factory;
    private String name;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        name = BufferNames.unique("fields");
    }

    @AfterEach
    void tearDown() {
        factory.close();
        Leftovers.assertNone(name);
    }

    private static void assertNames(BufferCorruptedException e, String field, long value) {
        assertTrue(e.getMessage().contains(field) && e.getMessage().contains(Long.toString(value)),
                "message names " + field + " and " + value + ": " + e.getMessage());
    }

    @Test
    void aNegativeWritePositionAtAttachIsRefusedAndTheOiebIsUntouched() throws Exception {
        factory.createReader(name, BufferConfig.of(0, RING));
        SecondMapping shm = new SecondMapping(name);
        shm.putLong(PAYLOAD_WRITE_POS, -64);
        byte[] oieb = shm.bytes(0, 128);

        BufferCorruptedException e = assertThrows(BufferCorruptedException.class, () -> {
            Writer writer = factory.attachWriter(name);
            writer.write(new byte[40]);
        });
        assertNames(e, "payload_write_pos", -64);
        assertArrayEquals(oieb, shm.bytes(0, 128), "the OIEB, writer_pid included, is as it was");
    }

    @Test
    void aWritePositionChangedUnderAnAttachedWriterIsRefusedAndTheOiebIsUntouched() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, RING));
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[10]);
        reader.read(SECOND).close();
        SecondMapping shm = new SecondMapping(name);
        shm.putLong(PAYLOAD_WRITE_POS, -64);
        byte[] oieb = shm.bytes(0, 128);

        BufferCorruptedException e = assertThrows(BufferCorruptedException.class, () -> writer.write(new byte[40]));
        assertNames(e, "payload_write_pos", -64);
        assertArrayEquals(oieb, shm.bytes(0, 128), "nothing written over the OIEB");
    }

    @Test
    void aHugeNegativeWritePositionIsRefusedAndLeavesNoWriterWedged() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, RING));
        SecondMapping shm = new SecondMapping(name);
        long huge = Integer.MIN_VALUE;
        shm.putLong(PAYLOAD_WRITE_POS, huge);

        BufferCorruptedException e = assertThrows(BufferCorruptedException.class, () -> {
            Writer writer = factory.attachWriter(name);
            writer.write(new byte[40]);
        });
        assertNames(e, "payload_write_pos", huge);
        assertEquals(0, shm.getLong(WRITER_PID), "writer_pid left as found");

        shm.putLong(PAYLOAD_WRITE_POS, 0);
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[40]);
        try (Frame frame = reader.read(SECOND)) {
            assertEquals(40, frame.size());
        }
    }

    @Test
    void aWriterThatMetCorruptionWritesAgainOnceTheFieldIsRepaired() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, RING));
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[10]);
        reader.read(SECOND).close();
        SecondMapping shm = new SecondMapping(name);
        long position = shm.getLong(PAYLOAD_WRITE_POS);
        shm.putLong(PAYLOAD_WRITE_POS, Integer.MIN_VALUE);

        assertThrows(BufferCorruptedException.class, () -> writer.write(new byte[40]));
        assertThrows(BufferCorruptedException.class, () -> writer.acquire(40), "still corrupt, not 'acquired and not committed'");

        shm.putLong(PAYLOAD_WRITE_POS, position);
        writer.write(new byte[40]);
        try (Frame frame = reader.read(SECOND)) {
            assertNotNull(frame);
            assertEquals(2, frame.sequence());
        }
    }

    @Test
    void aWritePositionBeyondTheRingIsRefusedAndFreeBytesStayWithinTheRing() throws Exception {
        factory.createReader(name, BufferConfig.of(0, RING));
        SecondMapping shm = new SecondMapping(name);
        shm.putLong(PAYLOAD_WRITE_POS, RING + 4096);

        BufferCorruptedException e = assertThrows(BufferCorruptedException.class, () -> {
            Writer writer = factory.attachWriter(name);
            writer.write(new byte[40]);
        });
        assertNames(e, "payload_write_pos", RING + 4096);
        assertEquals(RING, shm.getLong(PAYLOAD_FREE_BYTES), "payload_free_bytes untouched");
        assertEquals(0, shm.getLong(WRITER_PID), "writer_pid left as found");
    }

    @Test
    void aMetadataSizeChangedAfterAttachIsRefusedAndTheRingIsUntouched() throws Exception {
        factory.createReader(name, BufferConfig.of(64, RING));
        Writer writer = factory.attachWriter(name);
        SecondMapping shm = new SecondMapping(name);
        shm.putLong(METADATA_SIZE, 64 + RING);

        BufferCorruptedException e = assertThrows(BufferCorruptedException.class, () -> writer.writeMetadata(new byte[200]));
        assertNames(e, "metadata_size", 64 + RING);
        assertArrayEquals(new byte[RING], shm.bytes(128 + 64, RING), "the ring is untouched");
        assertThrows(BufferCorruptedException.class, () -> writer.write(new byte[10]), "every write checks the sizes");
    }

    @Test
    void aPayloadSizeChangedAfterAttachIsRefused() throws Exception {
        factory.createReader(name, BufferConfig.of(64, RING));
        Writer writer = factory.attachWriter(name);
        SecondMapping shm = new SecondMapping(name);
        shm.putLong(PAYLOAD_SIZE, 2 * RING);

        BufferCorruptedException e = assertThrows(BufferCorruptedException.class, () -> writer.write(new byte[10]));
        assertNames(e, "payload_size", 2 * RING);
    }

    @Test
    void aMetadataSizeChangedBeforeAttachIsRefusedAndTheMetadataBlockIsUntouched() throws Exception {
        factory.createReader(name, BufferConfig.of(256, RING));
        SecondMapping shm = new SecondMapping(name);
        shm.putLong(METADATA_SIZE, 64);

        BufferCorruptedException e = assertThrows(BufferCorruptedException.class, () -> {
            Writer writer = factory.attachWriter(name);
            writer.write(new byte[100]);
        });
        assertNames(e, "metadata_size", 64);
        assertArrayEquals(new byte[256], shm.bytes(128, 256), "no frame in the metadata block");
        assertEquals(0, shm.getLong(WRITER_PID), "writer_pid left as found");
    }

    @Test
    void aPayloadSizeTooSmallForAFrameFailsTheAttachAndLeavesWriterPidAsFound() throws Exception {
        factory.createReader(name, BufferConfig.of(0, RING));
        SecondMapping shm = new SecondMapping(name);
        shm.putLong(PAYLOAD_SIZE, 16);

        BufferCorruptedException e = assertThrows(BufferCorruptedException.class, () -> factory.attachWriter(name));
        assertNames(e, "payload_size", 16);
        assertEquals(0, shm.getLong(WRITER_PID), "writer_pid left as found");
        shm.putLong(PAYLOAD_SIZE, RING);
        factory.attachWriter(name).write(new byte[1]);
    }

    @Test
    void aMetadataLengthPrefixLongerThanItsBlockIsCorruption() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(64, RING));
        factory.attachWriter(name).writeMetadata(new byte[] {1, 2, 3});
        SecondMapping shm = new SecondMapping(name);
        shm.putLong(128, 1L << 32);

        BufferCorruptedException e = assertThrows(BufferCorruptedException.class, reader::metadata);
        assertNames(e, "length prefix", 1L << 32);
        shm.putLong(128, -1);
        assertThrows(BufferCorruptedException.class, reader::metadata);
        shm.putLong(128, 3);
        assertEquals(3, reader.metadata().remaining(), "a repaired prefix reads again");
    }

    @Test
    void aHugeMetadataLengthPrefixAndSizeAreCorruptionNotAnIndexError() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(64, RING));
        factory.attachWriter(name).writeMetadata(new byte[] {1, 2, 3});
        SecondMapping shm = new SecondMapping(name);
        shm.putLong(METADATA_SIZE, 1L << 40);
        shm.putLong(128, (1L << 40) - 16);

        assertThrows(BufferCorruptedException.class, reader::metadata);
    }

    @Test
    void writeMetadataOnASizeZeroBlockIsTooLargeAndTheFirstFrameSurvives() {
        Reader reader = factory.createReader(name, BufferConfig.of(0, RING));
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[] {5, 6, 7});

        assertThrows(MetadataTooLargeException.class, () -> writer.writeMetadata(new byte[0]));
        assertThrows(MetadataTooLargeException.class, () -> writer.acquireMetadata(0));
        try (Frame frame = reader.read(SECOND)) {
            assertNotNull(frame, "the unread frame survived");
            assertEquals(1, frame.sequence());
            assertEquals(3, frame.size());
            assertEquals(7, frame.data().get(2));
        }
        assertEquals(0, reader.status().metadataWrittenBytes(), "no metadata counted");
    }

    @Test
    void freeBytesAboveTheRingAreCorruptionForTheReader() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, RING));
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[10]);
        SecondMapping shm = new SecondMapping(name);
        shm.putLong(PAYLOAD_FREE_BYTES, RING + 1000);

        BufferCorruptedException e = assertThrows(BufferCorruptedException.class, () -> reader.read(SECOND));
        assertNames(e, "payload_free_bytes", RING + 1000);
        BufferCorruptedException w = assertThrows(BufferCorruptedException.class, () -> writer.write(new byte[10]));
        assertNames(w, "payload_free_bytes", RING + 1000);
    }

    @Test
    void aReaderThatMetCorruptionReadsOnOnceTheFieldIsRepaired() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, RING));
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[10]);
        SecondMapping shm = new SecondMapping(name);
        long free = shm.getLong(PAYLOAD_FREE_BYTES);
        shm.putLong(PAYLOAD_FREE_BYTES, -1);

        assertThrows(BufferCorruptedException.class, () -> reader.read(SECOND));
        assertThrows(BufferCorruptedException.class, () -> reader.read(SECOND), "still corrupt");

        shm.putLong(PAYLOAD_FREE_BYTES, free);
        writer.write(new byte[20]);
        for (int sequence = 1; sequence <= 2; sequence++) {
            try (Frame frame = reader.read(SECOND)) {
                assertNotNull(frame, "frame " + sequence + " after the repair");
                assertEquals(sequence, frame.sequence());
            }
        }
    }

    @Test
    void aReadPositionChangedUnderTheReaderIsCorruption() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, RING));
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[10]);
        SecondMapping shm = new SecondMapping(name);
        shm.putLong(PAYLOAD_READ_POS, RING * 3L);

        BufferCorruptedException e = assertThrows(BufferCorruptedException.class, () -> reader.read(SECOND));
        assertNames(e, "payload_read_pos", RING * 3L);
        assertTrue(shm.getLong(READER_PID) != 0, "the reader is still there");
    }
}
