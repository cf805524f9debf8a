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

    /** @return health by utilisation: healthy below 80 %, degraded to 95 %, critical above */
    public Health health() {
        return Health.of(utilisation());
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
