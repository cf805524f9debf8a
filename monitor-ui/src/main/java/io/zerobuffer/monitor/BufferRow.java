package io.zerobuffer.monitor;

import io.zerobuffer.api.BridgeInfo;
import io.zerobuffer.api.BufferEntry;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.Health;
import io.zerobuffer.api.RingLayout;
import java.util.List;

/**
 * One line of the buffer list: what the directory reported plus what the monitor derived from
 * watching it.
 *
 * @param entry           the directory's entry: OIEB snapshot with liveness, lock-file state
 * @param health          the health shown: {@link Health#CORRUPT} when a counter cannot be true,
 *                        {@link Health#STALLED} when the reader stopped consuming, else by fill
 * @param healthReason    why it is corrupt or stalled, in words, or null
 * @param framesPerSecond frames written per second
 * @param readPerSecond   frames read per second
 * @param mibPerSecond    MiB of ring written per second
 * @param ring            the ring layout with sequence numbers, or null when not read this poll
 * @param bridges         the bridge ends that carry this buffer to or from another host (empty
 *                        for a buffer that is not bridged)
 */
public record BufferRow(BufferEntry entry, Health health, String healthReason, double framesPerSecond,
        double readPerSecond, double mibPerSecond, RingLayout ring, List<BridgeInfo> bridges) {

    /** Copies the bridges. */
    public BufferRow {
        bridges = bridges == null ? List.of() : List.copyOf(bridges);
    }

    /** @return the bridge ends in words ({@code "send to 10.0.0.2:40456"}), comma-separated, or "" */
    public String bridgeText() {
        return bridges.stream().map(Format::bridge).collect(java.util.stream.Collectors.joining(", "));
    }

    /** @return the OIEB snapshot with liveness */
    public BufferStatus status() {
        return entry.status();
    }

    /** @return the buffer name */
    public String name() {
        return entry.name();
    }

    /** @return the lock-file state in words ("held by 4242", "stale", "missing", "n/a") */
    public String lock() {
        return switch (entry.lockFile()) {
            case HELD -> "held by " + entry.lockHolderPid();
            case NOT_HELD -> "stale";
            case MISSING -> "missing";
            case UNKNOWN -> "n/a";
        };
    }

    /** @return whether the lock-file state is suspicious (a stale lock, a live reader without one) */
    public boolean lockProblem() {
        return switch (entry.lockFile()) {
            case NOT_HELD -> true;
            case MISSING -> status().readerPid() != 0;
            default -> false;
        };
    }

    /** @return bytes of shared memory: 128 + metadata + payload */
    public long totalBytes() {
        return 128 + status().metadataSize() + status().payloadSize();
    }
}
