package io.zerobuffer.linux.layout;

/**
 * The Operation Info Exchange Block: the 128-byte header at offset 0 of every ZeroBuffer v1
 * shared-memory segment, shared byte for byte with the C++, C# and Python peers. All fields are
 * little-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     oieb_size (u32) = 128                     | 0x00
 *  +---------------+---------------+---------------+---------------+
 *  |  major = 1    |  minor = 0    |  patch = 0    |  reserved     | 0x04
 *  +---------------+---------------+---------------+---------------+
 *  |                      metadata_size (u64)                      | 0x08
 *  |                   metadata_free_bytes (u64)                   | 0x10
 *  |                  metadata_written_bytes (u64)                 | 0x18
 *  |                       payload_size (u64)                      | 0x20
 *  |           payload_free_bytes (u64, atomic, both sides)        | 0x28
 *  |                payload_write_pos (u64, writer)                | 0x30
 *  |                 payload_read_pos (u64, reader)                | 0x38
 *  |              payload_written_count (u64, writer)              | 0x40
 *  |                payload_read_count (u64, reader)               | 0x48
 *  |                   writer_pid (u64, 0 = none)                  | 0x50
 *  |                   reader_pid (u64, 0 = none)                  | 0x58
 *  |                       reserved (4 x u64)                      | 0x60
 *  +---------------------------------------------------------------+ 0x80
 *  |        metadata block: u64 length, then length bytes          | 128
 *  +---------------------------------------------------------------+
 *  |   payload block (the ring): frames, see FrameHeaderDescriptor | 128 + metadata_size
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Every u64 field sits at a multiple of 8 from a page-aligned mapping, so it can be accessed
 * atomically.
 */
public final class OiebDescriptor {
    /** Size of the block, and the value of its first field. */
    public static final int OIEB_SIZE = 128;
    /** Protocol major version this library speaks; peers with another major are refused. */
    public static final int VERSION_MAJOR = 1;
    /** Protocol minor version this library writes. */
    public static final int VERSION_MINOR = 0;
    /** Protocol patch version this library writes. */
    public static final int VERSION_PATCH = 0;

    /** u32: size of the OIEB, 128. */
    public static final int OIEB_SIZE_OFFSET = 0x00;
    /** u8: protocol major version. */
    public static final int VERSION_MAJOR_OFFSET = 0x04;
    /** u8: protocol minor version. */
    public static final int VERSION_MINOR_OFFSET = 0x05;
    /** u8: protocol patch version. */
    public static final int VERSION_PATCH_OFFSET = 0x06;
    /** u8: reserved. */
    public static final int VERSION_RESERVED_OFFSET = 0x07;
    /** u64: metadata block size, a multiple of 64. */
    public static final int METADATA_SIZE_OFFSET = 0x08;
    /** u64: metadata bytes still free. */
    public static final int METADATA_FREE_BYTES_OFFSET = 0x10;
    /** u64: metadata bytes written including the 8-byte length prefix; 0 = none. */
    public static final int METADATA_WRITTEN_BYTES_OFFSET = 0x18;
    /** u64: ring size, a multiple of 64. */
    public static final int PAYLOAD_SIZE_OFFSET = 0x20;
    /** u64: ring bytes free; changed by both sides with atomic fetch-add / fetch-sub. */
    public static final int PAYLOAD_FREE_BYTES_OFFSET = 0x28;
    /** u64: ring offset where the writer writes the next frame. */
    public static final int PAYLOAD_WRITE_POS_OFFSET = 0x30;
    /** u64: ring offset where the reader reads the next frame. */
    public static final int PAYLOAD_READ_POS_OFFSET = 0x38;
    /** u64: frames and wrap markers written. */
    public static final int PAYLOAD_WRITTEN_COUNT_OFFSET = 0x40;
    /** u64: frames and wrap markers read. */
    public static final int PAYLOAD_READ_COUNT_OFFSET = 0x48;
    /** u64: writer process id, 0 when no writer is attached. */
    public static final int WRITER_PID_OFFSET = 0x50;
    /** u64: reader process id, 0 once the reader closed. */
    public static final int READER_PID_OFFSET = 0x58;
    /** 4 x u64: reserved, zero. */
    public static final int RESERVED_OFFSET = 0x60;

    /** Offset of the metadata block in the segment. */
    public static final int METADATA_BLOCK_OFFSET = OIEB_SIZE;
    /** Bytes of the length prefix in front of the metadata. */
    public static final int METADATA_LENGTH_PREFIX_SIZE = 8;

    private OiebDescriptor() {
    }

    /**
     * The largest segment this library maps: a Java {@link java.nio.ByteBuffer} is indexed by
     * {@code int}. Equal to {@link io.zerobuffer.api.BufferConfig#MAX_TOTAL_SIZE}.
     */
    public static final long MAX_SEGMENT_SIZE = Integer.MAX_VALUE & ~63L;
    /** The smallest ring that holds a frame: one header and one byte. */
    public static final long MIN_PAYLOAD_SIZE = FrameHeaderDescriptor.HEADER_LENGTH + 1;

    /**
     * Checks the block sizes of an OIEB against the segment they describe: {@code metadata_size}
     * at least 0, {@code payload_size} at least {@value #MIN_PAYLOAD_SIZE} (one header and one
     * byte), both within {@link #MAX_SEGMENT_SIZE}, and {@code 128 + metadata_size +
     * payload_size} equal to the segment size: every implementation sizes the segment exactly
     * so (PROTOCOL.md §1), and only equality tells a changed {@code metadata_size} (which would
     * move the ring over the metadata block) from a true one. Sizes need not be multiples of 64:
     * peers align them, and nothing here depends on it. The one rule for every party that maps
     * a buffer: a writer attaching, and the scanner before it maps a file.
     *
     * @param metadataSize the {@code metadata_size} field
     * @param payloadSize  the {@code payload_size} field
     * @param segmentSize  the size of the file or mapping
     * @return {@code null} when the sizes are valid, otherwise what is wrong, naming the field
     *         and its value
     */
    public static String checkSizes(long metadataSize, long payloadSize, long segmentSize) {
        if (metadataSize < 0 || metadataSize > MAX_SEGMENT_SIZE) {
            return "metadata_size is " + metadataSize + ", outside [0, " + MAX_SEGMENT_SIZE + "]";
        }
        if (payloadSize < MIN_PAYLOAD_SIZE || payloadSize > MAX_SEGMENT_SIZE) {
            return "payload_size is " + payloadSize + ", outside [" + MIN_PAYLOAD_SIZE + " (one frame header and one byte), "
                    + MAX_SEGMENT_SIZE + "]";
        }
        long end = OIEB_SIZE + metadataSize + payloadSize;
        if (end != segmentSize) {
            return "metadata_size " + metadataSize + " and payload_size " + payloadSize + " end the ring at byte " + end
                    + ", the segment has " + segmentSize + " bytes";
        }
        if (end > MAX_SEGMENT_SIZE) {
            return "metadata_size " + metadataSize + " and payload_size " + payloadSize + " end the ring at byte " + end
                    + ", beyond the " + MAX_SEGMENT_SIZE + " bytes this library maps";
        }
        return null;
    }

    /**
     * @param metadataSize the aligned metadata block size
     * @return the offset of the ring in the segment
     */
    public static long payloadBlockOffset(long metadataSize) {
        return OIEB_SIZE + metadataSize;
    }
}
