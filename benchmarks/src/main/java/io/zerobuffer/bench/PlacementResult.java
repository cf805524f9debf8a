package io.zerobuffer.bench;

import java.util.ArrayList;
import java.util.List;

/** All figures measured with both worker JVMs on one CPU placement (same, apart or unpinned). */
final class PlacementResult {
    final String placement;
    final String description;
    final List<CopyResult> copies = new ArrayList<>();
    Percentiles semaphore;
    final List<ThroughputResult> throughput = new ArrayList<>();
    final List<PingPongResult> pingPong = new ArrayList<>();
    /** Duplex channel round trips (DuplexClient against a DuplexServer), at the ping-pong sizes. */
    final List<PingPongResult> duplex = new ArrayList<>();
    final List<Target> targets = new ArrayList<>();

    PlacementResult(String placement, String description) {
        this.placement = placement;
        this.description = description;
    }

    CopyResult copy(int block, String mode) {
        return copies.stream().filter(c -> c.block == block && c.mode.equals(mode)).findFirst().orElse(null);
    }

    ThroughputResult throughput(long size, String strategy) {
        return throughput.stream().filter(t -> t.size == size && t.strategy.equals(strategy)).findFirst().orElse(null);
    }

    PingPongResult duplex(int size, String strategy) {
        return duplex.stream().filter(t -> t.size == size && t.strategy.equals(strategy)).findFirst().orElse(null);
    }

    PingPongResult pingPong(int size, String strategy) {
        return pingPong.stream().filter(t -> t.size == size && t.strategy.equals(strategy)).findFirst().orElse(null);
    }
}
