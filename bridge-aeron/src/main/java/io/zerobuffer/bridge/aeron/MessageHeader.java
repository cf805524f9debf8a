package io.zerobuffer.bridge.aeron;

/**
 * The header in front of every bridge message on the Aeron stream. Aeron delivers each message
 * whole and in order, so the header only says what the message is and which local frame it
 * carries.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                          type (int)                           |
 *  +---------------------------------------------------------------+
 *  |                     reserved (int, zero)                      |
 *  +---------------------------------------------------------------+
 *  |                   sequence (long): the frame's                |
 *  |            sequence number in the sending buffer              |
 *  +---------------------------------------------------------------+
 *  |                 payload: frame or metadata bytes             ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Little-endian, as Aeron's buffers are. A receiver that meets an unknown type or a message
 * shorter than the header skips it and counts it. Probes and echoes measure the round-trip
 * time; they never touch the buffers.
 */
public final class MessageHeader {
    /** Offset of the message type. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the reserved word. */
    public static final int RESERVED_OFFSET = 4;
    /** Offset of the frame's sequence number. */
    public static final int SEQUENCE_OFFSET = 8;
    /** Header length; the payload follows. */
    public static final int LENGTH = 16;

    /** A frame: the payload is the frame's bytes. */
    public static final int TYPE_FRAME = 1;
    /** The buffer's metadata: the payload is the metadata bytes (sequence 0). */
    public static final int TYPE_METADATA = 2;
    /** The local writer detached or died: the receiver detaches too (no payload). */
    public static final int TYPE_END_OF_STREAM = 3;
    /**
     * A round-trip probe from the send end (no payload): the reserved word is the UDP port of the
     * send end's return stream (on the host the probe came from), the sequence word the send
     * end's clock when it was sent. The receive end echoes it there.
     */
    public static final int TYPE_PROBE = 4;
    /** A probe's echo, on the return stream: the sequence word is the probe's, unchanged (no payload). */
    public static final int TYPE_ECHO = 5;

    private MessageHeader() {
    }
}
