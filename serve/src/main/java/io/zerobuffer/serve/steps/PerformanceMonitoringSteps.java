package io.zerobuffer.serve.steps;

import io.zerobuffer.api.Writer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Feature 09, CPU use: idle waiting must cost next to nothing, copying must be cheap per byte.
 * CPU time is read from {@code /proc/PID/stat} for this process and the buffer's reader.
 */
public final class PerformanceMonitoringSteps {
    /** Idle CPU share above which waiting is not "near zero": a fifth of a core. */
    public static final double IDLE_LIMIT = 0.2;
    /** Bytes per CPU second below which copying is not efficient: 100 MB/s (memcpy does GB/s). */
    public static final double COPY_LIMIT = 100e6;

    private final World world;
    private double idleSelf = -1;
    private double idleReader = -1;
    private double bytesPerCpuSecond = -1;

    /** @param world the scenario state */
    public PerformanceMonitoringSteps(World world) {
        this.world = world;
    }

    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Measures CPU use of this process and the reader's over one second of no traffic. */
    @Then("monitor CPU usage during idle (blocked on semaphore)")
    public void idle() throws InterruptedException {
        long readerPid = world.writer().status().readerPid();
        long self = ProcessHandle.current().pid();
        long s0 = cpuTicks(self);
        long r0 = cpuTicks(readerPid);
        long t0 = System.nanoTime();
        Thread.sleep(1000);
        double seconds = (System.nanoTime() - t0) / 1e9;
        idleSelf = (cpuTicks(self) - s0) / 100.0 / seconds;
        idleReader = r0 < 0 ? 0 : (cpuTicks(readerPid) - r0) / 100.0 / seconds;
        world.log(2, String.format("idle CPU: this process %.1f %%, reader %.1f %%", idleSelf * 100, idleReader * 100));
    }

    /** Checks the idle figures. */
    @Then("verify near-zero CPU when waiting")
    public void nearZero() {
        StepFailure.expect(idleSelf >= 0, "expected an idle measurement by an earlier step, there was none");
        StepFailure.expect(idleSelf < IDLE_LIMIT && idleReader < IDLE_LIMIT, String.format("expected under %.0f %% of a core "
                + "while idle, saw this process %.1f %%, reader %.1f %%", IDLE_LIMIT * 100, idleSelf * 100, idleReader * 100));
    }

    /** Writes 16 MiB in 64 KiB frames into the ring, timing the CPU it costs. */
    @When("transfer data actively")
    public void transfer() {
        Writer w = world.writer();
        int size = 64 << 10;
        int frames = (int) Math.min(256, w.status().payloadFreeBytes() / (size + 16) - 1);
        long self = ProcessHandle.current().pid();
        long c0 = cpuTicks(self);
        long t0 = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            ByteBuffer slot = w.acquire(size);
            for (int j = 0; j < size; j += 8) {
                slot.putLong(j, j ^ i);
            }
            w.commit();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = Math.max(0.01, (cpuTicks(self) - c0) / 100.0);
        bytesPerCpuSecond = (double) frames * size / cpu;
        world.log(2, String.format("%d frames of %d bytes in %.3f s wall, %.2f s CPU", frames, size, wall, cpu));
    }

    /** Reports the active figures. */
    @Then("monitor CPU during active transfer")
    public void monitorActive() {
        StepFailure.expect(bytesPerCpuSecond > 0, "expected a transfer measured by an earlier step, there was none");
        world.log(2, String.format("%.0f MB per CPU second", bytesPerCpuSecond / 1e6));
    }

    /** Checks bytes per CPU second against a generous floor. */
    @Then("verify efficient data copying")
    public void efficient() {
        StepFailure.expect(bytesPerCpuSecond >= COPY_LIMIT, String.format("expected at least %.0f MB per CPU second, saw %.0f",
                COPY_LIMIT / 1e6, bytesPerCpuSecond / 1e6));
    }
}
