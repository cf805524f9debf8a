package io.zerobuffer.linux.layout;

import static io.zerobuffer.linux.layout.FrameHeaderDescriptor.HEADER_LENGTH;
import static io.zerobuffer.linux.layout.FrameHeaderDescriptor.PAYLOAD_SIZE_OFFSET;
import static io.zerobuffer.linux.layout.FrameHeaderDescriptor.SEQUENCE_OFFSET;

import io.zerobuffer.linux.posix.UnsafeAccess;
import java.nio.ByteBuffer;

/**
 * A flyweight over the bytes of one ring: reads and writes a {@linkplain FrameHeaderDescriptor
 * frame header} by its ring position, and copies a payload in at a ring position.
 *
 * <p>Every access checks that what it touches lies wholly inside the ring (one compare) and
 * throws {@link IndexOutOfBoundsException} otherwise, so no position, whatever its origin,
 * reaches memory outside the ring. Where {@code sun.misc.Unsafe} is available on a little-endian
 * machine headers are accessed at their native address (unaligned, as headers are packed) and
 * payloads are copied straight from the caller's array into the ring, without
 * moving a view over it; elsewhere everything goes through the segment buffer. The ordering of a
 * frame against the counters that publish it is the caller's (a release fence before the post).
 * Not thread-safe.
 */
public final class RingMemory {
    private static final sun.misc.Unsafe UNSAFE = UnsafeAccess.UNSAFE_LITTLE_ENDIAN;
    private static final long BYTE_ARRAY_BASE = UNSAFE == null ? 0 : UNSAFE.arrayBaseOffset(byte[].class);

    private final ByteBuffer segment;
    private final int ringOffset;
    private final long ringSize;
    /** The last ring position a header may start at: ring size − 16. */
    private final long lastHeader;
    private final long ringAddress;
    private final boolean rawStores;

    /**
     * @param segment    the mapped segment (direct, little-endian)
     * @param ringOffset segment offset of the ring
     * @param ringSize   ring bytes; the ring must lie inside the segment
     */
    public RingMemory(ByteBuffer segment, int ringOffset, long ringSize) {
        if (!segment.isDirect() || ringOffset < 0 || ringSize < HEADER_LENGTH
                || ringOffset + ringSize > segment.capacity()) {
            throw new IllegalArgumentException("ring of " + ringSize + " bytes at offset " + ringOffset
                    + " outside a segment of " + segment.capacity() + " bytes");
        }
        this.segment = segment;
        this.ringOffset = ringOffset;
        this.ringSize = ringSize;
        this.lastHeader = ringSize - HEADER_LENGTH;
        this.ringAddress = UNSAFE == null ? 0 : UnsafeAccess.addressOf(segment) + ringOffset;
        this.rawStores = UNSAFE != null && !segment.isReadOnly();
    }

    /**
     * @param position ring position of the header
     * @return its payload_size field
     */
    public long payloadSize(long position) {
        return get(position, PAYLOAD_SIZE_OFFSET);
    }

    /**
     * @param position ring position of the header
     * @return its sequence_number field
     */
    public long sequence(long position) {
        return get(position, SEQUENCE_OFFSET);
    }

    /**
     * Writes a frame header.
     *
     * @param position    ring position of the header
     * @param payloadSize payload bytes after it
     * @param sequence    sequence number
     */
    public void write(long position, long payloadSize, long sequence) {
        checkHeader(position);
        if (rawStores) {
            UNSAFE.putLong(ringAddress + position + PAYLOAD_SIZE_OFFSET, payloadSize);
            UNSAFE.putLong(ringAddress + position + SEQUENCE_OFFSET, sequence);
        } else {
            int at = ringOffset + (int) position;
            segment.putLong(at + PAYLOAD_SIZE_OFFSET, payloadSize);
            segment.putLong(at + SEQUENCE_OFFSET, sequence);
        }
    }

    /**
     * Writes a wrap marker (size 0, sequence 0).
     *
     * @param position ring position of the marker
     */
    public void writeMarker(long position) {
        write(position, 0L, 0L);
    }

    /**
     * Copies bytes of an array into the ring.
     *
     * @param position ring position of the first byte
     * @param source   the array
     * @param offset   its first byte
     * @param length   bytes
     * @throws IndexOutOfBoundsException if the range is outside the array or the ring
     */
    public void copyIn(long position, byte[] source, int offset, int length) {
        if (offset < 0 || length < 0 || offset > source.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " and length " + length
                    + " outside an array of " + source.length);
        }
        checkRange(position, length);
        if (rawStores) {
            UNSAFE.copyMemory(source, BYTE_ARRAY_BASE + offset, null, ringAddress + position, length);
        } else {
            segment.put(ringOffset + (int) position, source, offset, length);
        }
    }

    /**
     * Copies a buffer's remaining bytes into the ring; its position is not changed.
     *
     * @param position ring position of the first byte
     * @param source   the bytes from its position to its limit
     * @throws IndexOutOfBoundsException if they do not fit the ring there
     */
    public void copyIn(long position, ByteBuffer source) {
        int length = source.remaining();
        checkRange(position, length);
        if (rawStores && source.hasArray()) {
            UNSAFE.copyMemory(source.array(), BYTE_ARRAY_BASE + source.arrayOffset() + source.position(), null,
                    ringAddress + position, length);
        } else {
            // a direct source goes through the buffer API, which checks that its memory is still there
            segment.put(ringOffset + (int) position, source, source.position(), length);
        }
    }

    private long get(long position, int field) {
        checkHeader(position);
        return UNSAFE != null ? UNSAFE.getLong(ringAddress + position + field)
                : segment.getLong(ringOffset + (int) position + field);
    }

    private void checkHeader(long position) {
        if ((position | (lastHeader - position)) < 0) {
            throw new IndexOutOfBoundsException("frame header at ring position " + position + " outside a ring of "
                    + ringSize + " bytes");
        }
    }

    private void checkRange(long position, int length) {
        if ((position | length | (ringSize - length - position)) < 0) {
            throw new IndexOutOfBoundsException(length + " bytes at ring position " + position + " outside a ring of "
                    + ringSize + " bytes");
        }
    }
}
