package io.zerobuffer.api;

/**
 * What an observer can tell about a buffer reader's lock file without touching the lock (on
 * Linux {@code /tmp/zerobuffer/NAME.lock}, cross-checked against the kernel's lock table).
 *
 * @since 1.2
 */
public enum LockFileState {
    /** The lock file exists and a process holds its lock: a reader owns the buffer. */
    HELD,
    /** The lock file exists but nobody holds it: its reader died or is gone (stale). */
    NOT_HELD,
    /** There is no lock file (a reader that closed, or a peer that never made one). */
    MISSING,
    /** The directory cannot tell (an implementation without lock files, or no way to look). */
    UNKNOWN
}
