package io.zerobuffer.bridge.aeron;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What a bridge end has done, readable from any thread, and its periodic progress line
 * (frames/s, MiB/s, dropped, gaps, and on the send end the round-trip time) written by the
 * bridge thread itself.
 */
public final class BridgeCounters {
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong peerLosses = new AtomicLong();
    private final AtomicLong peerConnects = new AtomicLong();
    private final AtomicLong rttNanos = new AtomicLong(-1);
    private final boolean measuresRtt;
    private final String label;
    private final long periodNanos;
    private final Consumer<String> log;
    private long lastReport;
    private long lastFrames;
    private long lastBytes;

    BridgeCounters(String label, long periodNanos, boolean measuresRtt, Consumer<String> log) {
        this.label = label;
        this.measuresRtt = measuresRtt;
        this.periodNanos = periodNanos;
        this.log = log;
        this.lastReport = System.nanoTime();
    }

    /** @return frames forwarded (send) or written (receive) */
    public long frames() {
        return frames.get();
    }

    /** @return payload bytes of those frames */
    public long bytes() {
        return bytes.get();
    }

    /** @return frames the send side dropped ({@code drop} back-pressure) */
    public long dropped() {
        return dropped.get();
    }

    /** @return frames the receive side saw missing from the sequence (dropped by the sender) */
    public long gaps() {
        return gaps.get();
    }

    /** @return how often the peer was lost */
    public long peerLosses() {
        return peerLosses.get();
    }

    /** @return how often a peer connected */
    public long peerConnects() {
        return peerConnects.get();
    }

    /**
     * @return the last round-trip time measured (send end: a probe in the stream, echoed on a
     *         return stream), in nanoseconds, or -1 if none yet
     */
    public long rttNanos() {
        return rttNanos.get();
    }

    void rtt(long nanos) {
        rttNanos.lazySet(nanos);
    }

    void frame(int size) {
        frames.lazySet(frames.get() + 1);
        bytes.lazySet(bytes.get() + size);
    }

    void drop() {
        dropped.incrementAndGet();
    }

    void gap(long count) {
        gaps.addAndGet(count);
    }

    void peerLost() {
        peerLosses.incrementAndGet();
    }

    void peerConnected() {
        peerConnects.incrementAndGet();
    }

    /** Logs a progress line when the period has passed. */
    void maybeReport(long now, String state) {
        long elapsed = now - lastReport;
        if (elapsed < periodNanos) {
            return;
        }
        long f = frames.get();
        long b = bytes.get();
        double seconds = elapsed / 1e9;
        long rtt = rttNanos.get();
        String rttText = !measuresRtt ? "" : rtt < 0 ? "rtt n/a, " : String.format("rtt %.2f ms, ", rtt / 1e6);
        log.accept(String.format("%s: %.1f frames/s, %.1f MiB/s, %d frames, %d dropped, %d gaps, %s%s", label,
                (f - lastFrames) / seconds, (b - lastBytes) / seconds / (1 << 20), f, dropped.get(), gaps.get(),
                rttText, state));
        lastReport = now;
        lastFrames = f;
        lastBytes = b;
    }
}
