package io.zerobuffer.serve.steps;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Health;
import io.zerobuffer.api.Writer;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feature 14, benchmarks, measured between a reader and a writer of this process (the
 * scenario's other role is idle while the measuring step runs). Each measurement is bounded by
 * the system property {@value #SECONDS_PROPERTY} (default {@value #DEFAULT_SECONDS} s per frame
 * size); figures go to the step's log. The steps report; only the "expect" steps assert, with
 * generous bounds, since the host may be busy.
 */
public final class BenchmarkSteps {
    /** System property bounding each measurement, in seconds. */
    public static final String SECONDS_PROPERTY = "zerobuffer.serve.bench.seconds";
    /** Default bound per measurement, seconds. */
    public static final int DEFAULT_SECONDS = 1;
    private static final int[] SIZES = {1 << 10, 64 << 10, 1 << 20, 10 << 20};

    private final World world;
    private final Map<String, long[]> latencies = new LinkedHashMap<>();
    private final Map<Integer, double[]> throughput = new LinkedHashMap<>();
    private double cpuShare = -1;
    private double copyBandwidth = -1;
    private double wrapFactor = 1.5;
    private double withWrap = -1;
    private double withoutWrap = -1;
    private double fenceNanos = -1;
    private boolean fasterWriter;
    private long degradedAfterMs = -1;
    private long recoveredAfterMs = -1;
    private Health seenHealth;

    /** @param world the scenario state */
    public BenchmarkSteps(World world) {
        this.world = world;
    }

    static long budgetNanos() {
        return Long.getLong(SECONDS_PROPERTY, DEFAULT_SECONDS) * 1_000_000_000L;
    }

    /**
     * @param process the role
     * @param buffer  the scenario's buffer name
     */
    @Given("the '{word}' process creates buffer '{string}' with large config")
    public void largeConfig(String process, String buffer) {
        world.createReader(buffer, BufferConfig.of(4096, 128L << 20));
    }

    /** One-way latency (commit to read) per frame size, a frame at a time. */
    @Then("measure latency for frame sizes:")
    public void latency() {
        try (LocalPair p = new LocalPair(world, "bench-latency-local", BufferConfig.of(0, 32L << 20))) {
            for (int size : SIZES) {
                latencies.put(label(size), measureLatency(p, size, 10_000));
            }
        }
    }

    private long[] measureLatency(LocalPair p, int size, int iterations) {
        List<Long> samples = new ArrayList<>();
        byte[] data = new byte[size];
        long deadline = System.nanoTime() + budgetNanos();
        for (int i = 0; i < iterations && System.nanoTime() < deadline; i++) {
            long t0 = System.nanoTime();
            p.writer.write(data);
            try (Frame f = p.reader.read(World.READ_TIMEOUT)) {
                StepFailure.expect(f != null, "expected the frame just written, none came");
                samples.add(System.nanoTime() - t0);
            }
        }
        long[] s = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        return s;
    }

    private static String label(int size) {
        return size >= 1 << 20 ? (size >> 20) + "MB" : (size >> 10) + "KB";
    }

    /** Logs the latency statistics per size. */
    @Then("report Min, Max, Mean, P50, P90, P99, P99.9")
    public void reportLatency() {
        StepFailure.expect(!latencies.isEmpty(), "expected latencies measured by an earlier step, there are none");
        for (Map.Entry<String, long[]> e : latencies.entrySet()) {
            long[] s = e.getValue();
            String line = String.format("%s: n=%d min %.1f us, max %.1f us, mean %.1f us, p50 %.1f, p90 %.1f, p99 %.1f, p99.9 %.1f us",
                    e.getKey(), s.length, s[0] / 1e3, s[s.length - 1] / 1e3, Arrays.stream(s).average().orElse(0) / 1e3,
                    pct(s, 50), pct(s, 90), pct(s, 99), pct(s, 99.9));
            world.log(2, line);
            world.context().put("latency." + e.getKey(), line);
        }
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e3;
    }

    /**
     * Streams each frame size for the asked time (bounded), reading on a second thread.
     *
     * @param seconds the time asked per size
     */
    @Then("measure throughput for '{int}' seconds with frame sizes:")
    public void throughput(int seconds) throws InterruptedException {
        long nanos = Math.min(seconds * 1_000_000_000L, budgetNanos());
        long self = ProcessHandle.current().pid();
        long cpu0 = PerformanceMonitoringSteps.cpuTicks(self);
        long wall0 = System.nanoTime();
        for (int size : SIZES) {
            try (LocalPair p = new LocalPair(world, "bench-throughput-local", BufferConfig.of(0, Math.max(4L * size, 1 << 20)))) {
                throughput.put(size, stream(p, size, nanos));
            }
        }
        cpuShare = (PerformanceMonitoringSteps.cpuTicks(self) - cpu0) / 100.0 / ((System.nanoTime() - wall0) / 1e9);
        for (Map.Entry<Integer, double[]> e : throughput.entrySet()) {
            world.log(2, String.format("%s: %.0f frames/s, %.1f MB/s", label(e.getKey()), e.getValue()[0], e.getValue()[1] / 1e6));
        }
    }

    static double[] stream(LocalPair p, int size, long nanos) throws InterruptedException {
        AtomicLong read = new AtomicLong();
        Thread consumer = new Thread(() -> {
            try {
                while (true) {
                    Frame f = p.reader.read(Duration.ofSeconds(2));
                    if (f == null) {
                        continue;
                    }
                    f.close();
                    read.incrementAndGet();
                }
            } catch (RuntimeException end) {
                // the writer detached
            }
        });
        consumer.start();
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < nanos) {
            ByteBuffer slot = p.writer.acquire(size);
            slot.putLong(0, t0);
            p.writer.commit();
        }
        p.writer.drain(Duration.ofSeconds(5));
        double secs = (System.nanoTime() - t0) / 1e9;
        p.writer.close();
        consumer.join(10_000);
        return new double[] {read.get() / secs, read.get() * (double) size / secs};
    }

    /** Logs the CPU share of the measurement. */
    @Then("report CPU usage percentage")
    public void reportCpu() {
        StepFailure.expect(cpuShare >= 0, "expected a throughput measurement by an earlier step, there was none");
        world.log(2, String.format("CPU: %.0f %% of one core during the measurement", cpuShare * 100));
    }

    /**
     * Compares the largest frames' rate with this machine's single-thread copy bandwidth. The
     * writer fills each frame in place and the reader reads in place: the rate is bounded by
     * the ring's cache traffic, not by a copy; passes above a tenth of the copy bandwidth.
     */
    @Then("expect to saturate memory bandwidth")
    public void saturate() {
        byte[] a = new byte[64 << 20];
        byte[] b = new byte[64 << 20];
        long t0 = System.nanoTime();
        int rounds = 0;
        while (System.nanoTime() - t0 < 300_000_000L) {
            System.arraycopy(a, 0, b, 0, a.length);
            rounds++;
        }
        copyBandwidth = rounds * (double) a.length / ((System.nanoTime() - t0) / 1e9);
        double best = throughput.values().stream().mapToDouble(v -> v[1]).max().orElse(0);
        world.log(2, String.format("best %.1f MB/s through the ring, copy bandwidth %.1f MB/s", best / 1e6, copyBandwidth / 1e6));
        StepFailure.expect(best >= copyBandwidth / 10, String.format("expected at least a tenth of the copy bandwidth "
                + "(%.1f MB/s), saw %.1f MB/s", copyBandwidth / 1e6, best / 1e6));
    }

    /** @param factor ring size as a multiple of the frame size */
    @Given("buffer size is '{number}x' frame size to force wrap")
    public void wrapFactor(double factor) {
        wrapFactor = factor;
    }

    /** Streams 64 KiB frames through a ring of the given multiple: nearly every frame wraps. */
    @When("measure performance with wrap-around")
    public void withWrap() throws InterruptedException {
        int size = 64 << 10;
        try (LocalPair p = new LocalPair(world, "bench-wrap-local", BufferConfig.of(0, (long) ((size + 16) * wrapFactor)))) {
            withWrap = stream(p, size, budgetNanos())[0];
        }
    }

    /** The same frames through a ring 64 times their size. */
    @When("measure performance without wrap-around")
    public void withoutWrap() throws InterruptedException {
        int size = 64 << 10;
        try (LocalPair p = new LocalPair(world, "bench-nowrap-local", BufferConfig.of(0, 64L * (size + 16)))) {
            withoutWrap = stream(p, size, budgetNanos())[0];
        }
    }

    /** Logs the difference. */
    @Then("calculate overhead percentage")
    public void overhead() {
        StepFailure.expect(withWrap > 0 && withoutWrap > 0, "expected both measurements by earlier steps");
        world.log(2, String.format("with wrap %.0f frames/s, without %.0f frames/s: %.1f %% overhead", withWrap, withoutWrap,
                (1 - withWrap / withoutWrap) * 100));
    }

    /**
     * A ring of 1.5 frames also serialises writer and reader (one frame in flight), which costs
     * more than the wrap itself; the bound is checked as given.
     *
     * @param percent the bound
     */
    @Then("expect less than '{int}%' performance impact")
    public void impact(int percent) {
        double overhead = (1 - withWrap / withoutWrap) * 100;
        StepFailure.expect(overhead < percent, String.format("expected under %d %% overhead, saw %.1f %%", percent, overhead));
    }

    /** Times a full fence. */
    @Given("measure atomic fence operations")
    public void fences() {
        long n = 10_000_000;
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
            VarHandle.fullFence();
        }
        fenceNanos = (System.nanoTime() - t0) / (double) n;
    }

    /** Times the same loop without fences. */
    @When("compare with and without memory barriers")
    public void withAndWithout() {
        long n = 10_000_000;
        long sink = 0;
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
            sink += i;
        }
        double plain = (System.nanoTime() - t0) / (double) n;
        world.log(2, String.format("fence %.2f ns, plain %.2f ns per iteration (%d)", fenceNanos, plain, sink & 1));
    }

    /** A frame through a buffer of this process arrives intact. */
    @Then("verify data integrity maintained")
    public void integrity() {
        try (LocalPair p = new LocalPair(world, "bench-integrity-local", BufferConfig.of(0, 1 << 16))) {
            p.writer.write(Patterns.frame(4096, 1));
            try (Frame f = p.reader.read(World.READ_TIMEOUT)) {
                StepFailure.expect(f != null, "expected the frame, none came");
                Patterns.check(f.data(), 1, "frame");
            }
        }
    }

    /** @param nanos the bound per fence */
    @Then("expect less than '{int}' ns per barrier")
    public void fenceBound(int nanos) {
        StepFailure.expect(fenceNanos >= 0 && fenceNanos < nanos, String.format("expected under %d ns per fence, saw %.2f",
                nanos, fenceNanos));
    }

    /** Times a post and a wait: a one-frame ping through a buffer of this process. */
    @Given("measure sem_post/sem_wait operation cost")
    public void semaphoreCost() {
        try (LocalPair p = new LocalPair(world, "bench-sem-local", BufferConfig.of(0, 1 << 16))) {
            long[] s = measureLatency(p, 8, 100_000);
            world.log(2, String.format("write+read of 8 bytes: median %.2f us over %d", pct(s, 50), s.length));
        }
    }

    /** Paces small frames at 1 Hz to 100 kHz (each rate for a bounded time) and logs the achieved rate. */
    @When("test at rates:")
    public void rates() throws InterruptedException {
        try (LocalPair p = new LocalPair(world, "bench-rate-local", BufferConfig.of(0, 1 << 16))) {
            for (int rate : new int[] {1, 100, 1_000, 10_000, 100_000}) {
                long interval = 1_000_000_000L / rate;
                long end = System.nanoTime() + Math.min(budgetNanos(), Math.max(2 * interval, 200_000_000L));
                int frames = 0;
                long t0 = System.nanoTime();
                long next = t0;
                while (System.nanoTime() < end) {
                    p.writer.write(new byte[8]);
                    try (Frame f = p.reader.read(World.READ_TIMEOUT)) {
                        frames += f == null ? 0 : 1;
                    }
                    next += interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                world.log(2, String.format("asked %d Hz: %.0f frames/s", rate, frames / ((System.nanoTime() - t0) / 1e9)));
            }
        }
    }

    /** Logs this process's CPU so far. */
    @Then("report CPU usage and latency impact")
    public void reportCpuAndLatency() {
        world.log(2, "CPU ticks of this process: " + PerformanceMonitoringSteps.cpuTicks(ProcessHandle.current().pid()));
    }

    /** @param process the role */
    @Given("the '{word}' process is configured to be faster than reader")
    public void faster(String process) {
        fasterWriter = true;
    }

    /**
     * A writer faster than its reader (which sleeps 1 ms per frame) fills a ring of this process;
     * the utilisation is sampled until it is degraded (80 %), then the writer stops and the
     * reader drains it back to healthy.
     */
    @When("monitor buffer utilization over time")
    public void utilisation() throws InterruptedException {
        StepFailure.expect(fasterWriter, "expected the writer configured faster than the reader by an earlier step");
        try (LocalPair p = new LocalPair(world, "bench-utilisation-local", BufferConfig.of(0, 1 << 20))) {
            Thread consumer = new Thread(() -> {
                try {
                    while (true) {
                        Frame f = p.reader.read(Duration.ofSeconds(2));
                        if (f != null) {
                            f.close();
                            Thread.sleep(1);
                        }
                    }
                } catch (RuntimeException | InterruptedException end) {
                    // the writer detached
                }
            });
            consumer.start();
            Writer w = p.writer;
            long t0 = System.nanoTime();
            byte[] data = new byte[16 << 10];
            while (w.status().utilisation() < 0.8 && System.nanoTime() - t0 < 20_000_000_000L) {
                w.write(data);
            }
            seenHealth = w.status().health();
            degradedAfterMs = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            while (w.status().utilisation() >= 0.8 && System.nanoTime() - t1 < 20_000_000_000L) {
                Thread.sleep(1);
            }
            recoveredAfterMs = (System.nanoTime() - t1) / 1_000_000;
            w.close();
            consumer.join(10_000);
        }
    }

    /** @param percent the degradation threshold */
    @Then("verify degradation detection at '{int}%'")
    public void degradation(int percent) {
        StepFailure.expectEqual("degradation threshold of the health rule", 80, percent);
        StepFailure.expect(seenHealth == Health.DEGRADED || seenHealth == Health.CRITICAL,
                "expected DEGRADED or CRITICAL at " + percent + " % use, saw " + seenHealth);
    }

    /** Logs the time to degradation. */
    @Then("report time to degradation")
    public void timeToDegradation() {
        StepFailure.expect(degradedAfterMs >= 0, "expected a utilisation run by an earlier step");
        world.log(2, "degraded after " + degradedAfterMs + " ms");
    }

    /** Logs the recovery time. */
    @Then("report recovery time")
    public void recovery() {
        StepFailure.expect(recoveredAfterMs >= 0, "expected a utilisation run by an earlier step");
        world.log(2, "healthy again " + recoveredAfterMs + " ms after the writer stopped");
    }
}
