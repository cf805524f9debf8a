package io.zerobuffer.api;

/**
 * A snapshot of one buffer's Operation Info Exchange Block (the 128-byte header every peer
 * shares) plus the liveness of the processes it names. Fields are read one by one without a
 * lock, so counters may be a few frames apart from each other in a busy buffer.
 *
 * @param name                 buffer name
 * @param oiebSize             header size field (128 for v1)
 * @param versionMajor         protocol major version (1)
 * @param versionMinor         protocol minor version
 * @param versionPatch         protocol patch version
 * @param metadataSize         metadata block size in bytes
 * @param metadataFreeBytes    metadata bytes still free
 * @param metadataWrittenBytes metadata bytes written, including the 8-byte length prefix
 * @param payloadSize          ring size in bytes
 * @param payloadFreeBytes     ring bytes free for the writer
 * @param writePosition        ring offset of the next frame the writer writes
 * @param readPosition         ring offset of the next frame the reader reads
 * @param writtenCount         frames (and wrap markers) written
 * @param readCount            frames (and wrap markers) read
 * @param writerPid            writer process id, 0 if none
 * @param readerPid            reader process id, 0 if none
 * @param writerState          liveness of the writer pid
 * @param readerState          liveness of the reader pid
 */
public record BufferStatus(String name, int oiebSize, int versionMajor, int versionMinor, int versionPatch,
        long metadataSize, long metadataFreeBytes, long metadataWrittenBytes,
        long payloadSize, long payloadFreeBytes, long writePosition, long readPosition,
        long writtenCount, long readCount, long writerPid, long readerPid,
        ProcessState writerState, ProcessState readerState) {

    /** @return ring bytes in use (written and not yet released) */
    public long usedBytes() {
        return Math.max(0, payloadSize - payloadFreeBytes);
    }

    /** @return used fraction of the ring, 0 to 1 */
    public double utilisation() {
        return payloadSize <= 0 ? 0 : Math.min(1.0, (double) usedBytes() / payloadSize);
    }

    /** The smallest ring entry: a 16-byte frame header (a wrap marker is a bare header). */
    private static final long MIN_ENTRY_BYTES = 16;

    /**
     * @return {@link Health#CORRUPT} when {@link #corruption()} finds an impossible value, else
     *         health by utilisation: healthy below 80 %, degraded to 95 %, critical above
     */
    public Health health() {
        return corruption().isPresent() ? Health.CORRUPT : Health.of(utilisation());
    }

    /**
     * Checks the values no peer can produce, whatever the timing of an unlocked snapshot: negative
     * counters, sizes or pids, free bytes outside the ring (more unread bytes than the ring
     * holds), positions outside the ring, and more read than written (when the snapshot read the
     * read count first), and more unread frames than can be: the ring holds at most one entry
     * per 16 bytes (a frame or wrap marker is at least a header), and a writer that counts every
     * wrap, also one that wrote no marker (the Python peer), adds at most one uncounted entry per
     * lap, so per frame read: written − read may exceed {@code payload_size / 16 + 1} by at most
     * read_count in a healthy stream, never by more.
     *
     * @return the first impossible field and its value, e.g. {@code "written_count = -2164840523487
     *         is negative"}, or empty when the snapshot is plausible
     * @since 1.2
     */
    public java.util.Optional<String> corruption() {
        String why = null;
        if (writtenCount < 0) {
            why = "written_count = " + writtenCount + " is negative";
        } else if (readCount < 0) {
            why = "read_count = " + readCount + " is negative";
        } else if (payloadSize <= 0) {
            why = "payload_size = " + payloadSize + " is not positive";
        } else if (metadataSize < 0) {
            why = "metadata_size = " + metadataSize + " is negative";
        } else if (payloadFreeBytes < 0 || payloadFreeBytes > payloadSize) {
            why = "payload_free_bytes = " + payloadFreeBytes + " is outside 0.." + payloadSize
                    + (payloadFreeBytes < 0 ? ": more unread bytes than the ring holds" : "");
        } else if (writePosition < 0 || writePosition > payloadSize) {
            why = "write_pos = " + writePosition + " is outside the ring (0.." + payloadSize + ")";
        } else if (readPosition < 0 || readPosition > payloadSize) {
            why = "read_pos = " + readPosition + " is outside the ring (0.." + payloadSize + ")";
        } else if (readCount > writtenCount) {
            why = "read_count = " + readCount + " is above written_count = " + writtenCount;
        } else if (writtenCount - readCount - readCount > payloadSize / MIN_ENTRY_BYTES + 1) {
            why = (writtenCount - readCount) + " unread frames cannot be true in a ring of " + payloadSize
                    + " bytes with " + readCount + " read";
        } else if (metadataWrittenBytes < 0 || metadataWrittenBytes > metadataSize) {
            why = "metadata_written_bytes = " + metadataWrittenBytes + " is outside 0.." + metadataSize;
        } else if (writerPid < 0 || readerPid < 0) {
            why = (writerPid < 0 ? "writer_pid = " + writerPid : "reader_pid = " + readerPid) + " is negative";
        }
        return java.util.Optional.ofNullable(why);
    }

    /** @return frames written but not yet read (never negative) */
    public long framesInFlight() {
        return Math.max(0, writtenCount - readCount);
    }

    /** @return metadata payload bytes written, without the length prefix (0 if none) */
    public long metadataLength() {
        return Math.max(0, metadataWrittenBytes - 8);
    }
}
