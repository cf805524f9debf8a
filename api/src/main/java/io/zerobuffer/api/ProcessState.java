package io.zerobuffer.api;

/** Whether the process behind a pid in a buffer's header is there. */
public enum ProcessState {
    /** The pid field is 0: no process attached. */
    ABSENT,
    /** The pid names a live process. */
    ALIVE,
    /** The pid names a process that no longer exists (crashed or killed without cleaning up). */
    DEAD
}
