package io.zerobuffer.linux;

import java.util.concurrent.TimeUnit;

/**
 * When the per-frame path of a reader or writer runs {@link SegmentIntegrity#deliverPendingFault()}:
 * at most once every {@value #INTERVAL} frames, and of those only when at least
 * {@value #MIN_PERIOD_MILLIS} ms have passed since the last probe.
 *
 * <p>The probe is a call into the VM runtime that allocates an empty array (16 bytes). Run every
 * {@value #INTERVAL} frames unconditionally it cost 0.06 bytes per frame; gated by time as well
 * it costs at most 16 bytes per {@value #MIN_PERIOD_MILLIS} ms, whatever the frame rate, and one
 * {@link System#nanoTime()} per {@value #INTERVAL} frames. The price is latency of the report
 * only: compiled code that went on past a faulting access (a file truncated under the mapping)
 * still reports it within the engine, as a
 * {@link io.zerobuffer.api.BufferCorruptedException}: at the first multiple of {@value #INTERVAL}
 * frames that comes {@value #MIN_PERIOD_MILLIS} ms or more after the last probe, so within
 * {@value #INTERVAL} frames or {@value #MIN_PERIOD_MILLIS} ms, whichever is longer (plus the
 * frames of one interval). The rare paths (a failed call, close) probe at once as before.
 *
 * <p>One instance per reader or writer, used by its frame thread only. Not thread-safe.
 */
final class FaultProbe {
    /** Frames between two looks at the clock. */
    static final int INTERVAL = 256;
    /**
     * Shortest time between two probes on the per-frame path: short enough that a late fault is
     * reported within a few wait slices' worth of frames, long enough that the probe's allocation
     * does not show per frame at full rate (16 bytes per 10 ms is 0.0002 bytes per frame at
     * 7 M frames/s).
     */
    static final long MIN_PERIOD_MILLIS = 10;
    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(MIN_PERIOD_MILLIS);

    private int frames;
    private long lastProbe = System.nanoTime() - MIN_PERIOD_NANOS;

    /**
     * Counts one frame and probes if one is due.
     *
     * @throws InternalError the JVM's report of a faulting access, if one is pending and due
     */
    void afterFrame() {
        if (++frames >= INTERVAL) {
            due();
        }
    }

    /**
     * Counts several frames (a batch) and probes if one is due.
     *
     * @param count frames written
     * @throws InternalError the JVM's report of a faulting access, if one is pending and due
     */
    void afterFrames(int count) {
        frames += count;
        if (frames >= INTERVAL || frames < 0) {
            due();
        }
    }

    private void due() {
        frames = 0;
        long now = System.nanoTime();
        if (now - lastProbe >= MIN_PERIOD_NANOS) {
            lastProbe = now;
            SegmentIntegrity.deliverPendingFault();
        }
    }
}
