package io.zerobuffer.bench;

import io.zerobuffer.api.Frame;
import io.zerobuffer.linux.layout.Oieb;
import io.zerobuffer.linux.layout.OiebDescriptor;
import io.zerobuffer.linux.ring.RingReader;
import io.zerobuffer.linux.ring.RingWriter;
import io.zerobuffer.linux.ring.Signal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ring algorithm alone ({@link RingWriter} + {@link RingReader} over a plain direct buffer,
 * with counting in-memory signals instead of semaphores, no close() guard around the calls):
 * subtracted from {@link FramePathBenchmark} it leaves the cost of the semaphores, the guard and
 * the API layer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RingOnlyBenchmark {
    @Param({"64", "1024"})
    public int size;

    /** @Param-free ring size: 64 MiB like the harness, so the copy lands in cold memory too. */
    private static final int RING = 64 << 20;

    private RingWriter writer;
    private RingReader reader;
    private byte[] source;

    /** A counter standing in for a semaphore. */
    static final class CountingSignal implements Signal {
        long count;

        @Override
        public void post() {
            count++;
        }

        @Override
        public boolean await(long timeoutNanos) {
            if (count > 0) {
                count--;
                return true;
            }
            return false;
        }
    }

    @Setup(Level.Trial)
    public void open() {
        ByteBuffer segment = ByteBuffer.allocateDirect(OiebDescriptor.OIEB_SIZE + RING).order(ByteOrder.LITTLE_ENDIAN);
        Oieb oieb = new Oieb(segment);
        long self = ProcessHandle.current().pid();
        oieb.initialise(0, RING, self);
        oieb.writerPid(self);
        CountingSignal dataReady = new CountingSignal();
        CountingSignal spaceFreed = new CountingSignal();
        writer = new RingWriter("jmh", oieb, OiebDescriptor.OIEB_SIZE, dataReady, spaceFreed, pid -> true, 1_000_000_000L, 0);
        reader = new RingReader("jmh", oieb, OiebDescriptor.OIEB_SIZE, dataReady, spaceFreed, pid -> true,
                new StampedLock(), 0);
        source = new byte[size];
        Arrays.fill(source, (byte) 7);
    }

    @TearDown(Level.Trial)
    public void close() {
        writer.close();
    }

    /** Copying write, read, touch two bytes, release (release takes the mapping guard once). */
    @Benchmark
    public int copyInReadRelease() {
        writer.write(source, 0, size);
        Frame frame = reader.read(1_000_000_000L);
        ByteBuffer data = frame.data();
        int touched = data.get(0) + data.get(data.limit() - 1);
        frame.close();
        return touched;
    }

    /** In-place write of two bytes, read, touch two bytes, release. */
    @Benchmark
    public int inPlaceReadRelease() {
        ByteBuffer slot = writer.acquire(size);
        slot.put(0, (byte) 1);
        slot.put(size - 1, (byte) 2);
        writer.commit();
        Frame frame = reader.read(1_000_000_000L);
        ByteBuffer data = frame.data();
        int touched = data.get(0) + data.get(data.limit() - 1);
        frame.close();
        return touched;
    }
}
