package io.zerobuffer.linux.discovery;

/**
 * What {@code /tmp/zerobuffer/NAME.lock} says about a buffer's reader, found without touching the
 * lock: the file's existence, and whether {@code /proc/locks} lists a {@code flock} on its inode.
 */
public enum LockFileState {
    /** The lock file exists and a process holds its {@code flock}: a reader owns the buffer. */
    HELD,
    /** The lock file exists but nobody holds it: its reader died or is gone (stale). */
    NOT_HELD,
    /** There is no lock file (a reader that closed, or a peer that never made one). */
    MISSING
}
