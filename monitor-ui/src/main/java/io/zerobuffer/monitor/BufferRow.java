package io.zerobuffer.monitor;

import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.Health;

/**
 * One line of the buffer list: a snapshot plus what the monitor derived from it.
 *
 * @param status          the OIEB snapshot with liveness
 * @param lock            the lock-file state in words ("held by 4242", "stale", "missing", "n/a")
 * @param lockProblem     whether that state is suspicious (stale lock, live reader without one)
 * @param framesPerSecond frames written per second
 * @param readPerSecond   frames read per second
 * @param mibPerSecond    MiB of ring written per second
 */
public record BufferRow(BufferStatus status, String lock, boolean lockProblem, double framesPerSecond,
        double readPerSecond, double mibPerSecond) {
    /** @return the buffer name */
    public String name() {
        return status.name();
    }

    /** @return health by utilisation */
    public Health health() {
        return status.health();
    }

    /** @return bytes of shared memory: 128 + metadata + payload */
    public long totalBytes() {
        return 128 + status.metadataSize() + status.payloadSize();
    }
}
