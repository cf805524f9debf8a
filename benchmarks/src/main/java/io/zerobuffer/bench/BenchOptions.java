package io.zerobuffer.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The harness's command line: which tests, sizes, placements and wait strategies, and how many runs. */
final class BenchOptions {
    int runs = 5;
    List<String> placements = List.of("same", "apart");
    int cpuA = 0;
    int cpuB = 1;
    List<String> strategies = List.of("blocking", "spin");
    long[] sizes = Bench.DEFAULT_SIZES;
    long frames = -1;
    long warmUpFrames = -1;
    long ring = 64L << 20;
    String writeMode = "copy";
    int[] pingPongSizes = Bench.DEFAULT_PING_PONG_SIZES;
    int pingPongIterations = -1;
    boolean quick;
    boolean json;
    Path jsonFile;
    Set<String> tests = new LinkedHashSet<>(List.of("copy", "semaphore", "throughput", "pingpong", "duplex"));
    List<String> jvmArgs = new ArrayList<>();
    /** The peer programs, in the order given; each runs right after each of our runs of a cell. */
    final List<PeerSpec> peers = new ArrayList<>();
    long peerSize = 1024;

    static BenchOptions parse(String... args) {
        BenchOptions o = new BenchOptions();
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
                    if (!List.of("copy", "inplace", "batch").contains(o.writeMode)) {
                        throw new IllegalArgumentException("--write " + o.writeMode + ": copy, inplace or batch");
                    }
                    break;
                case "--ring":
                    o.ring = Long.parseLong(value(args, ++i, a));
                    break;
                case "--frames":
                    o.frames = Long.parseLong(value(args, ++i, a));
                    break;
                case "--warmup-frames":
                    o.warmUpFrames = Long.parseLong(value(args, ++i, a));
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
                case "--peer-cmd": {
                    String command = value(args, ++i, a);
                    PeerSpec peer = o.peerFor(spec -> spec.oneWay == null);
                    peer.oneWay = command;
                    break;
                }
                case "--peer-pingpong-cmd": {
                    String command = value(args, ++i, a);
                    PeerSpec peer = o.peerFor(spec -> spec.pingPong == null);
                    peer.pingPong = command;
                    break;
                }
                case "--peer-name":
                    o.namePeer(value(args, ++i, a));
                    break;
                case "--peer-size":
                    o.peerSize = Long.parseLong(value(args, ++i, a));
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
            if (!List.of("copy", "semaphore", "throughput", "pingpong", "duplex").contains(t)) {
                throw new IllegalArgumentException("test " + t + ": copy, semaphore, throughput, pingpong or duplex");
            }
        }
        for (PeerSpec peer : o.peers) {
            if (peer.oneWay == null && peer.pingPong == null) {
                throw new IllegalArgumentException("--peer-name " + peer.name
                        + ": give its --peer-cmd or --peer-pingpong-cmd after the name");
            }
            if (peer.pingPong != null && !PeerCommand.isTemplate(peer.pingPong)) {
                throw new IllegalArgumentException("--peer-pingpong-cmd of " + peer.name
                        + " needs placeholders such as {size} and {iterations}");
            }
        }
        if (o.peers.stream().anyMatch(PeerSpec::oneWaySingleSize)
                && Arrays.stream(o.sizes).noneMatch(size -> size == o.peerSize)) {
            // our figure to compare with the peer's is measured at the peer's frame size
            o.sizes = java.util.stream.LongStream.concat(Arrays.stream(o.sizes), java.util.stream.LongStream.of(o.peerSize))
                    .toArray();
        }
        if (o.peerSize < 1) {
            throw new IllegalArgumentException("--peer-size must be at least 1");
        }
        if (o.runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        return o;
    }

    /**
     * {@code --peer-name}: names the peer the commands just given belong to, when they were given
     * before any name; otherwise starts a new peer, to which the commands after it belong.
     */
    private void namePeer(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("--peer-name needs a name");
        }
        if (isPeerName(name)) {
            throw new IllegalArgumentException("--peer-name " + name + " is given twice");
        }
        int last = peers.size() - 1;
        PeerSpec named = new PeerSpec(name, true);
        if (last >= 0 && !peers.get(last).named) {
            named.oneWay = peers.get(last).oneWay;
            named.pingPong = peers.get(last).pingPong;
            peers.set(last, named);
        } else {
            peers.add(named);
        }
    }

    /**
     * The peer a command belongs to: the last one given while it still lacks that command, else
     * a new peer with the default name ({@code peer}, {@code peer2}, …).
     */
    private PeerSpec peerFor(java.util.function.Predicate<PeerSpec> lacksCommand) {
        if (!peers.isEmpty() && lacksCommand.test(peers.get(peers.size() - 1))) {
            return peers.get(peers.size() - 1);
        }
        String name = "peer";
        for (int n = 2; isPeerName(name); n++) {
            name = "peer" + n;
        }
        PeerSpec peer = new PeerSpec(name, false);
        peers.add(peer);
        return peer;
    }

    private boolean isPeerName(String name) {
        return peers.stream().anyMatch(p -> p.name.equals(name));
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

    /**
     * Frames of the discarded warm-up run before the measured runs of a one-way cell: at least
     * {@link #MIN_WARM_UP_FRAMES}, so that the JIT has compiled the write and read paths with
     * its optimising compiler before anything is measured (3,072 frames of 1 MiB, a run's
     * default, are too few calls: the copy then runs in the JVM's slower non-intrinsic routine).
     */
    long warmUpFramesFor(long size) {
        if (warmUpFrames > 0) {
            return warmUpFrames;
        }
        long measured = framesFor(size);
        return quick ? measured : Math.max(measured, MIN_WARM_UP_FRAMES);
    }

    /** The fewest frames a warm-up run writes by default. */
    static final long MIN_WARM_UP_FRAMES = 20_000;

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
