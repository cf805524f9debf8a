package io.zerobuffer.bench;

/** Round-trip figures for one frame size and wait strategy, over the runs. */
final class PingPongResult {
    final int size;
    final String strategy;
    final int iterations;
    final int warmUp;
    final long ring;
    final Percentiles latency = new Percentiles();
    /** The peer's round-trip p50 (us) in this cell, with {@code --peer-pingpong-cmd}; else null. */
    PeerFigures peer;

    PingPongResult(int size, String strategy, int iterations, int warmUp, long ring) {
        this.size = size;
        this.strategy = strategy;
        this.iterations = iterations;
        this.warmUp = warmUp;
        this.ring = ring;
    }

    /** @return our median p50 over the peer's (lower is better), or NaN when no peer ran */
    double peerRatio() {
        return peer == null || peer.value.runs.isEmpty() ? Double.NaN
                : latency.p50.median() / peer.value.median();
    }
}
