package io.zerobuffer.serve.steps;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.ZeroBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feature 11, stress and endurance. Durations and iteration counts are bounded by the system
 * property {@value #MAX_SECONDS_PROPERTY} (default {@value #DEFAULT_MAX_SECONDS} s per step): a
 * scenario asking for 24 hours runs that long at most, and says so in its log.
 */
public final class StressSteps {
    /** System property bounding each stress step, in seconds. */
    public static final String MAX_SECONDS_PROPERTY = "zerobuffer.serve.stress.seconds";
    /** Default bound per stress step, seconds. */
    public static final int DEFAULT_MAX_SECONDS = 5;

    private final World world;
    private int iterations = 1;
    private long fdsBefore = -1;
    private long fdsAfter = -1;
    private final List<String> cycled = new ArrayList<>();
    private long streamed;
    private double streamSeconds;
    private final List<String> streamErrors = new ArrayList<>();
    private final List<Reader> many = new ArrayList<>();
    private Throwable limitFailure;
    private Background attacher;
    private final AtomicLong attachAttempts = new AtomicLong();
    private final List<Throwable> attacherUnexpected = new ArrayList<>();
    private boolean limited;

    /** @param world the scenario state */
    public StressSteps(World world) {
        this.world = world;
        world.onReset(() -> {
            many.forEach(World::closeQuietly);
            if (limited) {
                Faults.limitOpenFiles(1 << 20, 1 << 20);
            }
        });
    }

    static long budgetNanos() {
        return Long.getLong(MAX_SECONDS_PROPERTY, DEFAULT_MAX_SECONDS) * 1_000_000_000L;
    }

    /** @param count cycles the following create/destroy steps make */
    @Given("perform '{int}' iterations of:")
    public void iterations(int count) {
        iterations = count;
    }

    /**
     * Closes the current buffer, then repeats create and close for the remaining iterations.
     *
     * @param process the role
     */
    @When("the '{word}' process destroys buffer")
    public void destroy(String process) {
        String base = world.currentBuffer();
        Reader r = world.readers().remove(base);
        StepFailure.expect(r != null, "expected a buffer '" + base + "' to destroy, there is none");
        BufferConfig config = r.config();
        cycled.add(r.name());
        r.close();
        fdsBefore = Faults.openFiles();
        long deadline = System.nanoTime() + budgetNanos();
        int done = 1;
        for (; done < iterations && System.nanoTime() < deadline; done++) {
            world.engine().createReader(world.name(base), config).close();
        }
        fdsAfter = Faults.openFiles();
        world.log(2, done + " of " + iterations + " create/destroy cycles (bounded by " + MAX_SECONDS_PROPERTY + ")");
    }

    /** Checks descriptors and objects. */
    @Then("no resource leaks should occur")
    public void noLeaks() {
        StepFailure.expect(fdsAfter <= fdsBefore + 2, "expected no descriptors leaked, open before " + fdsBefore + ", after " + fdsAfter);
        for (String name : cycled) {
            StepFailure.expect(Faults.leftovers(name).isEmpty(), "expected nothing left of " + name + ", saw " + Faults.leftovers(name));
        }
    }

    /** Checks the lock files. */
    @Then("lock files should be properly cleaned")
    public void locksCleaned() {
        for (String name : cycled) {
            StepFailure.expect(!java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/zerobuffer", name + ".lock")),
                    "expected the lock file of " + name + " removed");
        }
    }

    /** One more cycle with a frame through it. */
    @Then("system should remain stable")
    public void stable() {
        try (LocalPair p = new LocalPair(world, "stability-check", BufferConfig.of(0, 4096))) {
            p.writer.write(Patterns.frame(100, 1));
            try (Frame f = p.reader.read(World.READ_TIMEOUT)) {
                StepFailure.expect(f != null, "expected a frame through a new buffer, none came");
            }
        }
    }

    /**
     * Streams frames through a buffer of this process for the asked time, bounded.
     *
     * @param hours the duration asked for
     */
    @When("the test runs continuous write-read for '{int}' hours")
    public void continuous(int hours) throws InterruptedException {
        long nanos = Math.min(hours * 3_600_000_000_000L, budgetNanos());
        fdsBefore = Faults.openFiles();
        streamErrors.clear();
        try (LocalPair p = new LocalPair(world, "endurance", BufferConfig.of(0, 1 << 20))) {
            AtomicLong read = new AtomicLong();
            Thread consumer = new Thread(() -> {
                long expected = 1;
                try {
                    while (true) {
                        Frame f = p.reader.read(Duration.ofSeconds(2));
                        if (f == null) {
                            continue;
                        }
                        try (f) {
                            if (f.sequence() != expected) {
                                streamErrors.add("expected sequence " + expected + ", saw " + f.sequence());
                            }
                            expected = f.sequence() + 1;
                        }
                        read.incrementAndGet();
                    }
                } catch (io.zerobuffer.api.WriterDeadException end) {
                    // the writer detached: done
                } catch (RuntimeException e) {
                    streamErrors.add(World.describe(e));
                }
            });
            consumer.start();
            byte[] data = new byte[4096];
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < nanos) {
                p.writer.write(data);
            }
            streamSeconds = (System.nanoTime() - t0) / 1e9;
            p.writer.drain(Duration.ofSeconds(5));
            p.writer.close();
            consumer.join(10_000);
            streamed = read.get();
            StepFailure.expectEqual("frames read = frames written", p.writer.framesWritten(), streamed);
        }
        fdsAfter = Faults.openFiles();
        world.log(2, String.format("%d frames in %.1f s (asked: %d h, bounded by %s)", streamed, streamSeconds, hours,
                MAX_SECONDS_PROPERTY));
    }

    /** Checks descriptors after the run. */
    @Then("verify no resource leaks")
    public void verifyNoLeaks() {
        StepFailure.expect(fdsAfter <= fdsBefore + 2, "expected no descriptors leaked, before " + fdsBefore + ", after " + fdsAfter);
    }

    /** Sequence numbers are u64: at the measured rate they cannot wrap in a lifetime; checks the run had no gap. */
    @Then("verify sequence numbers handle overflow")
    public void sequenceOverflow() {
        StepFailure.expect(streamErrors.isEmpty(), "expected no sequence errors, saw " + streamErrors);
        double perSecond = streamed / Math.max(0.001, streamSeconds);
        double years = Long.MAX_VALUE / Math.max(1, perSecond) / 3.15e7;
        world.log(2, String.format("%.0f frames/s: the u64 sequence would wrap after %.2e years", perSecond, years));
        StepFailure.expect(years > 1000, "expected the sequence to outlive any run, it wraps after " + years + " years");
    }

    /** Reports descriptors and memory. */
    @Then("monitor system resource usage")
    public void monitorResources() {
        Runtime rt = Runtime.getRuntime();
        world.log(2, "open descriptors " + Faults.openFiles() + ", heap used " + (rt.totalMemory() - rt.freeMemory()) / 1024 + " KiB");
    }

    /** Checks the run had no error. */
    @Then("ensure stable operation throughout")
    public void stableThroughout() {
        StepFailure.expect(streamed > 0 && streamErrors.isEmpty(), "expected frames and no errors, saw " + streamed
                + " frames, errors " + streamErrors);
    }

    /** Lowers the open-file limit, then creates buffers until the OS refuses one. */
    @Given("create maximum number of buffers system allows")
    public void maxBuffers() {
        limited = Faults.limitOpenFiles(Faults.openFiles() + 16, 1 << 20);
        StepFailure.expect(limited, "expected prlimit to lower the open-file limit");
    }

    /** Creates buffers until one fails. */
    @When("reach system limit")
    public void reachLimit() {
        limitFailure = null;
        try {
            for (int i = 0; i < 1000; i++) {
                many.add(world.engine().createReader(world.name("exhaust-" + i), BufferConfig.of(0, 4096)));
            }
        } catch (RuntimeException e) {
            limitFailure = e;
        }
    }

    /** Checks the failure was a named error. */
    @Then("the test should verify graceful failure when limit reached")
    public void gracefulFailure() {
        StepFailure.expect(limitFailure instanceof ZeroBufferException, "expected a ZeroBufferException at the limit, saw "
                + limitFailure + " after " + many.size() + " buffers");
    }

    /** Closes every buffer and restores the limit. */
    @When("cleanup all buffers")
    public void cleanupAll() {
        cycled.clear();
        for (Reader r : many) {
            cycled.add(r.name());
            r.close();
        }
        many.clear();
        Faults.limitOpenFiles(1 << 20, 1 << 20);
        limited = false;
    }

    /** Checks that nothing is left. */
    @Then("the test should verify resources properly released")
    public void released() {
        noLeaksOf(cycled);
    }

    private static void noLeaksOf(List<String> names) {
        for (String name : names) {
            StepFailure.expect(Faults.leftovers(name).isEmpty(), "expected nothing left of " + name + ", saw " + Faults.leftovers(name));
        }
    }

    /** One buffer works again. */
    @Then("the system should return to normal state")
    public void normal() {
        stable();
    }

    /** A background writer attaches to the buffer over and over. */
    @Given("the test spawns writer attempting connections continuously")
    public void spawnAttacher() {
        String name = world.name("churn");
        attacher = world.start("attacher", self -> {
            while (!self.stopRequested()) {
                attachAttempts.incrementAndGet();
                try (Writer w = world.engine().attachWriter(name, io.zerobuffer.api.WriterOptions.defaults())) {
                    w.write(new byte[8]);
                } catch (ZeroBufferException | IllegalStateException expected) {
                    // absent, closing or taken: the point is that nothing else happens
                } catch (RuntimeException e) {
                    synchronized (attacherUnexpected) {
                        attacherUnexpected.add(e);
                    }
                }
            }
        });
    }

    /**
     * @param count create/destroy cycles asked for (bounded by time)
     */
    @When("the test creates and destroys buffer '{int}' times")
    public void churn(int count) {
        fdsBefore = Faults.openFiles();
        long deadline = System.nanoTime() + budgetNanos();
        int done = 0;
        for (; done < count && System.nanoTime() < deadline; done++) {
            try (Reader r = world.engine().createReader(world.name("churn"), BufferConfig.of(0, 4096))) {
                r.read(Duration.ZERO);
            } catch (io.zerobuffer.api.WriterDeadException writerLeft) {
                // the churning writer came and went
            }
        }
        if (attacher != null) {
            attacher.stopAndJoin(Duration.ofSeconds(5));
        }
        fdsAfter = Faults.openFiles();
        cycled.add(world.name("churn"));
        world.log(2, done + " cycles, " + attachAttempts.get() + " attach attempts");
    }

    /** Checks descriptors and objects. */
    @Then("the test should verify no resource leaks")
    public void churnNoLeaks() {
        verifyNoLeaks();
        noLeaksOf(cycled);
    }

    /** Checks the lock file. */
    @Then("the test should verify lock files cleaned up")
    public void churnLocks() {
        locksCleaned();
    }

    /** Checks that the attaching writer saw only named errors. */
    @Then("the system should handle writer connection attempts gracefully")
    public void attachGraceful() {
        StepFailure.expect(attacherUnexpected.isEmpty(), "expected only named errors for the attaching writer, saw "
                + attacherUnexpected);
    }
}
