package io.zerobuffer.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Everything one harness invocation measured, per placement, as the table or as JSON. */
final class BenchReport {
    final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final BenchOptions options;
    final List<PlacementResult> placements = new ArrayList<>();
    boolean semaphoreFastPath;
    final String loadBefore = Bench.loadAverage();
    String loadAfter = "";
    /** The figures of the peers given without placeholders ({@code --peer-cmd}, run at one size). */
    final List<PeerResult> peers = new ArrayList<>();

    BenchReport(BenchOptions options) {
        this.options = options;
    }

    String toJson() {
        StringBuilder b = new StringBuilder();
        b.append("{\"benchmark\":\"zerobuffer\",\"started\":\"").append(started).append("\",\"host\":{\"cpus\":")
                .append(Runtime.getRuntime().availableProcessors()).append(",\"os\":\"")
                .append(Format.esc(System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch")))
                .append("\",\"java\":\"").append(Format.esc(System.getProperty("java.version"))).append("\"},")
                .append("\"runs\":").append(options.runs).append(",\"one_way_ring_bytes\":").append(options.ring)
                .append(",\"one_way_write\":\"").append(options.writeMode).append('"').append(",\"quick\":").append(options.quick)
.append(",\"semaphore_fast_path\":").append(semaphoreFastPath)
                .append(",\"load_average\":{\"start\":\"").append(loadBefore).append("\",\"end\":\"")
                .append(loadAfter).append("\"}")
                .append(",\"peers\":[");
        for (int i = 0; i < peers.size(); i++) {
            PeerResult peer = peers.get(i);
            b.append(i == 0 ? "" : ",").append("{\"name\":\"").append(Format.esc(peer.name)).append("\",\"command\":\"")
                    .append(Format.esc(peer.command)).append("\",\"frame_bytes\":").append(peer.size)
                    .append(",\"frames_per_s\":").append(peer.framesPerSecond.json()).append("}");
        }
        b.append("],\"placements\":[");
        for (int p = 0; p < placements.size(); p++) {
            PlacementResult r = placements.get(p);
            b.append(p == 0 ? "" : ",").append("{\"placement\":\"").append(r.placement).append("\",\"description\":\"")
                    .append(Format.esc(r.description)).append("\",\"copy\":[");
            for (int i = 0; i < r.copies.size(); i++) {
                CopyResult c = r.copies.get(i);
                b.append(i == 0 ? "" : ",").append("{\"block_bytes\":").append(c.block).append(",\"mode\":\"")
                        .append(c.mode).append("\",\"gb_per_s\":").append(c.gbPerSecond.json()).append("}");
            }
            b.append("],\"semaphore_pingpong\":").append(r.semaphore == null ? "null" : r.semaphore.json());
            b.append(",\"throughput\":[");
            for (int i = 0; i < r.throughput.size(); i++) {
                ThroughputResult t = r.throughput.get(i);
                b.append(i == 0 ? "" : ",").append("{\"frame_bytes\":").append(t.size).append(",\"strategy\":\"")
                        .append(t.strategy).append("\",\"frames\":").append(t.frames).append(",\"frames_per_s\":")
                        .append(t.framesPerSecond.json()).append(",\"mib_per_s\":").append(t.mibPerSecond.json())
                        .append(",\"reader_alloc_bytes_per_frame\":").append(t.readerBytesPerFrame.json())
                        .append(",\"writer_alloc_bytes_per_frame\":").append(t.writerBytesPerFrame.json())
                        .append(",\"peers\":").append(peersJson(t.peers, "frames_per_s", t::peerRatio))
                        .append("}");
            }
            b.append("],\"pingpong\":[");
            for (int i = 0; i < r.pingPong.size(); i++) {
                PingPongResult t = r.pingPong.get(i);
                b.append(i == 0 ? "" : ",").append("{\"frame_bytes\":").append(t.size).append(",\"strategy\":\"")
                        .append(t.strategy).append("\",\"iterations\":").append(t.iterations)
                        .append(",\"warm_up\":").append(t.warmUp).append(",\"ring_bytes\":").append(t.ring)
                        .append(",\"latency\":").append(t.latency.json())
                        .append(",\"peers\":").append(peersJson(t.peers, "p50_us", t::peerRatio))
                        .append("}");
            }
            b.append("],\"duplex\":[");
            for (int i = 0; i < r.duplex.size(); i++) {
                PingPongResult t = r.duplex.get(i);
                b.append(i == 0 ? "" : ",").append("{\"request_bytes\":").append(t.size).append(",\"strategy\":\"")
                        .append(t.strategy).append("\",\"iterations\":").append(t.iterations)
                        .append(",\"warm_up\":").append(t.warmUp).append(",\"ring_bytes\":").append(t.ring)
                        .append(",\"latency\":").append(t.latency.json()).append("}");
            }
            b.append("],\"targets\":[");
            for (int i = 0; i < r.targets.size(); i++) {
                Target t = r.targets.get(i);
                b.append(i == 0 ? "" : ",").append("{\"target\":\"").append(Format.esc(t.name)).append("\",\"value\":")
                        .append(Format.num(t.value)).append(",\"limit\":").append(Format.num(t.limit)).append(",\"unit\":\"")
                        .append(Format.esc(t.unit)).append("\",\"met\":").append(t.met()).append("}");
            }
            b.append("]}");
        }
        return b.append("]}\n").toString();
    }

    /** Each peer's figures in one cell, with our figure's ratio to its. */
    private static String peersJson(List<PeerFigures> peers, String figure,
            java.util.function.ToDoubleFunction<PeerFigures> ratio) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < peers.size(); i++) {
            PeerFigures peer = peers.get(i);
            b.append(i == 0 ? "" : ",").append("{\"name\":\"").append(Format.esc(peer.name)).append("\",\"command\":\"")
                    .append(Format.esc(peer.command)).append("\",\"").append(figure).append("\":")
                    .append(peer.value.json()).append(",\"ratio_ours_to_peer\":")
                    .append(Format.num(ratio.applyAsDouble(peer))).append("}");
        }
        return b.append("]").toString();
    }

    /** The names of the peers with a figure in any of the cells, in the order they were given. */
    private List<String> peerNames(java.util.stream.Stream<List<PeerFigures>> cells) {
        java.util.Set<String> present = new java.util.HashSet<>();
        cells.forEach(peers -> peers.forEach(peer -> present.add(peer.name)));
        return options.peers.stream().map(spec -> spec.name).filter(present::contains).toList();
    }

    private static String peerLatencies(PingPongResult t) {
        StringBuilder b = new StringBuilder();
        for (PeerFigures peer : t.peers) {
            b.append(String.format(Locale.ROOT, "  %s p50 %s, ours/%s %.2fx", peer.name, Format.spread(peer.value),
                    peer.name, t.peerRatio(peer)));
        }
        return b.toString();
    }

    private String command(String name, boolean oneWay) {
        PeerSpec spec = options.peers.stream().filter(p -> p.name.equals(name)).findFirst().orElseThrow();
        return oneWay ? spec.oneWay : spec.pingPong;
    }

    String toTable() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "ZeroBuffer benchmark, %s, %d CPUs, %s %s, Java %s%n", started,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version")));
        b.append(String.format(Locale.ROOT, "%d runs per figure: median [min-max over runs]%s; semaphore fast path %s%n",
                options.runs, options.quick ? " (QUICK: tiny counts, figures not meaningful)" : "",
                semaphoreFastPath ? "on" : "off"));
        b.append(String.format("load average (1/5/15 min) at start %s, at end %s: other work shares these CPUs%n",
                loadBefore, loadAfter));
        for (PeerResult peer : peers) {
            b.append(String.format(Locale.ROOT, "%s (run %d times in this invocation, not pinned): %s%n  %s frames of %s%n",
                    peer.name, peer.framesPerSecond.runs.size(), peer.command, Format.rate(peer.framesPerSecond),
                    Format.bytes(peer.size)));
        }
        for (PlacementResult r : placements) {
            b.append(String.format("%n== placement: %s (%s) ==%n", r.placement, r.description));
            if (!r.copies.isEmpty()) {
                b.append("limits: single-thread memory copy (GB/s = 1e9 B/s)\n");
                for (CopyResult c : r.copies) {
                    b.append(String.format(Locale.ROOT, "  %-12s %-9s %7.2f GB/s [%.2f-%.2f]   one block: %8.1f us%n",
                            Format.bytes(c.block), c.mode, c.gbPerSecond.median(), c.gbPerSecond.min(), c.gbPerSecond.max(),
                            c.block / c.gbPerSecond.median() / 1e3));
                }
            }
            if (r.semaphore != null) {
                b.append("limits: data-less ping-pong on two named semaphores (round trip, us)\n");
                b.append(String.format(Locale.ROOT, "  p50 %s  p90 %.1f  p99 %.1f  max %.1f%n", Format.spread(r.semaphore.p50),
                        r.semaphore.p90.median(), r.semaphore.p99.median(), r.semaphore.max.median()));
            }
            if (!r.throughput.isEmpty()) {
                b.append("one-way throughput (reader creates 4 KiB metadata + " + Format.bytes(options.ring)
                        + " ring; writer " + (options.writeMode.equals("copy") ? "copies from an array"
                                : options.writeMode.equals("batch") ? "copies from arrays, 64 frames per call"
                                : "fills two bytes in place") + ";\nreader touches first and last byte and releases)\n");
                List<String> names = peerNames(r.throughput.stream().map(t -> t.peers));
                StringBuilder peerHeads = new StringBuilder();
                for (String name : names) {
                    peerHeads.append(String.format(" %-24s %-9s", name + " frames/s", "ours/" + name));
                }
                b.append(String.format("  %-10s %-9s %9s  %-24s %-22s %-20s%s%n", "frame", "wait", "frames", "frames/s",
                        "MiB/s", "alloc B/frame (r/w)", peerHeads));
                for (ThroughputResult t : r.throughput) {
                    StringBuilder peerCells = new StringBuilder();
                    for (String name : names) {
                        PeerFigures peer = t.peer(name);
                        peerCells.append(peer == null ? String.format(" %-24s %-9s", "-", "-")
                                : String.format(Locale.ROOT, " %-24s %-9s", Format.rate(peer.value),
                                        String.format(Locale.ROOT, "%.2fx", t.peerRatio(peer))));
                    }
                    b.append(String.format(Locale.ROOT, "  %-10s %-9s %9d  %-24s %-22s %-20s%s%n", Format.bytes(t.size),
                            t.strategy, t.frames, Format.rate(t.framesPerSecond), Format.mib(t.mibPerSecond),
                            String.format(Locale.ROOT, "%.3f / %.3f", t.readerBytesPerFrame.median(),
                                    t.writerBytesPerFrame.median()),
                            peerCells.toString().stripTrailing()));
                }
                for (String name : names) {
                    b.append("  " + name + ": " + command(name, true) + "\n");
                }
                if (!names.isEmpty()) {
                    b.append("    (run after each of ours, placeholders filled in per cell; the commands as run are in"
                            + " the JSON)\n");
                }
            }
            if (!r.pingPong.isEmpty()) {
                b.append("ping-pong round trip (two buffers; echo copies each request into its reply), us\n");
                b.append(String.format("  %-12s %-9s %-24s %8s %8s %8s  %s%n", "frame", "wait", "p50", "p90", "p99",
                        "max", "(iterations after warm-up, ring)"));
                for (PingPongResult t : r.pingPong) {
                    b.append(String.format(Locale.ROOT, "  %-12s %-9s %-24s %8.1f %8.1f %8.1f  (%d after %d, %s)%s%n",
                            Format.bytes(t.size), t.strategy, Format.spread(t.latency.p50), t.latency.p90.median(),
                            t.latency.p99.median(), t.latency.max.median(), t.iterations, t.warmUp, Format.bytes(t.ring),
                            peerLatencies(t)));
                }
                List<String> names = peerNames(r.pingPong.stream().map(t -> t.peers));
                for (String name : names) {
                    b.append("  " + name + ": " + command(name, false) + "\n");
                }
                if (!names.isEmpty()) {
                    b.append("    (run after each of ours, placeholders filled in per cell; the commands as run are in"
                            + " the JSON)\n");
                }
            }
            if (!r.duplex.isEmpty()) {
                b.append("duplex round trip (DuplexClient.send + receive against a DuplexServer whose handler copies\n"
                        + "each request into its response in place), us\n");
                b.append(String.format("  %-12s %-9s %-24s %8s %8s %8s  %s%n", "request", "wait", "p50", "p90", "p99",
                        "max", "(iterations after warm-up, ring)"));
                for (PingPongResult t : r.duplex) {
                    b.append(String.format(Locale.ROOT, "  %-12s %-9s %-24s %8.1f %8.1f %8.1f  (%d after %d, %s)%n",
                            Format.bytes(t.size), t.strategy, Format.spread(t.latency.p50), t.latency.p90.median(),
                            t.latency.p99.median(), t.latency.max.median(), t.iterations, t.warmUp, Format.bytes(t.ring)));
                }
            }
            if (!r.targets.isEmpty()) {
                b.append("judgements (ratios to limits and peers measured in this run)\n");
                for (Target t : r.targets) {
                    b.append(String.format(Locale.ROOT, "  %-4s %-66s %8.3f %s %6.3f %s%n", t.met() ? "MET" : "MISS",
                            t.name, t.value, t.higherIsBetter ? ">=" : "<=", t.limit, t.unit));
                }
            }
        }
        return b.toString();
    }
}
