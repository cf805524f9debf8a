package io.zerobuffer.bench;

import io.zerobuffer.linux.layout.BufferWindow;
import io.zerobuffer.linux.layout.Oieb;
import io.zerobuffer.linux.posix.NamedSemaphore;
import io.zerobuffer.linux.posix.Processes;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pieces a frame's path is made of, each measured alone, for the per-frame cost breakdown
 * in docs/PERFORMANCE.md. One process, one thread, nothing contended.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CostBreakdownBenchmark {
    private NamedSemaphore semaphore;
    private String semaphoreName;
    private final StampedLock lock = new StampedLock();
    private Oieb oieb;
    private BufferWindow window;
    private final long self = Processes.currentPid();
    private final byte[] source = new byte[1024];
    private final ByteBuffer target = ByteBuffer.allocateDirect(8192);
    private long counter;

    @Setup(Level.Trial)
    public void open() {
        semaphoreName = "zb-jmh-sem-" + ProcessHandle.current().pid();
        NamedSemaphore.unlink(semaphoreName);
        semaphore = NamedSemaphore.create("jmh", semaphoreName);
        ByteBuffer segment = ByteBuffer.allocateDirect(1 << 20);
        oieb = new Oieb(segment);
        oieb.initialise(0, (1 << 20) - 128, self);
        window = new BufferWindow(segment, true);
    }

    @TearDown(Level.Trial)
    public void close() {
        semaphore.close();
        NamedSemaphore.unlink(semaphoreName);
    }

    /** One post and one successful non-blocking wait: what a frame costs in semaphore calls on each side. */
    @Benchmark
    public boolean semaphorePostThenTryWait() {
        semaphore.post();
        return semaphore.tryAcquire();
    }

    /** The per-call close() guard: shared lock and unlock. */
    @Benchmark
    public void stampedLockReadUnlock() {
        lock.unlockRead(lock.readLock());
    }

    /** The atomic fetch-add on payload_free_bytes (lock xadd on x86). */
    @Benchmark
    public void oiebFreeBytesAtomicAdd() {
        oieb.addPayloadFreeBytes(1);
    }

    /** A counter load (acquire) plus a release store: read_count / written_count per frame. */
    @Benchmark
    public void oiebCounterIncrement() {
        oieb.incrementReadCount();
    }

    /** Moving the zero-copy view over a frame and emptying it again on release. */
    @Benchmark
    public ByteBuffer windowMoveAndClear() {
        ByteBuffer view = window.moveTo(4096, 1024);
        window.clear();
        return view;
    }

    /** A release store of a counter the side owns (what read_count / written_count cost now). */
    @Benchmark
    public void oiebReleaseStore() {
        oieb.readCount(++counter);
    }

    /** Copying 64 bytes from an array into the mapped-style direct buffer (the writer's copy, hot). */
    @Benchmark
    public ByteBuffer copy64() {
        return target.put(4096, source, 0, 64);
    }

    /** Copying 1 KiB from an array into a direct buffer (hot destination). */
    @Benchmark
    public ByteBuffer copy1k() {
        return target.put(4096, source, 0, 1024);
    }

    /** A release fence (a compiler barrier only on x86). */
    @Benchmark
    public void releaseFence() {
        VarHandle.releaseFence();
    }

    /** The liveness check of the peer (kill(pid,0) + /proc), made only when a wait times out. */
    @Benchmark
    public boolean livenessCheck() {
        return Processes.isAlive(1);
    }
}
