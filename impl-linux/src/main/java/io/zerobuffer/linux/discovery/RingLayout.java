package io.zerobuffer.linux.discovery;

/**
 * Where things are in a buffer's ring right now, for drawing it.
 *
 * <pre>
 *  0                          read            write                   tailStart      payloadSize
 *  |..........................|###############|........................|~~~~~~~~~~~~~|
 *                             \__ in flight __/                        \ wasted tail /
 * </pre>
 *
 * When the writer has wrapped and the reader has not yet ({@code write < read}), the frames in
 * flight run from {@code read} to {@code tailStart}, then from 0 to {@code write}; the bytes from
 * {@code tailStart} to the end are the tail the writer skipped (a wrap marker or a gap too short
 * for a header), given back when the reader wraps too.
 *
 * @param payloadSize   ring size
 * @param readPosition  ring offset of the next frame the reader reads
 * @param writePosition ring offset of the next frame the writer writes
 * @param usedBytes     ring bytes not free (in flight, held by the reader, and a pending tail)
 * @param tailStart     ring offset where the wasted tail begins, -1 if there is none (or it
 *                      could not be found: the reader moved while the ring was walked)
 * @param nextSequence  sequence number of the next unread frame (the header at the read
 *                      position, or at 0 past a wrap), -1 when no frame is in flight or the
 *                      header there is not plausible
 * @param nextFrameBytes payload bytes of that frame, -1 when unknown
 */
public record RingLayout(long payloadSize, long readPosition, long writePosition, long usedBytes, long tailStart,
        long nextSequence, long nextFrameBytes) {
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
}
