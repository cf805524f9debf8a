package io.zerobuffer.linux.layout;

import static io.zerobuffer.linux.layout.FrameHeaderDescriptor.HEADER_LENGTH;
import static io.zerobuffer.linux.layout.FrameHeaderDescriptor.PAYLOAD_SIZE_OFFSET;
import static io.zerobuffer.linux.layout.FrameHeaderDescriptor.SEQUENCE_OFFSET;

import io.zerobuffer.linux.posix.UnsafeAccess;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A flyweight over the {@linkplain FrameHeaderDescriptor frame headers} of one ring: reads and
 * writes a header by its ring position.
 *
 * <p>Every access checks that the whole header lies inside the ring (one compare) and throws
 * {@link IndexOutOfBoundsException} otherwise, so no position, whatever its origin, reaches
 * memory outside the ring. Where {@code sun.misc.Unsafe} is available on a little-endian machine
 * the header is accessed at its native address (unaligned, as headers are packed); elsewhere
 * through the segment buffer. The ordering of a header against the counters that publish it is
 * the caller's (a release fence before the post). Not thread-safe.
 */
public final class FrameHeaders {
    private static final sun.misc.Unsafe UNSAFE =
            ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? UnsafeAccess.UNSAFE : null;

    private final ByteBuffer segment;
    private final int ringOffset;
    /** The last ring position a header may start at: ring size − 16. */
    private final long lastHeader;
    private final long ringAddress;
    private final boolean rawStores;

    /**
     * @param segment    the mapped segment (direct, little-endian)
     * @param ringOffset segment offset of the ring
     * @param ringSize   ring bytes; the ring must lie inside the segment
     */
    public FrameHeaders(ByteBuffer segment, int ringOffset, long ringSize) {
        if (!segment.isDirect() || ringOffset < 0 || ringSize < HEADER_LENGTH
                || ringOffset + ringSize > segment.capacity()) {
            throw new IllegalArgumentException("ring of " + ringSize + " bytes at offset " + ringOffset
                    + " outside a segment of " + segment.capacity() + " bytes");
        }
        this.segment = segment;
        this.ringOffset = ringOffset;
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
        check(position);
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

    private long get(long position, int field) {
        check(position);
        return UNSAFE != null ? UNSAFE.getLong(ringAddress + position + field)
                : segment.getLong(ringOffset + (int) position + field);
    }

    private void check(long position) {
        if ((position | (lastHeader - position)) < 0) {
            throw new IndexOutOfBoundsException("frame header at ring position " + position + " outside a ring of "
                    + (lastHeader + HEADER_LENGTH) + " bytes");
        }
    }
}
