package io.zerobuffer.api;

/**
 * One buffer as an observer sees it: the header snapshot plus what the directory learned around
 * it. Fields a directory cannot know are {@link LockFileState#UNKNOWN} or {@code -1}.
 *
 * @param status            the OIEB snapshot with both pids' liveness
 * @param segmentBytes      size of the shared-memory segment, -1 if unknown
 * @param lockFile          the state of its reader's lock file
 * @param lockHolderPid     the pid holding that lock, 0 if none or unknown
 * @param sampledFrameBytes bytes (16-byte header included) of one recent frame, -1 when none is
 *                          known: a cheap estimate of the frame size, for turning frame counts
 *                          into bytes per second
 * @since 1.2
 */
public record BufferEntry(BufferStatus status, long segmentBytes, LockFileState lockFile, long lockHolderPid,
        long sampledFrameBytes) {

    /**
     * @param status a snapshot
     * @return an entry that knows nothing beyond the snapshot
     */
    public static BufferEntry of(BufferStatus status) {
        return new BufferEntry(status, -1, LockFileState.UNKNOWN, 0, -1);
    }

    /** @return the buffer name */
    public String name() {
        return status.name();
    }
}
