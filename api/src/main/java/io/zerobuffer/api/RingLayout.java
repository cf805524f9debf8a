package io.zerobuffer.api;

/**
 * Where things are in a buffer's ring at one moment, for drawing it and for naming the frames in
 * it. The positions come from the header; the tail and the sequence numbers are estimates found
 * by following frame headers while the peers keep working, so any of them may be unknown
 * ({@code -1}).
 *
 * <pre>
 *  0                          read            write                   tailStart      payloadSize
 *  |..........................|###############|........................|~~~~~~~~~~~~~|
 *                             \__ in flight __/                        \ wasted tail /
 * </pre>
 *
 * When the writer has wrapped and the reader has not yet ({@code write < read}), the frames in
 * flight run from {@code read} to {@code tailStart}, then from 0 to {@code write}; the bytes from
 * {@code tailStart} to the end are the tail the writer skipped at its wrap, given back when the
 * reader wraps too.
 *
 * @param payloadSize    ring size
 * @param readPosition   ring offset of the next frame the reader reads
 * @param writePosition  ring offset of the next frame the writer writes
 * @param usedBytes      ring bytes not free (in flight, held by the reader, and a pending tail)
 * @param tailStart      ring offset where the wasted tail begins, -1 if there is none or it is
 *                       unknown
 * @param nextSequence   sequence number of the next unread frame; when nothing is in flight, the
 *                       sequence the next frame will carry; -1 if unknown
 * @param nextFrameBytes payload bytes of the next unread frame, -1 when none is in flight or
 *                       unknown
 * @param lastSequence   sequence number of the last frame written, 0 if none yet, -1 if unknown
 * @since 1.2
 */
public record RingLayout(long payloadSize, long readPosition, long writePosition, long usedBytes, long tailStart,
        long nextSequence, long nextFrameBytes, long lastSequence) {

    /**
     * @param status a snapshot
     * @return the positions the snapshot gives, with tail and sequence numbers unknown
     */
    public static RingLayout of(BufferStatus status) {
        return new RingLayout(status.payloadSize(), status.readPosition(), status.writePosition(),
                status.usedBytes(), -1, -1, -1, -1);
    }

    /** @return bytes of the wasted tail, 0 if none */
    public long tailBytes() {
        return tailStart < 0 ? 0 : payloadSize - tailStart;
    }

    /** @return whether the writer is a lap ahead of the reader (it wrapped, the reader did not yet) */
    public boolean wrapped() {
        return writePosition < readPosition;
    }

    /** @return bytes from the read position to the write position, skipping the tail */
    public long inFlightBytes() {
        if (!wrapped()) {
            return writePosition - readPosition;
        }
        long end = tailStart < 0 ? payloadSize : tailStart;
        return Math.max(0, end - readPosition) + writePosition;
    }

    /**
     * @return frames written and not yet read by sequence number ({@code last − next + 1}), -1
     *         when either end is unknown
     */
    public long sequenceGap() {
        if (lastSequence < 0 || nextSequence < 0) {
            return -1;
        }
        return Math.max(0, lastSequence - nextSequence + 1);
    }
}
