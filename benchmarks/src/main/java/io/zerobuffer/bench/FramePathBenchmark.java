package io.zerobuffer.bench;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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
 * The per-frame paths in one process and one thread: the writer copies a frame in (or fills it
 * in place), the reader reads it, touches its first and last byte and releases it. A 64 MiB
 * ring as in the cross-process harness, so large frames wrap and land in cold memory.
 *
 * <p>Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per
 * operation (one operation = one frame written, read and released) and must be ~0.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FramePathBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Param({"64", "1024", "65536", "1048576"})
    public int size;

    private LinuxZeroBufferFactory factory;
    private Reader reader;
    private Writer writer;
    private byte[] source;

    @Setup(Level.Trial)
    public void open() {
        factory = new LinuxZeroBufferFactory();
        String name = "zb-jmh-" + ProcessHandle.current().pid() + "-" + size;
        reader = factory.createReader(name, BufferConfig.of(4096, 64L << 20));
        writer = factory.attachWriter(name);
        source = new byte[size];
        Arrays.fill(source, (byte) 7);
    }

    @TearDown(Level.Trial)
    public void close() {
        factory.close();
    }

    /** Copying write, read, touch two bytes, release. */
    @Benchmark
    public int copyInReadRelease() {
        writer.write(source, 0, size);
        return readTouchRelease();
    }

    /** Zero-copy write (acquire, one byte at each end, commit), read, touch two bytes, release. */
    @Benchmark
    public int inPlaceReadRelease() {
        ByteBuffer slot = writer.acquire(size);
        slot.put(0, (byte) 1);
        slot.put(size - 1, (byte) 2);
        writer.commit();
        return readTouchRelease();
    }

    private int readTouchRelease() {
        Frame frame = reader.read(TIMEOUT);
        ByteBuffer data = frame.data();
        int touched = data.get(0) + data.get(data.limit() - 1);
        frame.close();
        return touched;
    }
}
