package io.zerobuffer.monitor;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Frames per second and MiB per second of one buffer, from the deltas of its counters between
 * polls, averaged over the last second, with a history of the last minute for the chart.
 *
 * <p>The OIEB counts frames, not bytes. Bytes are the distance the write position moved
 * (modulo the ring size, so wrap waste and 16-byte headers count), plus whole laps when the
 * counted frames times a sampled frame size say the writer went round more than once between
 * two polls. Not thread-safe: one poller owns it.
 */
public final class Rates {
    /** How long the chart looks back. */
    public static final long HISTORY_NANOS = 60_000_000_000L;
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private static final double MIB = 1024.0 * 1024.0;

    private final Deque<long[]> window = new ArrayDeque<>(); // {t, written, read, bytes}
    private final Deque<double[]> history = new ArrayDeque<>(); // {t, frames/s, MiB/s}
    private long lastWritten = -1;
    private long lastRead;
    private long readChangedAt;
    private long lastWritePosition;
    private long bytes;
    private double framesPerSecond;
    private double readFramesPerSecond;
    private double mibPerSecond;

    /**
     * Adds one poll.
     *
     * @param nanos         {@link System#nanoTime()} of the poll
     * @param written       written count
     * @param read          read count
     * @param writePosition write position
     * @param payloadSize   ring size
     * @param frameBytes    a sampled frame size with header, or -1
     */
    public void sample(long nanos, long written, long read, long writePosition, long payloadSize, long frameBytes) {
        if (lastWritten < 0 || read != lastRead) {
            readChangedAt = nanos;
        }
        if (lastWritten < 0 || written < lastWritten || read < lastRead) {
            window.clear();
            bytes = 0;
        } else if (written > lastWritten && payloadSize > 0) {
            long frames = written - lastWritten;
            long moved = Math.floorMod(writePosition - lastWritePosition, payloadSize);
            long laps = 0;
            if (frameBytes > 0) {
                laps = Math.max(0, Math.round((frames * (double) frameBytes - moved) / payloadSize));
            }
            bytes += moved + laps * payloadSize;
        }
        lastWritten = written;
        lastRead = read;
        lastWritePosition = writePosition;
        window.addLast(new long[] {nanos, written, read, bytes});
        while (window.size() > 2 && nanos - window.peekFirst()[0] > WINDOW_NANOS) {
            window.removeFirst();
        }
        long[] first = window.peekFirst();
        double seconds = (nanos - first[0]) / 1e9;
        if (seconds > 0) {
            framesPerSecond = (written - first[1]) / seconds;
            readFramesPerSecond = (read - first[2]) / seconds;
            mibPerSecond = (bytes - first[3]) / MIB / seconds;
        } else {
            framesPerSecond = 0;
            readFramesPerSecond = 0;
            mibPerSecond = 0;
        }
        history.addLast(new double[] {nanos, framesPerSecond, mibPerSecond});
        while (!history.isEmpty() && nanos - (long) history.peekFirst()[0] > HISTORY_NANOS) {
            history.removeFirst();
        }
    }

    /** @return frames (and wrap markers) written per second over the last second */
    public double framesPerSecond() {
        return framesPerSecond;
    }

    /**
     * @param now {@link System#nanoTime()} of the latest poll
     * @return nanoseconds since the read count last changed (or since the first poll)
     */
    public long readUnchangedNanos(long now) {
        return now - readChangedAt;
    }

    /** @return frames read per second over the last second */
    public double readFramesPerSecond() {
        return readFramesPerSecond;
    }

    /** @return MiB of ring the writer advanced per second over the last second */
    public double mibPerSecond() {
        return mibPerSecond;
    }

    /**
     * @param now {@link System#nanoTime()} of the snapshot the history is drawn for
     * @return the last minute as {seconds before now (negative), frames/s, MiB/s}, oldest first
     */
    public double[][] history(long now) {
        double[][] points = new double[history.size()][];
        int i = 0;
        for (double[] p : history) {
            points[i++] = new double[] {(p[0] - now) / 1e9, p[1], p[2]};
        }
        return points;
    }
}
