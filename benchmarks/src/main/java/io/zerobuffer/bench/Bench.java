package io.zerobuffer.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cross-process harness behind {@code ./zerobuffer bench}: starts two worker JVMs
 * ({@link BenchWorker}) per placement, pinned with {@code taskset}, and measures in the same
 * run the limits (single-thread copy bandwidth, a data-less semaphore ping-pong) and the
 * engine (one-way throughput, ping-pong), each over several runs; optionally also a peer
 * program ({@code --peer-cmd}). Every judgement (MET/MISS) compares figures of the same run:
 * nothing is compared with numbers measured elsewhere. Prints a table, or JSON with
 * {@code --json}; progress goes to stderr.
 */
public final class Bench {
    static final long[] DEFAULT_SIZES = {64, 1024, 64 << 10, 1 << 20};
    static final int[] DEFAULT_PING_PONG_SIZES = {64, 3_110_416};
    static final int[] COPY_BLOCKS = {1 << 20, 3_110_416};
    static final String[] COPY_MODES = {"cold", "cold-dst", "hot"};

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    private Bench() {
    }

    /** Command-line options. */
    /** Median and spread over runs. */
    /** Percentiles of round trips, in microseconds, each with its median and spread over runs. */
    /** Everything one invocation measured. */
    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(usage());
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(usage());
            System.exit(3);
            return;
        }
        try {
            BenchReport report = run(options, System.err);
            System.out.print(options.json ? report.toJson() : report.toTable());
            if (options.jsonFile != null) {
                Files.writeString(options.jsonFile, report.toJson());
            }
        } catch (Exception e) {
            System.err.println("bench: failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    static String usage() {
        return "usage: ./zerobuffer bench [options]\n"
                + "  Measures ZeroBuffer between two JVMs it starts, and in the same run this machine's limits:\n"
                + "  single-thread copy bandwidth and a semaphore ping-pong between two processes. Each result is\n"
                + "  judged (MET/MISS) only against those limits, or against a peer program run in the same\n"
                + "  invocation (--peer-cmd); never against figures from another machine.\n"
                + "\n"
                + "  --runs N              measured runs per figure (default 5; median and min-max are reported)\n"
                + "  --placement LIST      same (both JVMs on one CPU), apart (two CPUs), unpinned; default same,apart\n"
                + "  --cpus A,B            CPUs for the reader/echo JVM and the writer/initiator JVM (default 0,1)\n"
                + "  --wait LIST           blocking, spin (default both)\n"
                + "  --sizes LIST          one-way frame sizes in bytes (default 64,1024,65536,1048576)\n"
                + "  --ring BYTES          one-way ring size (default 67108864 = 64 MiB)\n"
                + "  --write MODE          one-way writer: copy (from an array, default), inplace (acquire, set\n"
                + "                        first and last byte, commit: the zero-copy path) or batch (copies,\n"
                + "                        64 frames per Writer.write(ByteBuffer[], …) call)\n"
                + "  --frames N            frames per one-way run (default about 3 GiB, at most 3 M frames)\n"
                + "  --warmup-frames N     frames of the discarded warm-up run before each one-way cell (default\n"
                + "                        the run's frames, at least 20000: enough for the JIT's optimising compiler)\n"
                + "  --pp-sizes LIST       ping-pong frame sizes (default 64,3110416)\n"
                + "  --pp-iterations N     measured round trips per ping-pong run (default 20000 / 400 for large)\n"
                + "  --tests LIST          copy, semaphore, throughput, pingpong, duplex (default all; duplex:\n"
                + "                        DuplexClient/DuplexServer round trips at the ping-pong sizes)\n"
                + "  --peer-cmd 'CMD'      also run a one-way peer program (with sh -c) that prints \"N frames/s\", e.g.\n"
                + "                        another implementation's benchmark built on this machine. With placeholders\n"
                + "                        CMD is a template run after each of our runs of every one-way cell, filled in\n"
                + "                        with that cell's {size} {frames} {wait} {ring} {placement} and CPUs {cpuA}\n"
                + "                        (reader) {cpuB} (writer) (both 0-N when unpinned; the peer pins itself);\n"
                + "                        {java} is this JVM with the benchmarks' class path. Each cell then shows\n"
                + "                        ours/peer, judged >= 2x up to 1 KiB and >= 1x above. Without placeholders\n"
                + "                        CMD runs --runs times at --peer-size only\n"
                + "  --peer-size BYTES     the frame size a CMD without placeholders uses (default 1024); ours is\n"
                + "                        measured at that size\n"
                + "  --peer-pingpong-cmd 'CMD'  a round-trip peer template run after each of our ping-pong runs,\n"
                + "                        placeholders {size} {iterations} {warmup} {wait} {ring} {placement} {cpuA}\n"
                + "                        (echo side) {cpuB} (initiator) {java}; it prints its round-trip median as\n"
                + "                        \"N us p50\" (or \"p50 N us\"); judged ours/peer p50 <= 1x\n"
                + "  --peer-name NAME      what the table calls the peer (default peer). Several peers run in one\n"
                + "                        invocation: each --peer-name starts a peer, the --peer-cmd and\n"
                + "                        --peer-pingpong-cmd after it are that peer's; each runs right after each\n"
                + "                        of our runs of a cell, in the order given, and is judged on its own\n"
                + "  Peers built for this (see docs/PERFORMANCE.md, \"Running with peers\"):\n"
                + "    --peer-name aeron --peer-cmd '{java} io.zerobuffer.bench.aeron.AeronIpcThroughput {size} {frames}\n"
                + "      {cpuA} {cpuB} {wait}' --peer-pingpong-cmd '{java} io.zerobuffer.bench.aeron.AeronIpcPingPong\n"
                + "      {size} {iterations} {warmup} {cpuA} {cpuB} {wait}'\n"
                + "  --jvm-arg ARG         extra argument for the worker JVMs (repeatable)\n"
                + "  --quick               tiny counts and 2 runs: a smoke test, not a measurement\n"
                + "  --json                JSON on stdout instead of the table (progress always on stderr)\n"
                + "  --json-file PATH      also write the JSON to PATH\n";
    }

    /** Runs every placement and returns what was measured. */
    static BenchReport run(BenchOptions options, PrintStream progress) throws IOException, InterruptedException {
        BenchReport report = new BenchReport(options);
        for (String placement : options.placements) {
            int[] cpus = placement.equals("same") ? new int[] {options.cpuA, options.cpuA}
                    : placement.equals("apart") ? new int[] {options.cpuA, options.cpuB} : null;
            String description = cpus == null ? "not pinned: the scheduler places both JVMs"
                    : "reader/echo JVM on CPU " + cpus[0] + ", writer/initiator JVM on CPU " + cpus[1];
            PlacementResult result = new PlacementResult(placement, description);
            progress.println("bench: placement " + placement + ": " + description);
            try (WorkerProcess a = WorkerProcess.start("A", cpus == null ? -1 : cpus[0], options.jvmArgs);
                    WorkerProcess b = WorkerProcess.start("B", cpus == null ? -1 : cpus[1], options.jvmArgs)) {
                report.semaphoreFastPath = a.fastPath;
                measure(options, result, cpus == null ? new int[] {-1, -1} : cpus, a, b, progress);
            }
            report.placements.add(result);
        }
        for (PeerSpec spec : options.peers) {
            if (spec.oneWaySingleSize()) {
                PeerResult peer = new PeerResult(spec.name, spec.oneWay, options.peerSize);
                for (int run = 0; run < options.runs; run++) {
                    peer.runOnce();
                    progress.printf(Locale.ROOT, "bench: %s run %d/%d: %.0f frames/s%n", spec.name, run + 1, options.runs,
                            peer.framesPerSecond.runs.get(run));
                }
                report.peers.add(peer);
            }
        }
        for (PlacementResult result : report.placements) {
            evaluateTargets(result, report.peers);
        }
        report.loadAfter = loadAverage();
        return report;
    }

    private static void measure(BenchOptions o, PlacementResult r, int[] cpus, WorkerProcess a, WorkerProcess b,
            PrintStream progress) throws IOException, InterruptedException {
        String tag = "bench: [" + r.placement + "] ";
        if (o.tests.contains("copy")) {
            long bytes = o.quick ? 64L << 20 : 2L << 30;
            for (int block : COPY_BLOCKS) {
                for (String mode : COPY_MODES) {
                    CopyResult c = new CopyResult(block, mode);
                    for (int run = 0; run < o.runs; run++) {
                        a.send("copy " + block + " " + mode + " " + bytes);
                        double gb = Long.parseLong(a.expect("done")[1]) / 1e9;
                        c.gbPerSecond.add(gb);
                        progress.printf(Locale.ROOT, "%scopy %s %s run %d/%d: %.2f GB/s%n", tag, Format.bytes(block), mode,
                                run + 1, o.runs, gb);
                    }
                    r.copies.add(c);
                }
            }
        }
        if (o.tests.contains("semaphore")) {
            Percentiles p = new Percentiles();
            int iterations = o.quick ? 500 : 20_000;
            int warmUp = o.quick ? 100 : 2_000;
            for (int run = 0; run < o.runs; run++) {
                String name = name("sem");
                a.send("sem-echo " + name + " " + (iterations + warmUp));
                a.expect("ready");
                b.send("sem-init " + name + " " + iterations + " " + warmUp);
                String[] done = b.expect("done");
                a.expect("done");
                p.add(Arrays.copyOfRange(done, 1, 5));
                progress.printf(Locale.ROOT, "%ssemaphore ping-pong run %d/%d: p50 %.1f us%n", tag, run + 1, o.runs,
                        Long.parseLong(done[1]) / 1e3);
            }
            r.semaphore = p;
        }
        if (o.tests.contains("throughput")) {
            for (long size : o.sizes) {
                for (String wait : o.strategies) {
                    long frames = o.framesFor(size);
                    ThroughputResult t = new ThroughputResult(size, wait, frames);
                    for (int run = -1; run < o.runs; run++) {
                        String name = name("tp");
                        long count = run < 0 ? o.warmUpFramesFor(size) : frames;
                        a.send("tp-read " + name + " " + size + " " + count + " " + wait + " " + o.ring);
                        a.expect("ready");
                        b.send("tp-write " + name + " " + size + " " + count + " " + wait + " " + o.writeMode);
                        String[] written = b.expect("done");
                        String[] read = a.expect("done");
                        double seconds = (Long.parseLong(read[1]) - Long.parseLong(written[1])) / 1e9;
                        double fps = count / seconds;
                        if (run >= 0) {
                            t.framesPerSecond.add(fps);
                            t.mibPerSecond.add(fps * size / (1 << 20));
                            t.readerBytesPerFrame.add(Long.parseLong(read[2]) / (double) frames);
                            t.writerBytesPerFrame.add(Long.parseLong(written[2]) / (double) frames);
                        }
                        progress.printf(Locale.ROOT, "%sone-way %s %s %s: %.3f M frames/s, %.0f MiB/s%n", tag,
                                Format.bytes(size), wait, run < 0 ? "warm-up" : "run " + (run + 1) + "/" + o.runs, fps / 1e6,
                                fps * size / (1 << 20));
                        if (run < 0) {
                            continue;
                        }
                        for (PeerSpec spec : o.peers) {
                            if (!spec.oneWayTemplate()) {
                                continue;
                            }
                            PeerFigures peer = t.peer(spec.name);
                            if (peer == null) {
                                peer = new PeerFigures(spec.name, PeerCommand.expand(spec.oneWay, Map.of("size",
                                        Long.toString(size), "frames", Long.toString(frames), "wait", wait, "ring",
                                        Long.toString(o.ring), "placement", r.placement, "cpuA", PeerCommand.cpu(cpus[0]),
                                        "cpuB", PeerCommand.cpu(cpus[1]))));
                                t.peers.add(peer);
                            }
                            String output = runPeer(peer, progress, tag);
                            if (output != null) {
                                double peerFps = PeerCommand.parseRate(output);
                                peer.value.add(peerFps);
                                progress.printf(Locale.ROOT,
                                        "%s%s one-way %s %s run %d/%d: %.3f M frames/s (ours/%s %.2f)%n", tag, spec.name,
                                        Format.bytes(size), wait, run + 1, o.runs, peerFps / 1e6, spec.name, fps / peerFps);
                            }
                        }
                    }
                    // a peer whose every run failed has no figure to compare with
                    t.peers.removeIf(peer -> peer.value.runs.isEmpty());
                    r.throughput.add(t);
                }
            }
        }
        if (o.tests.contains("pingpong")) {
            roundTrips(o, a, b, progress, tag, "ping-pong", "pp", "pp-echo", "pp-init", r.pingPong, o.peers, r.placement,
                    cpus);
        }
        if (o.tests.contains("duplex")) {
            roundTrips(o, a, b, progress, tag, "duplex", "dx", "dx-serve", "dx-call", r.duplex, List.of(), r.placement,
                    cpus);
        }
    }

    /**
     * Round trips at every ping-pong size and wait strategy: worker A answers ({@code answer}),
     * worker B initiates and measures ({@code initiate}).
     */
    private static void roundTrips(BenchOptions o, WorkerProcess a, WorkerProcess b, PrintStream progress, String tag,
            String label, String kind, String answer, String initiate, List<PingPongResult> results, List<PeerSpec> peers,
            String placement, int[] cpus) throws IOException, InterruptedException {
        for (int size : o.pingPongSizes) {
            for (String wait : o.strategies) {
                int iterations = o.pingPongIterationsFor(size);
                int warmUp = o.pingPongWarmUp(size);
                long ring = o.pingPongRing(size);
                PingPongResult t = new PingPongResult(size, wait, iterations, warmUp, ring);
                for (int run = 0; run < o.runs; run++) {
                    String name = name(kind);
                    a.send(answer + " " + name + " " + size + " " + (iterations + warmUp) + " " + wait + " " + ring);
                    a.expect("ready");
                    b.send(initiate + " " + name + " " + size + " " + iterations + " " + warmUp + " " + wait + " " + ring);
                    String[] done = b.expect("done");
                    a.expect("done");
                    t.latency.add(Arrays.copyOfRange(done, 1, 5));
                    progress.printf(Locale.ROOT, "%s%s %s %s run %d/%d: p50 %.1f us, p99 %.1f us%n", tag, label,
                            Format.bytes(size), wait, run + 1, o.runs, Long.parseLong(done[1]) / 1e3,
                            Long.parseLong(done[3]) / 1e3);
                    for (PeerSpec spec : peers) {
                        if (spec.pingPong == null) {
                            continue;
                        }
                        PeerFigures peer = t.peer(spec.name);
                        if (peer == null) {
                            peer = new PeerFigures(spec.name, PeerCommand.expand(spec.pingPong, Map.of("size",
                                    Integer.toString(size), "iterations", Integer.toString(iterations), "warmup",
                                    Integer.toString(warmUp), "wait", wait, "ring", Long.toString(ring), "placement",
                                    placement, "cpuA", PeerCommand.cpu(cpus[0]), "cpuB", PeerCommand.cpu(cpus[1]))));
                            t.peers.add(peer);
                        }
                        String output = runPeer(peer, progress, tag);
                        if (output != null) {
                            double p50 = PeerCommand.parseP50Micros(output);
                            peer.value.add(p50);
                            progress.printf(Locale.ROOT, "%s%s %s %s %s run %d/%d: p50 %.1f us%n", tag, spec.name, label,
                                    Format.bytes(size), wait, run + 1, o.runs, p50);
                        }
                    }
                }
                t.peers.removeIf(peer -> peer.value.runs.isEmpty());
                results.add(t);
            }
        }
    }

    /**
     * Runs a peer once. A peer that fails (exits non-zero, prints no figure) costs its figure
     * for that run, not the whole benchmark: the failure is reported on the progress stream.
     *
     * @return its output, or {@code null} when it failed
     */
    private static String runPeer(PeerFigures peer, PrintStream progress, String tag) throws InterruptedException {
        try {
            return PeerCommand.run(peer.command);
        } catch (IOException failed) {
            progress.printf(Locale.ROOT, "%s%s failed, no figure for this run: %s%n", tag, peer.name,
                    failed.getMessage().replace('\n', ' '));
            return null;
        }
    }

    /**
     * Judges the placement's figures against limits and peers measured in the same run.
     *
     * @param r     one placement's figures; its targets are added to
     * @param peers the single-size peers ({@code --peer-cmd} without placeholders)
     */
    static void evaluateTargets(PlacementResult r, List<PeerResult> peers) {
        // the writer copies from a hot array into a ring larger than the cache: its ceiling is the
        // cold-destination copy
        CopyResult copy1m = r.copy(1 << 20, "cold-dst");
        for (String wait : List.of("blocking", "spin")) {
            ThroughputResult t = r.throughput(1 << 20, wait);
            if (copy1m != null && t != null) {
                double copyMiB = copy1m.gbPerSecond.median() * 1e9 / (1 << 20);
                r.targets.add(new Target("1 MiB one-way (" + wait + ") / 1 MiB cold-destination copy bandwidth",
                        t.mibPerSecond.median() / copyMiB, 0.90, "x", true));
            }
        }
        for (PeerResult peer : peers) {
            if (peer.framesPerSecond.median() > 0) {
                for (String wait : List.of("blocking", "spin")) {
                    ThroughputResult ours = r.throughput(peer.size, wait);
                    if (ours != null) {
                        r.targets.add(new Target(Format.bytes(peer.size) + " one-way frames/s (" + wait + ") / " + peer.name
                                + "'s frames/s", ours.framesPerSecond.median() / peer.framesPerSecond.median(), 1.0, "x",
                                true));
                    }
                }
            }
        }
        for (ThroughputResult t : r.throughput) {
            for (PeerFigures peer : t.peers) {
                // ahead of the peer in every cell, and at least twice its rate for small frames
                r.targets.add(new Target(Format.bytes(t.size) + " one-way frames/s (" + t.strategy + ") / " + peer.name
                        + "'s", t.peerRatio(peer), t.size <= 1024 ? 2.0 : 1.0, "x", true));
            }
        }
        for (PingPongResult p : r.pingPong) {
            for (PeerFigures peer : p.peers) {
                r.targets.add(new Target(Format.bytes(p.size) + " ping-pong p50 (" + p.strategy + ") / " + peer.name
                        + "'s", p.peerRatio(peer), 1.0, "x", false));
            }
        }
        if (r.semaphore != null) {
            double floor = r.semaphore.p50.median();
            PingPongResult blocking = r.pingPong(64, "blocking");
            if (blocking != null) {
                r.targets.add(new Target("64 B ping-pong p50 (blocking) / semaphore ping-pong p50",
                        blocking.latency.p50.median() / floor, 1.5, "x", false));
            }
            PingPongResult spin = r.pingPong(64, "spin");
            if (spin != null) {
                r.targets.add(new Target("64 B ping-pong p50 (spin) / semaphore ping-pong p50",
                        spin.latency.p50.median() / floor, 0.1, "x", false));
            }
        }
        for (PingPongResult d : r.duplex) {
            PingPongResult plain = r.pingPong(d.size, d.strategy);
            if (plain != null) {
                r.targets.add(new Target(Format.bytes(d.size) + " duplex p50 (" + d.strategy + ") / plain ping-pong p50 (info)",
                        d.latency.p50.median() / plain.latency.p50.median(), 1.1, "x", false));
            }
        }
        // a round trip copies the frame twice (into the request, then into the reply), each into a
        // ring larger than the cache
        CopyResult copyFrame = r.copy(3_110_416, "cold-dst");
        if (copyFrame != null) {
            double twoCopiesMicros = 2 * 3_110_416 / copyFrame.gbPerSecond.median() / 1e3;
            double limit = r.placement.equals("same") ? 1.1 : 1.2;
            for (String wait : List.of("blocking", "spin")) {
                PingPongResult big = r.pingPong(3_110_416, wait);
                if (big != null) {
                    r.targets.add(new Target("3,110,416 B ping-pong p50 (" + wait + ") / two cold-destination copies",
                            big.latency.p50.median() / twoCopiesMicros, limit, "x", false));
                }
            }
        }
        for (ThroughputResult t : r.throughput) {
            if (t.size <= 1024) {
                // the smallest Java object is 16 bytes: any allocation per frame would show as >= 16;
                // what remains below 1 is per-run and per-wait-slice work spread over the frames
                r.targets.add(new Target(Format.bytes(t.size) + " one-way (" + t.strategy + ") B allocated/frame, reader+writer",
                        t.readerBytesPerFrame.median() + t.writerBytesPerFrame.median(), 1.0, "B", false));
            }
        }
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String name(String kind) {
        return "zb-bench-" + PID + "-" + kind + NAMES.incrementAndGet();
    }

    /** A worker JVM, optionally pinned, driven line by line. */
}
