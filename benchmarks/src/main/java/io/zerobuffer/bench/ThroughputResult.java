package io.zerobuffer.bench;

/** One-way frames/s, MiB/s and bytes allocated per frame for one frame size and wait strategy. */
final class ThroughputResult {
    final long size;
    final String strategy;
    final long frames;
    final Stat framesPerSecond = new Stat();
    final Stat mibPerSecond = new Stat();
    final Stat readerBytesPerFrame = new Stat();
    final Stat writerBytesPerFrame = new Stat();
    /** Each peer's frames/s in this cell, for the {@code --peer-cmd} templates that gave one. */
    final java.util.List<PeerFigures> peers = new java.util.ArrayList<>();

    ThroughputResult(long size, String strategy, long frames) {
        this.size = size;
        this.strategy = strategy;
        this.frames = frames;
    }

    /** @return the named peer's figures in this cell, or null */
    PeerFigures peer(String name) {
        return PeerFigures.named(peers, name);
    }

    /** @return our median frames/s over the peer's, or NaN when it has no figure here */
    double peerRatio(PeerFigures peer) {
        return peer == null || peer.value.runs.isEmpty() ? Double.NaN
                : framesPerSecond.median() / peer.value.median();
    }
}
