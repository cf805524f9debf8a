package io.zerobuffer.bench;

/** Round-trip figures for one frame size and wait strategy, over the runs. */
final class PingPongResult {
    final int size;
    final String strategy;
    final int iterations;
    final int warmUp;
    final long ring;
    final Percentiles latency = new Percentiles();
    /** Each peer's round-trip p50 (us) in this cell, for the {@code --peer-pingpong-cmd} templates. */
    final java.util.List<PeerFigures> peers = new java.util.ArrayList<>();

    PingPongResult(int size, String strategy, int iterations, int warmUp, long ring) {
        this.size = size;
        this.strategy = strategy;
        this.iterations = iterations;
        this.warmUp = warmUp;
        this.ring = ring;
    }

    /** @return the named peer's figures in this cell, or null */
    PeerFigures peer(String name) {
        return PeerFigures.named(peers, name);
    }

    /** @return our median p50 over the peer's (lower is better), or NaN when it has no figure here */
    double peerRatio(PeerFigures peer) {
        return peer == null || peer.value.runs.isEmpty() ? Double.NaN
                : latency.p50.median() / peer.value.median();
    }
}
