package io.zerobuffer.bench;

/** Round-trip figures for one frame size and wait strategy, over the runs. */
final class PingPongResult {
    final int size;
    final String strategy;
    final int iterations;
    final int warmUp;
    final long ring;
    final Percentiles latency = new Percentiles();

    PingPongResult(int size, String strategy, int iterations, int warmUp, long ring) {
        this.size = size;
        this.strategy = strategy;
        this.iterations = iterations;
        this.warmUp = warmUp;
        this.ring = ring;
    }
}
