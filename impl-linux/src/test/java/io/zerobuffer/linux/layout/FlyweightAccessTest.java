package io.zerobuffer.linux.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

/**
 * The flyweights reach the segment at its native address where they can: what they write must
 * land at the protocol's offsets, little-endian, exactly as through the buffer; a read-only
 * segment must never be written; a header position outside the ring must never be accessed.
 */
class FlyweightAccessTest {

    private static ByteBuffer segment(int size) {
        ByteBuffer segment = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < size; i++) {
            segment.put(i, (byte) 0x5A);
        }
        return segment;
    }

    private static byte[] bytes(ByteBuffer segment) {
        byte[] copy = new byte[segment.capacity()];
        segment.duplicate().clear().get(copy);
        return copy;
    }

    @Test
    void oiebFieldsLandAtTheProtocolOffsetsLittleEndian() {
        ByteBuffer segment = segment(256);
        Oieb oieb = new Oieb(segment);
        oieb.initialise(1024, 4096, 4242);
        oieb.writePosition(0x0102030405060708L);
        oieb.readPosition(17);
        oieb.writtenCount(3);
        oieb.readCount(2);
        oieb.addPayloadFreeBytes(-100);
        assertTrue(oieb.compareAndSetWriterPid(0, 77));
        oieb.publishMetadata(1024, 24);

        assertEquals(128, segment.getInt(0x00), "oieb_size");
        assertEquals(1024, segment.getLong(0x08), "metadata_size");
        assertEquals(1000, segment.getLong(0x10), "metadata_free_bytes");
        assertEquals(24, segment.getLong(0x18), "metadata_written_bytes");
        assertEquals(4096, segment.getLong(0x20), "payload_size");
        assertEquals(3996, segment.getLong(0x28), "payload_free_bytes");
        assertEquals(0x08, segment.get(0x30), "payload_write_pos, lowest byte first");
        assertEquals(0x0102030405060708L, segment.getLong(0x30), "payload_write_pos");
        assertEquals(17, segment.getLong(0x38), "payload_read_pos");
        assertEquals(3, segment.getLong(0x40), "payload_written_count");
        assertEquals(2, segment.getLong(0x48), "payload_read_count");
        assertEquals(77, segment.getLong(0x50), "writer_pid");
        assertEquals(4242, segment.getLong(0x58), "reader_pid");
        for (int i = 128; i < 256; i++) {
            assertEquals(0x5A, segment.get(i), "byte " + i + " after the OIEB untouched");
        }

        segment.putLong(0x28, 12345);
        segment.putLong(0x38, 99);
        assertEquals(12345, oieb.payloadFreeBytes(), "a peer's store is read back");
        assertEquals(99, oieb.readPositionPlain());
        assertEquals(4096, oieb.payloadSizePlain());
        assertEquals(1024, oieb.metadataSizePlain());
    }

    @Test
    void aReadOnlySegmentIsReadButNeverWritten() {
        ByteBuffer segment = segment(256);
        new Oieb(segment).initialise(64, 1024, 1);
        byte[] before = bytes(segment);
        Oieb oieb = new Oieb(segment.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));

        assertEquals(1024, oieb.payloadSize());
        assertEquals(1, oieb.readerPid());
        assertThrows(ReadOnlyBufferException.class, () -> oieb.writePosition(8));
        assertThrows(ReadOnlyBufferException.class, () -> oieb.addPayloadFreeBytes(-8));
        assertThrows(ReadOnlyBufferException.class, () -> oieb.compareAndSetWriterPid(0, 5));
        assertThrows(ReadOnlyBufferException.class, () -> oieb.readerPid(0));
        assertArrayEquals(before, bytes(segment), "not one byte written through a read-only segment");

        RingMemory headers = new RingMemory(segment.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN), 128, 128);
        assertThrows(ReadOnlyBufferException.class, () -> headers.write(0, 1, 1));
        assertArrayEquals(before, bytes(segment), "no header written through a read-only segment");
    }

    @Test
    void frameHeadersLandAtTheirRingPositionUnalignedAndLittleEndian() {
        ByteBuffer segment = segment(128 + 64 + 256);
        RingMemory headers = new RingMemory(segment, 192, 256);
        headers.write(3, 0x1122, 7);
        headers.writeMarker(240);

        assertEquals(0x1122, segment.getLong(192 + 3), "payload_size at ring position 3");
        assertEquals(0x22, segment.get(192 + 3), "lowest byte first");
        assertEquals(7, segment.getLong(192 + 3 + 8), "sequence_number after it");
        assertEquals(0, segment.getLong(192 + 240), "marker size");
        assertEquals(0, segment.getLong(192 + 248), "marker sequence");
        assertEquals(0x5A, segment.get(192 + 2), "byte before the header untouched");
        assertEquals(0x5A, segment.get(192 + 19), "byte after the header untouched");

        segment.putLong(192 + 100, 55).putLong(192 + 108, 56);
        assertEquals(55, headers.payloadSize(100));
        assertEquals(56, headers.sequence(100));
    }

    @Test
    void aHeaderPositionOutsideTheRingIsRefusedBeforeAnyAccess() {
        ByteBuffer segment = segment(128 + 64 + 256);
        byte[] before = bytes(segment);
        RingMemory headers = new RingMemory(segment, 192, 256);

        for (long position : new long[] {-1, -16, 241, 256, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE}) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                    () -> headers.write(position, 1, 1), "write at " + position);
            assertTrue(e.getMessage().contains("ring position " + position), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> headers.payloadSize(position), "read at " + position);
            assertThrows(IndexOutOfBoundsException.class, () -> headers.sequence(position), "read at " + position);
        }
        assertArrayEquals(before, bytes(segment), "nothing written");
        headers.write(240, 1, 1); // the last position a header fits at
    }

    @Test
    void payloadsAreCopiedToTheirRingPositionAndNeverOutsideTheRing() {
        ByteBuffer segment = segment(128 + 64 + 256);
        RingMemory ring = new RingMemory(segment, 192, 256);
        byte[] payload = {1, 2, 3, 4, 5, 6, 7};

        ring.copyIn(19, payload, 2, 4);
        assertEquals(3, segment.get(192 + 19));
        assertEquals(6, segment.get(192 + 22));
        assertEquals(0x5A, segment.get(192 + 18), "byte before untouched");
        assertEquals(0x5A, segment.get(192 + 23), "byte after untouched");

        ByteBuffer heap = ByteBuffer.wrap(payload, 1, 3);
        ring.copyIn(100, heap);
        ByteBuffer direct = ByteBuffer.allocateDirect(8);
        direct.put(new byte[] {9, 8, 7, 6}).flip();
        direct.get();
        ring.copyIn(253, direct);
        assertEquals(2, segment.get(192 + 100), "heap source from its position");
        assertEquals(4, segment.get(192 + 102));
        assertEquals(1, heap.position(), "source position unchanged");
        assertEquals(8, segment.get(192 + 253), "direct source from its position, to the ring's last byte");
        assertEquals(6, segment.get(192 + 255));
        assertEquals(1, direct.position(), "source position unchanged");

        byte[] before = bytes(segment);
        long[][] outside = {{-1, 4}, {253, 4}, {256, 1}, {0, 257}, {Long.MAX_VALUE, 1}, {Long.MIN_VALUE, 1}};
        for (long[] range : outside) {
            byte[] bytes = new byte[(int) range[1]];
            assertThrows(IndexOutOfBoundsException.class, () -> ring.copyIn(range[0], bytes, 0, bytes.length),
                    range[1] + " bytes at " + range[0]);
            assertThrows(IndexOutOfBoundsException.class, () -> ring.copyIn(range[0], ByteBuffer.wrap(bytes)),
                    range[1] + " bytes at " + range[0] + " from a buffer");
        }
        assertThrows(IndexOutOfBoundsException.class, () -> ring.copyIn(0, payload, 5, 3), "outside the array");
        assertThrows(IndexOutOfBoundsException.class, () -> ring.copyIn(0, payload, -1, 3), "outside the array");
        assertArrayEquals(before, bytes(segment), "nothing written");

        RingMemory readOnly = new RingMemory(segment.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN), 192, 256);
        assertThrows(ReadOnlyBufferException.class, () -> readOnly.copyIn(0, payload, 0, 7));
        assertThrows(ReadOnlyBufferException.class, () -> readOnly.copyIn(0, ByteBuffer.wrap(payload)));
        assertArrayEquals(before, bytes(segment), "nothing written through a read-only segment");
    }

    @Test
    void aRingOutsideItsSegmentIsRefused() {
        ByteBuffer segment = segment(512);
        assertThrows(IllegalArgumentException.class, () -> new RingMemory(segment, 192, 321));
        assertThrows(IllegalArgumentException.class, () -> new RingMemory(segment, -1, 256));
        assertThrows(IllegalArgumentException.class, () -> new RingMemory(segment, 192, 15));
        assertThrows(IllegalArgumentException.class, () -> new RingMemory(ByteBuffer.allocate(512), 128, 256));
    }
}
