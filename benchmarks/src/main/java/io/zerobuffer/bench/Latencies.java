package io.zerobuffer.bench;

import java.util.Arrays;

/** Percentiles of one run's round-trip times (nanoseconds), taken without allocating during the run. */
final class Latencies {
    private final long[] samples;
    private int count;

    Latencies(int capacity) {
        samples = new long[capacity];
    }

    void add(long nanos) {
        samples[count++] = nanos;
    }

    /** @return "p50 p90 p99 max" in nanoseconds, space-separated */
    String summary() {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return percentile(sorted, 50) + " " + percentile(sorted, 90) + " " + percentile(sorted, 99) + " "
                + sorted[sorted.length - 1];
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
