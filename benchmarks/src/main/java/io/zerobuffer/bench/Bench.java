package io.zerobuffer.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cross-process harness behind {@code ./zerobuffer bench}: starts two worker JVMs
 * ({@link BenchWorker}) per placement, pinned with {@code taskset}, and measures in the same
 * run the limits (single-thread copy bandwidth, a data-less semaphore ping-pong) and the
 * engine (one-way throughput, ping-pong), each over several runs. Prints a table, or JSON with
 * {@code --json}; progress goes to stderr.
 */
public final class Bench {
    static final long[] DEFAULT_SIZES = {64, 1024, 64 << 10, 1 << 20};
    static final int[] DEFAULT_PING_PONG_SIZES = {64, 3_110_416};
    static final int[] COPY_BLOCKS = {1 << 20, 3_110_416};
    static final String[] COPY_MODES = {"cold", "cold-dst", "hot"};
    /** Upstream C++ one-way figures from PERFORMANCE-FACTS.md (frames/s, writer and reader pinned apart). */
    static final double CPP_64 = 6.39e6;
    static final double CPP_1K = 6.82e6;

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    private Bench() {
    }

    /** Command-line options. */
    static final class Options {
        int runs = 5;
        List<String> placements = List.of("same", "apart");
        int cpuA = 0;
        int cpuB = 1;
        List<String> strategies = List.of("blocking", "spin");
        long[] sizes = DEFAULT_SIZES;
        long frames = -1;
        long ring = 64L << 20;
        String writeMode = "copy";
        int[] pingPongSizes = DEFAULT_PING_PONG_SIZES;
        int pingPongIterations = -1;
        boolean quick;
        boolean json;
        Path jsonFile;
        Set<String> tests = new LinkedHashSet<>(List.of("copy", "semaphore", "throughput", "pingpong"));
        List<String> jvmArgs = new ArrayList<>();

        static Options parse(String... args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--runs":
                        o.runs = Integer.parseInt(value(args, ++i, a));
                        break;
                    case "--placement":
                    case "--placements":
                        o.placements = List.of(value(args, ++i, a).split(","));
                        break;
                    case "--cpus": {
                        String[] cpus = value(args, ++i, a).split(",");
                        o.cpuA = Integer.parseInt(cpus[0]);
                        o.cpuB = Integer.parseInt(cpus[cpus.length - 1]);
                        break;
                    }
                    case "--wait":
                    case "--strategies":
                        o.strategies = List.of(value(args, ++i, a).split(","));
                        break;
                    case "--sizes":
                        o.sizes = Arrays.stream(value(args, ++i, a).split(",")).mapToLong(Long::parseLong).toArray();
                        break;
                    case "--write":
                        o.writeMode = value(args, ++i, a);
                        if (!List.of("copy", "inplace").contains(o.writeMode)) {
                            throw new IllegalArgumentException("--write " + o.writeMode + ": copy or inplace");
                        }
                        break;
                    case "--ring":
                        o.ring = Long.parseLong(value(args, ++i, a));
                        break;
                    case "--frames":
                        o.frames = Long.parseLong(value(args, ++i, a));
                        break;
                    case "--pp-sizes":
                        o.pingPongSizes = Arrays.stream(value(args, ++i, a).split(",")).mapToInt(Integer::parseInt).toArray();
                        break;
                    case "--pp-iterations":
                        o.pingPongIterations = Integer.parseInt(value(args, ++i, a));
                        break;
                    case "--tests":
                        o.tests = new LinkedHashSet<>(List.of(value(args, ++i, a).split(",")));
                        break;
                    case "--jvm-arg":
                        o.jvmArgs.add(value(args, ++i, a));
                        break;
                    case "--quick":
                        o.quick = true;
                        o.runs = Math.min(o.runs, 2);
                        break;
                    case "--json":
                        o.json = true;
                        break;
                    case "--json-file":
                        o.jsonFile = Path.of(value(args, ++i, a));
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + a + " (try --help)");
                }
            }
            for (String p : o.placements) {
                if (!List.of("same", "apart", "unpinned").contains(p)) {
                    throw new IllegalArgumentException("placement " + p + ": same, apart or unpinned");
                }
            }
            for (String s : o.strategies) {
                if (!List.of("blocking", "spin").contains(s)) {
                    throw new IllegalArgumentException("wait strategy " + s + ": blocking or spin");
                }
            }
            for (String t : o.tests) {
                if (!List.of("copy", "semaphore", "throughput", "pingpong").contains(t)) {
                    throw new IllegalArgumentException("test " + t + ": copy, semaphore, throughput or pingpong");
                }
            }
            if (o.runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1");
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        long framesFor(long size) {
            if (frames > 0) {
                return frames;
            }
            long bytes = quick ? 8L << 20 : 3L << 30;
            long count = Math.max(quick ? 200 : 3000, bytes / size);
            return Math.min(count, quick ? 20_000 : 3_000_000);
        }

        int pingPongIterationsFor(int size) {
            if (pingPongIterations > 0) {
                return pingPongIterations;
            }
            if (quick) {
                return size > 65536 ? 20 : 500;
            }
            return size > 65536 ? 400 : 20_000;
        }

        /** Ring of each ping-pong buffer: small for small frames so the warm-up can fill it. */
        long pingPongRing(int size) {
            if (size <= 65536) {
                return quick ? 64 << 10 : 1 << 20;
            }
            return quick ? 4L * (size + 16) : 64L << 20;
        }

        /** Round trips before measuring: enough to go once around the ring, and at least some for the JIT. */
        int pingPongWarmUp(int size) {
            long lap = pingPongRing(size) / (16 + size) + 1;
            return (int) Math.max(lap + (quick ? 10 : 100), quick ? 50 : (size > 65536 ? 200 : 2000));
        }
    }

    /** Median and spread over runs. */
    static final class Stat {
        final List<Double> runs = new ArrayList<>();

        void add(double value) {
            runs.add(value);
        }

        double median() {
            double[] sorted = runs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        double min() {
            return runs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max() {
            return runs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        String json() {
            StringBuilder b = new StringBuilder();
            b.append("{\"median\":").append(num(median())).append(",\"min\":").append(num(min())).append(",\"max\":")
                    .append(num(max())).append(",\"runs\":[");
            for (int i = 0; i < runs.size(); i++) {
                b.append(i == 0 ? "" : ",").append(num(runs.get(i)));
            }
            return b.append("]}").toString();
        }
    }

    /** Percentiles of round trips, in microseconds, each with its median and spread over runs. */
    static final class Percentiles {
        final Stat p50 = new Stat();
        final Stat p90 = new Stat();
        final Stat p99 = new Stat();
        final Stat max = new Stat();

        void add(String[] nanos) {
            p50.add(Long.parseLong(nanos[0]) / 1e3);
            p90.add(Long.parseLong(nanos[1]) / 1e3);
            p99.add(Long.parseLong(nanos[2]) / 1e3);
            max.add(Long.parseLong(nanos[3]) / 1e3);
        }

        String json() {
            return "{\"p50_us\":" + p50.json() + ",\"p90_us\":" + p90.json() + ",\"p99_us\":" + p99.json()
                    + ",\"max_us\":" + max.json() + "}";
        }
    }

    static final class CopyResult {
        final int block;
        final String mode;
        final Stat gbPerSecond = new Stat();

        CopyResult(int block, String mode) {
            this.block = block;
            this.mode = mode;
        }
    }

    static final class ThroughputResult {
        final long size;
        final String strategy;
        final long frames;
        final Stat framesPerSecond = new Stat();
        final Stat mibPerSecond = new Stat();
        final Stat readerBytesPerFrame = new Stat();
        final Stat writerBytesPerFrame = new Stat();

        ThroughputResult(long size, String strategy, long frames) {
            this.size = size;
            this.strategy = strategy;
            this.frames = frames;
        }
    }

    static final class PingPongResult {
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

    static final class Target {
        final String name;
        final double value;
        final double limit;
        final String unit;
        final boolean higherIsBetter;

        Target(String name, double value, double limit, String unit, boolean higherIsBetter) {
            this.name = name;
            this.value = value;
            this.limit = limit;
            this.unit = unit;
            this.higherIsBetter = higherIsBetter;
        }

        boolean met() {
            return higherIsBetter ? value >= limit : value <= limit;
        }
    }

    static final class PlacementResult {
        final String placement;
        final String description;
        final List<CopyResult> copies = new ArrayList<>();
        Percentiles semaphore;
        final List<ThroughputResult> throughput = new ArrayList<>();
        final List<PingPongResult> pingPong = new ArrayList<>();
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

        PingPongResult pingPong(int size, String strategy) {
            return pingPong.stream().filter(t -> t.size == size && t.strategy.equals(strategy)).findFirst().orElse(null);
        }
    }

    /** Everything one invocation measured. */
    static final class Report {
        final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        final Options options;
        final List<PlacementResult> placements = new ArrayList<>();
        boolean semaphoreFastPath;
        final String loadBefore = loadAverage();
        String loadAfter = "";

        Report(Options options) {
            this.options = options;
        }

        String toJson() {
            StringBuilder b = new StringBuilder();
            b.append("{\"benchmark\":\"zerobuffer\",\"started\":\"").append(started).append("\",\"host\":{\"cpus\":")
                    .append(Runtime.getRuntime().availableProcessors()).append(",\"os\":\"")
                    .append(esc(System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                            + System.getProperty("os.arch")))
                    .append("\",\"java\":\"").append(esc(System.getProperty("java.version"))).append("\"},")
                    .append("\"runs\":").append(options.runs).append(",\"one_way_ring_bytes\":").append(options.ring)
                    .append(",\"one_way_write\":\"").append(options.writeMode).append('"').append(",\"quick\":").append(options.quick)
.append(",\"semaphore_fast_path\":").append(semaphoreFastPath)
                    .append(",\"load_average\":{\"start\":\"").append(loadBefore).append("\",\"end\":\"")
                    .append(loadAfter).append("\"}").append(",\"placements\":[");
            for (int p = 0; p < placements.size(); p++) {
                PlacementResult r = placements.get(p);
                b.append(p == 0 ? "" : ",").append("{\"placement\":\"").append(r.placement).append("\",\"description\":\"")
                        .append(esc(r.description)).append("\",\"copy\":[");
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
                            .append(",\"writer_alloc_bytes_per_frame\":").append(t.writerBytesPerFrame.json()).append("}");
                }
                b.append("],\"pingpong\":[");
                for (int i = 0; i < r.pingPong.size(); i++) {
                    PingPongResult t = r.pingPong.get(i);
                    b.append(i == 0 ? "" : ",").append("{\"frame_bytes\":").append(t.size).append(",\"strategy\":\"")
                            .append(t.strategy).append("\",\"iterations\":").append(t.iterations)
                            .append(",\"warm_up\":").append(t.warmUp).append(",\"ring_bytes\":").append(t.ring)
                            .append(",\"latency\":").append(t.latency.json()).append("}");
                }
                b.append("],\"targets\":[");
                for (int i = 0; i < r.targets.size(); i++) {
                    Target t = r.targets.get(i);
                    b.append(i == 0 ? "" : ",").append("{\"target\":\"").append(esc(t.name)).append("\",\"value\":")
                            .append(num(t.value)).append(",\"limit\":").append(num(t.limit)).append(",\"unit\":\"")
                            .append(esc(t.unit)).append("\",\"met\":").append(t.met()).append("}");
                }
                b.append("]}");
            }
            return b.append("]}\n").toString();
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
            for (PlacementResult r : placements) {
                b.append(String.format("%n== placement: %s (%s) ==%n", r.placement, r.description));
                if (!r.copies.isEmpty()) {
                    b.append("limits: single-thread memory copy (GB/s = 1e9 B/s)\n");
                    for (CopyResult c : r.copies) {
                        b.append(String.format(Locale.ROOT, "  %-12s %-9s %7.2f GB/s [%.2f-%.2f]   one block: %8.1f us%n",
                                bytes(c.block), c.mode, c.gbPerSecond.median(), c.gbPerSecond.min(), c.gbPerSecond.max(),
                                c.block / c.gbPerSecond.median() / 1e3));
                    }
                }
                if (r.semaphore != null) {
                    b.append("limits: data-less ping-pong on two named semaphores (round trip, us)\n");
                    b.append(String.format(Locale.ROOT, "  p50 %s  p90 %.1f  p99 %.1f  max %.1f%n", spread(r.semaphore.p50),
                            r.semaphore.p90.median(), r.semaphore.p99.median(), r.semaphore.max.median()));
                }
                if (!r.throughput.isEmpty()) {
                    b.append("one-way throughput (reader creates 4 KiB metadata + " + bytes(options.ring)
                            + " ring; writer " + (options.writeMode.equals("copy") ? "copies from an array"
                                    : "fills two bytes in place") + ";\nreader touches first and last byte and releases)\n");
                    b.append(String.format("  %-10s %-9s %9s  %-24s %-22s %s%n", "frame", "wait", "frames", "frames/s",
                            "MiB/s", "alloc B/frame (r/w)"));
                    for (ThroughputResult t : r.throughput) {
                        b.append(String.format(Locale.ROOT, "  %-10s %-9s %9d  %-24s %-22s %.3f / %.3f%n", bytes(t.size),
                                t.strategy, t.frames, rate(t.framesPerSecond), mib(t.mibPerSecond),
                                t.readerBytesPerFrame.median(), t.writerBytesPerFrame.median()));
                    }
                }
                if (!r.pingPong.isEmpty()) {
                    b.append("ping-pong round trip (two buffers; echo copies each request into its reply), us\n");
                    b.append(String.format("  %-12s %-9s %-24s %8s %8s %8s  %s%n", "frame", "wait", "p50", "p90", "p99",
                            "max", "(iterations after warm-up, ring)"));
                    for (PingPongResult t : r.pingPong) {
                        b.append(String.format(Locale.ROOT, "  %-12s %-9s %-24s %8.1f %8.1f %8.1f  (%d after %d, %s)%n",
                                bytes(t.size), t.strategy, spread(t.latency.p50), t.latency.p90.median(),
                                t.latency.p99.median(), t.latency.max.median(), t.iterations, t.warmUp, bytes(t.ring)));
                    }
                }
                if (!r.targets.isEmpty()) {
                    b.append("targets (ratios within this run)\n");
                    for (Target t : r.targets) {
                        b.append(String.format(Locale.ROOT, "  %-4s %-66s %8.3f %s %6.3f %s%n", t.met() ? "MET" : "MISS",
                                t.name, t.value, t.higherIsBetter ? ">=" : "<=", t.limit, t.unit));
                    }
                }
            }
            return b.toString();
        }
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(usage());
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(usage());
            System.exit(3);
            return;
        }
        try {
            Report report = run(options, System.err);
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
                + "  Measures the engine between two JVMs it starts, and the machine's limits, in one run.\n"
                + "  --runs N              measured runs per figure (default 5; median and min-max are reported)\n"
                + "  --placement LIST      same (both JVMs on one CPU), apart (two CPUs), unpinned; default same,apart\n"
                + "  --cpus A,B            CPUs for the reader/echo JVM and the writer/initiator JVM (default 0,1)\n"
                + "  --wait LIST           blocking, spin (default both)\n"
                + "  --sizes LIST          one-way frame sizes in bytes (default 64,1024,65536,1048576)\n"
                + "  --ring BYTES          one-way ring size (default 67108864 = 64 MiB, as the issue specifies)\n"
                + "  --write MODE          one-way writer: copy (from an array, default) or inplace (acquire, set\n"
                + "                        first and last byte, commit: the zero-copy path)\n"
                + "  --frames N            frames per one-way run (default about 3 GiB, at most 3 M frames)\n"
                + "  --pp-sizes LIST       ping-pong frame sizes (default 64,3110416)\n"
                + "  --pp-iterations N     measured round trips per ping-pong run (default 20000 / 400 for large)\n"
                + "  --tests LIST          copy, semaphore, throughput, pingpong (default all)\n"
                + "  --jvm-arg ARG         extra argument for the worker JVMs (repeatable)\n"
                + "  --quick               tiny counts and 2 runs: a smoke test, not a measurement\n"
                + "  --json                JSON on stdout instead of the table (progress always on stderr)\n"
                + "  --json-file PATH      also write the JSON to PATH\n";
    }

    /** Runs every placement and returns what was measured. */
    static Report run(Options options, PrintStream progress) throws IOException, InterruptedException {
        Report report = new Report(options);
        for (String placement : options.placements) {
            int[] cpus = placement.equals("same") ? new int[] {options.cpuA, options.cpuA}
                    : placement.equals("apart") ? new int[] {options.cpuA, options.cpuB} : null;
            String description = cpus == null ? "not pinned: the scheduler places both JVMs"
                    : "reader/echo JVM on CPU " + cpus[0] + ", writer/initiator JVM on CPU " + cpus[1];
            PlacementResult result = new PlacementResult(placement, description);
            progress.println("bench: placement " + placement + ": " + description);
            try (Worker a = Worker.start("A", cpus == null ? -1 : cpus[0], options.jvmArgs);
                    Worker b = Worker.start("B", cpus == null ? -1 : cpus[1], options.jvmArgs)) {
                report.semaphoreFastPath = a.fastPath;
                measure(options, result, a, b, progress);
            }
            evaluateTargets(result);
            report.placements.add(result);
        }
        report.loadAfter = loadAverage();
        return report;
    }

    private static void measure(Options o, PlacementResult r, Worker a, Worker b, PrintStream progress)
            throws IOException, InterruptedException {
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
                        progress.printf(Locale.ROOT, "%scopy %s %s run %d/%d: %.2f GB/s%n", tag, bytes(block), mode,
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
                        a.send("tp-read " + name + " " + size + " " + frames + " " + wait + " " + o.ring);
                        a.expect("ready");
                        b.send("tp-write " + name + " " + size + " " + frames + " " + wait + " " + o.writeMode);
                        String[] written = b.expect("done");
                        String[] read = a.expect("done");
                        double seconds = (Long.parseLong(read[1]) - Long.parseLong(written[1])) / 1e9;
                        double fps = frames / seconds;
                        if (run >= 0) {
                            t.framesPerSecond.add(fps);
                            t.mibPerSecond.add(fps * size / (1 << 20));
                            t.readerBytesPerFrame.add(Long.parseLong(read[2]) / (double) frames);
                            t.writerBytesPerFrame.add(Long.parseLong(written[2]) / (double) frames);
                        }
                        progress.printf(Locale.ROOT, "%sone-way %s %s %s: %.3f M frames/s, %.0f MiB/s%n", tag,
                                bytes(size), wait, run < 0 ? "warm-up" : "run " + (run + 1) + "/" + o.runs, fps / 1e6,
                                fps * size / (1 << 20));
                    }
                    r.throughput.add(t);
                }
            }
        }
        if (o.tests.contains("pingpong")) {
            for (int size : o.pingPongSizes) {
                for (String wait : o.strategies) {
                    int iterations = o.pingPongIterationsFor(size);
                    int warmUp = o.pingPongWarmUp(size);
                    long ring = o.pingPongRing(size);
                    PingPongResult t = new PingPongResult(size, wait, iterations, warmUp, ring);
                    for (int run = 0; run < o.runs; run++) {
                        String name = name("pp");
                        a.send("pp-echo " + name + " " + size + " " + (iterations + warmUp) + " " + wait + " " + ring);
                        a.expect("ready");
                        b.send("pp-init " + name + " " + size + " " + iterations + " " + warmUp + " " + wait + " " + ring);
                        String[] done = b.expect("done");
                        a.expect("done");
                        t.latency.add(Arrays.copyOfRange(done, 1, 5));
                        progress.printf(Locale.ROOT, "%sping-pong %s %s run %d/%d: p50 %.1f us, p99 %.1f us%n", tag,
                                bytes(size), wait, run + 1, o.runs, Long.parseLong(done[1]) / 1e3,
                                Long.parseLong(done[3]) / 1e3);
                    }
                    r.pingPong.add(t);
                }
            }
        }
    }

    static void evaluateTargets(PlacementResult r) {
        CopyResult copy1m = r.copy(1 << 20, "cold");
        for (String wait : List.of("blocking", "spin")) {
            ThroughputResult t = r.throughput(1 << 20, wait);
            if (copy1m != null && t != null) {
                double copyMiB = copy1m.gbPerSecond.median() * 1e9 / (1 << 20);
                r.targets.add(new Target("1 MiB one-way (" + wait + ") / 1 MiB cold-source copy bandwidth",
                        t.mibPerSecond.median() / copyMiB, 0.80, "x", true));
            }
        }
        for (String wait : List.of("blocking", "spin")) {
            ThroughputResult t64 = r.throughput(64, wait);
            if (t64 != null) {
                r.targets.add(new Target("64 B one-way frames/s (" + wait + ") / C++ 6.39 M (info)",
                        t64.framesPerSecond.median() / CPP_64, 1.0, "x", true));
            }
            ThroughputResult t1k = r.throughput(1024, wait);
            if (t1k != null) {
                r.targets.add(new Target("1 KiB one-way frames/s (" + wait + ") / C++ 6.82 M (info)",
                        t1k.framesPerSecond.median() / CPP_1K, 1.0, "x", true));
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
        CopyResult copyFrame = r.copy(3_110_416, "cold");
        if (copyFrame != null) {
            double copyMicros = 3_110_416 / copyFrame.gbPerSecond.median() / 1e3;
            for (String wait : List.of("blocking", "spin")) {
                PingPongResult big = r.pingPong(3_110_416, wait);
                if (big != null) {
                    r.targets.add(new Target("3,110,416 B ping-pong p50 (" + wait + ") / one cold-source copy",
                            big.latency.p50.median() / copyMicros, 2.0, "x", false));
                }
            }
        }
        for (ThroughputResult t : r.throughput) {
            if (t.size <= 1024) {
                // the smallest Java object is 16 bytes: any allocation per frame would show as >= 16;
                // what remains below 1 is per-run and per-wait-slice work spread over the frames
                r.targets.add(new Target(bytes(t.size) + " one-way (" + t.strategy + ") B allocated/frame, reader+writer",
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
    static final class Worker implements AutoCloseable {
        private final String label;
        private final Process process;
        private final PrintWriter in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        boolean fastPath;

        private Worker(String label, Process process) {
            this.label = label;
            this.process = process;
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread pump = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                lines.add("eof");
            }, "bench-worker-" + label);
            pump.setDaemon(true);
            pump.start();
        }

        static Worker start(String label, int cpu, List<String> jvmArgs) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            if (cpu >= 0) {
                command.addAll(List.of(taskset(), "-c", Integer.toString(cpu)));
            }
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of("-Xms512m", "-Xmx512m", "-XX:MaxDirectMemorySize=1g", "-XX:+UseParallelGC"));
            command.addAll(jvmArgs);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchWorker.class.getName()));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Worker worker = new Worker(label, process);
            worker.expect("hello");
            worker.send("probe");
            worker.fastPath = Boolean.parseBoolean(worker.expect("done")[1]);
            return worker;
        }

        private static String taskset() {
            for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin")) {
                if (Files.isExecutable(Path.of(dir, "taskset"))) {
                    return dir + "/taskset";
                }
            }
            throw new IllegalStateException("taskset not found (Debian package util-linux); use --placement unpinned");
        }

        void send(String command) {
            in.println(command);
        }

        /** @return the words of the next line, which must start with {@code prefix} */
        String[] expect(String prefix) throws InterruptedException {
            String line = lines.poll(180, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("worker " + label + " said nothing for 180 s (expected " + prefix + ")");
            }
            if (!line.startsWith(prefix)) {
                throw new IllegalStateException("worker " + label + " expected " + prefix + ", got: " + line);
            }
            return line.split(" ");
        }

        @Override
        public void close() throws InterruptedException {
            in.println("quit");
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static String bytes(long n) {
        if (n >= (1 << 20) && n % (1 << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        if (n >= 1024 && n % 1024 == 0) {
            return (n >> 10) + " KiB";
        }
        return String.format(Locale.ROOT, "%,d B", n);
    }

    private static String rate(Stat s) {
        if (s.median() >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M [%.2f-%.2f]", s.median() / 1e6, s.min() / 1e6, s.max() / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f k [%.1f-%.1f]", s.median() / 1e3, s.min() / 1e3, s.max() / 1e3);
    }

    private static String mib(Stat s) {
        return String.format(Locale.ROOT, "%.0f [%.0f-%.0f]", s.median(), s.min(), s.max());
    }

    private static String spread(Stat s) {
        return String.format(Locale.ROOT, "%.1f [%.1f-%.1f]", s.median(), s.min(), s.max());
    }

    static String num(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.6g", value).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
                .replaceAll("\\.$", "");
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
