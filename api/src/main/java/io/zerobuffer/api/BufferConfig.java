package io.zerobuffer.api;

/**
 * The sizes a reader creates a buffer with. Both sizes are rounded up to a multiple of 64
 * bytes in shared memory, as the protocol requires; the buffer occupies
 * {@code 128 + align64(metadataSize) + align64(payloadSize)} bytes.
 *
 * <p>A frame costs {@code 16 + n} bytes of ring and a wrap can waste up to one frame's size at
 * the end of the ring, so plan the payload as at least three times the largest frame.
 *
 * <p>The {@link AccessMode} says who may open the buffer: {@link AccessMode#SHARED} (0666,
 * every local user, the protocol's default) unless {@link #withAccess(AccessMode)} says
 * otherwise.
 *
 * <p>Immutable and thread-safe.
 */
public final class BufferConfig {
    /** Bytes of the frame header that precedes every payload in the ring. */
    public static final int FRAME_HEADER_SIZE = 16;
    /** The smallest useful payload block: one header and one byte. */
    public static final long MIN_PAYLOAD_SIZE = FRAME_HEADER_SIZE + 1;
    /**
     * The largest total size this implementation maps: a Java {@link java.nio.ByteBuffer} is
     * indexed by {@code int}. Larger buffers made by peers are refused with
     * {@link IncompatibleBufferException}.
     */
    public static final long MAX_TOTAL_SIZE = Integer.MAX_VALUE & ~63L;
    /** Default metadata block: 4 KiB. */
    public static final long DEFAULT_METADATA_SIZE = 4096;
    /** Default payload block: 64 MiB, room for 20 frames of 1080p YUV420. */
    public static final long DEFAULT_PAYLOAD_SIZE = 64L << 20;

    private final long metadataSize;
    private final long payloadSize;
    private final AccessMode access;

    private BufferConfig(long metadataSize, long payloadSize, AccessMode access) {
        this.metadataSize = metadataSize;
        this.payloadSize = payloadSize;
        this.access = access;
    }

    /**
     * @param metadataSize bytes of metadata block requested (0 allowed: no metadata possible)
     * @param payloadSize  bytes of ring requested; at least {@link #MIN_PAYLOAD_SIZE}
     * @return the configuration, with access {@link AccessMode#SHARED}
     * @throws IllegalArgumentException if a size is negative, the payload is smaller than one
     *                                  header plus one byte, or the total exceeds
     *                                  {@link #MAX_TOTAL_SIZE}
     */
    public static BufferConfig of(long metadataSize, long payloadSize) {
        if (metadataSize < 0) {
            throw new IllegalArgumentException("metadata size " + metadataSize + " is negative");
        }
        if (payloadSize < MIN_PAYLOAD_SIZE) {
            throw new IllegalArgumentException("payload size " + payloadSize
                    + " is smaller than one frame header plus one byte (" + MIN_PAYLOAD_SIZE + ")");
        }
        if (metadataSize > MAX_TOTAL_SIZE || payloadSize > MAX_TOTAL_SIZE
                || 128 + align64(metadataSize) + align64(payloadSize) > MAX_TOTAL_SIZE) {
            throw new IllegalArgumentException("metadata size " + metadataSize + " plus payload size " + payloadSize
                    + " exceed the largest mappable buffer of " + MAX_TOTAL_SIZE + " bytes");
        }
        return new BufferConfig(metadataSize, payloadSize, AccessMode.SHARED);
    }

    /** @return {@link #DEFAULT_METADATA_SIZE} and {@link #DEFAULT_PAYLOAD_SIZE}, access {@link AccessMode#SHARED} */
    public static BufferConfig defaults() {
        return new BufferConfig(DEFAULT_METADATA_SIZE, DEFAULT_PAYLOAD_SIZE, AccessMode.SHARED);
    }

    /**
     * @param access who may open the buffer
     * @return this configuration with that access mode
     * @since 1.2
     */
    public BufferConfig withAccess(AccessMode access) {
        if (access == null) {
            throw new NullPointerException("access");
        }
        return new BufferConfig(metadataSize, payloadSize, access);
    }

    /**
     * @return who may open the buffer; {@link AccessMode#SHARED} unless set
     * @since 1.2
     */
    public AccessMode access() {
        return access;
    }

    /** @return the requested metadata size */
    public long metadataSize() {
        return metadataSize;
    }

    /** @return the requested payload size */
    public long payloadSize() {
        return payloadSize;
    }

    /** @return the metadata block size in shared memory, rounded up to 64 */
    public long alignedMetadataSize() {
        return align64(metadataSize);
    }

    /** @return the ring size in shared memory, rounded up to 64 */
    public long alignedPayloadSize() {
        return align64(payloadSize);
    }

    /** @return the shared-memory size: 128 + aligned metadata + aligned payload */
    public long totalSize() {
        return 128 + alignedMetadataSize() + alignedPayloadSize();
    }

    /**
     * @param value a non-negative size
     * @return the value rounded up to a multiple of 64
     */
    public static long align64(long value) {
        return (value + 63) & ~63L;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BufferConfig && ((BufferConfig) o).metadataSize == metadataSize
                && ((BufferConfig) o).payloadSize == payloadSize && ((BufferConfig) o).access == access;
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(metadataSize) * 31 + Long.hashCode(payloadSize)) * 31 + access.ordinal();
    }

    @Override
    public String toString() {
        return "BufferConfig[metadataSize=" + metadataSize + ", payloadSize=" + payloadSize + ", access=" + access + "]";
    }
}
