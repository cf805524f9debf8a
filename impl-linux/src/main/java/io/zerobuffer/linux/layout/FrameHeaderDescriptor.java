package io.zerobuffer.linux.layout;

/**
 * The 16-byte header in front of every frame in the ring. Frames are packed back to back with
 * no padding, so a header can start at any byte offset and must be read unaligned.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     payload_size (u64, LE)                    | +0
 *  |                    sequence_number (u64, LE)                  | +8
 *  +---------------------------------------------------------------+
 *  |                  payload_size bytes of payload ...            | +16
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>A header with payload_size 0 and sequence 0 is a wrap marker: the rest of the ring after
 * it is unused and the next frame starts at offset 0. When fewer than 16 bytes remain at the end
 * the writer wraps without a marker.
 */
public final class FrameHeaderDescriptor {
    /** Header size in bytes. */
    public static final int HEADER_LENGTH = 16;
    /** u64: payload bytes after the header; 0 in a wrap marker. */
    public static final int PAYLOAD_SIZE_OFFSET = 0;
    /** u64: sequence number, from 1; 0 in a wrap marker. */
    public static final int SEQUENCE_OFFSET = 8;

    private FrameHeaderDescriptor() {
    }

    /**
     * @param payloadSize payload bytes
     * @return ring bytes a frame of that payload occupies
     */
    public static long frameLength(long payloadSize) {
        return HEADER_LENGTH + payloadSize;
    }
}
