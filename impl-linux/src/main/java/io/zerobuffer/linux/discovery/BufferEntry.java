package io.zerobuffer.linux.discovery;

import io.zerobuffer.api.BufferStatus;

/**
 * One discovered buffer: its OIEB snapshot plus what the file system says about it.
 *
 * @param status           the OIEB snapshot with both pids' liveness
 * @param segmentBytes     size of the shared-memory file
 * @param lockFile         the state of its reader's lock file
 * @param lockHolderPid    the pid {@code /proc/locks} names as holder of that lock, 0 if none
 * @param sampledFrameBytes bytes (header included) of the frame at ring offset 0, the first of
 *                         the writer's current lap; -1 when nothing plausible is there. A cheap
 *                         sample of the frame size, used to turn counters into bytes per second
 */
public record BufferEntry(BufferStatus status, long segmentBytes, LockFileState lockFile, long lockHolderPid,
        long sampledFrameBytes) {
    /** @return the buffer name */
    public String name() {
        return status.name();
    }
}
