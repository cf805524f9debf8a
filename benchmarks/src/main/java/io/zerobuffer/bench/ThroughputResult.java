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
    /** The peer's frames/s in this cell, with a {@code --peer-cmd} template; else null. */
    PeerFigures peer;

    ThroughputResult(long size, String strategy, long frames) {
        this.size = size;
        this.strategy = strategy;
        this.frames = frames;
    }

    /** @return our median frames/s over the peer's, or NaN when no peer ran */
    double peerRatio() {
        return peer == null || peer.value.runs.isEmpty() ? Double.NaN
                : framesPerSecond.median() / peer.value.median();
    }
}
