package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.linux.layout.FrameHeaderDescriptor;
import io.zerobuffer.linux.layout.OiebDescriptor;
import io.zerobuffer.linux.posix.Processes;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** Pins the wire layout: raw bytes at the offsets of docs/PROTOCOL.md §2, object names of §1. */
class LayoutTest {

    @Test
    void oiebFieldsSitAtTheProtocolOffsets() throws Exception {
        String name = BufferNames.unique("layout");
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            Reader reader = factory.createReader(name, BufferConfig.of(1000, 10_000));
            ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(Path.of("/dev/shm", name))).order(ByteOrder.LITTLE_ENDIAN);

            assertEquals(128 + 1024 + 10_048, raw.capacity(), "segment size = 128 + align64(1000) + align64(10000)");
            assertEquals(128, raw.getInt(0x00), "oieb_size");
            assertEquals(1, raw.get(0x04), "major");
            assertEquals(0, raw.get(0x05), "minor");
            assertEquals(0, raw.get(0x06), "patch");
            assertEquals(0, raw.get(0x07), "reserved");
            assertEquals(1024, raw.getLong(0x08), "metadata_size");
            assertEquals(1024, raw.getLong(0x10), "metadata_free_bytes");
            assertEquals(0, raw.getLong(0x18), "metadata_written_bytes");
            assertEquals(10_048, raw.getLong(0x20), "payload_size");
            assertEquals(10_048, raw.getLong(0x28), "payload_free_bytes");
            assertEquals(0, raw.getLong(0x30), "payload_write_pos");
            assertEquals(0, raw.getLong(0x38), "payload_read_pos");
            assertEquals(0, raw.getLong(0x40), "payload_written_count");
            assertEquals(0, raw.getLong(0x48), "payload_read_count");
            assertEquals(0, raw.getLong(0x50), "writer_pid");
            assertEquals(Processes.currentPid(), raw.getLong(0x58), "reader_pid");
            for (int offset = 0x60; offset < 0x80; offset += 8) {
                assertEquals(0, raw.getLong(offset), "reserved at " + offset);
            }

            assertTrue(Files.exists(Path.of("/dev/shm/sem.sem-w-" + name)), "data-ready semaphore name");
            assertTrue(Files.exists(Path.of("/dev/shm/sem.sem-r-" + name)), "space-freed semaphore name");
            assertTrue(Files.exists(Path.of("/tmp/zerobuffer/" + name + ".lock")), "lock file name");
            for (Path path : Leftovers.of(name)) {
                assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)), "mode of " + path);
            }
            reader.close();
        }
        Leftovers.assertNone(name);
    }

    @Test
    void theDescriptorsLimitsAreTheApis() {
        assertEquals(BufferConfig.MAX_TOTAL_SIZE, OiebDescriptor.MAX_SEGMENT_SIZE);
        assertEquals(BufferConfig.MIN_PAYLOAD_SIZE, OiebDescriptor.MIN_PAYLOAD_SIZE);
        assertEquals(BufferConfig.FRAME_HEADER_SIZE, FrameHeaderDescriptor.HEADER_LENGTH);
    }

    @Test
    void checkSizesAcceptsWhatFitsTheSegmentAndNamesWhatDoesNot() {
        assertNull(OiebDescriptor.checkSizes(0, 17, 128 + 17));
        assertNull(OiebDescriptor.checkSizes(64, 1024, 128 + 64 + 1024));
        assertNull(OiebDescriptor.checkSizes(100, 1000, 1228), "unaligned sizes of a peer are fine");
        assertTrue(OiebDescriptor.checkSizes(-1, 1024, 4096).contains("metadata_size is -1"));
        assertTrue(OiebDescriptor.checkSizes(0, 16, 4096).contains("payload_size is 16"));
        assertTrue(OiebDescriptor.checkSizes(0, -1024, 4096).contains("payload_size is -1024"));
        assertTrue(OiebDescriptor.checkSizes(64, 1024, 128 + 64 + 1023).contains("the segment has 1215 bytes"));
        assertTrue(OiebDescriptor.checkSizes(0, 1024, 128 + 256 + 1024).contains("end the ring at byte 1152"),
                "a metadata_size smaller than the segment says would put the ring over the metadata block");
        assertTrue(OiebDescriptor.checkSizes(Long.MAX_VALUE, 1024, Long.MAX_VALUE).contains("metadata_size is "
                + Long.MAX_VALUE));
        assertTrue(OiebDescriptor.checkSizes(1L << 30, 1L << 30, 128 + (1L << 31)).contains("beyond the "
                + OiebDescriptor.MAX_SEGMENT_SIZE));
    }

    @Test
    void framesAndMetadataHaveTheProtocolBytes() throws Exception {
        String name = BufferNames.unique("frames");
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            factory.createReader(name, BufferConfig.of(64, 128));
            Writer writer = factory.attachWriter(name);
            writer.writeMetadata(new byte[] {7, 8, 9});
            writer.write(new byte[] {1, 2, 3});
            writer.write(new byte[] {4, 5});
            ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(Path.of("/dev/shm", name))).order(ByteOrder.LITTLE_ENDIAN);

            assertEquals(Processes.currentPid(), raw.getLong(0x50), "writer_pid");
            assertEquals(11, raw.getLong(0x18), "metadata_written_bytes = 8 + length");
            assertEquals(64 - 11, raw.getLong(0x10), "metadata_free_bytes");
            assertEquals(3, raw.getLong(128), "metadata length prefix");
            assertEquals(7, raw.get(136));
            assertEquals(9, raw.get(138));
            int ring = 128 + 64;
            assertEquals(3, raw.getLong(ring), "first header: payload_size");
            assertEquals(1, raw.getLong(ring + 8), "first header: sequence");
            assertEquals(3, raw.get(ring + 18), "first payload, last byte");
            assertEquals(2, raw.getLong(ring + 19), "second header, unaligned: payload_size");
            assertEquals(2, raw.getLong(ring + 27), "second header, unaligned: sequence");
            assertEquals(19 + 18, raw.getLong(0x30), "payload_write_pos");
            assertEquals(128 - 37, raw.getLong(0x28), "payload_free_bytes");
            assertEquals(2, raw.getLong(0x40), "payload_written_count");
            writer.close();
            assertEquals(0, Files.readAllBytes(Path.of("/dev/shm", name))[0x50], "writer_pid cleared on detach");
        }
        Leftovers.assertNone(name);
    }
}
