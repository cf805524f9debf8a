package io.zerobuffer.bench;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.DuplexClient;
import io.zerobuffer.api.DuplexServer;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderOptions;
import io.zerobuffer.api.WaitStrategy;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One side of the cross-process harness: a JVM (usually pinned with {@code taskset}) that
 * {@link Bench} drives through one command per line on stdin, answering on stdout with
 * {@code ready}, {@code done ...} or {@code err ...}. It stays up for every measurement of
 * one placement, so its JIT is warm after the first run.
 *
 * <p>Commands (sizes in bytes, times in nanoseconds of {@link System#nanoTime()}, which is
 * CLOCK_MONOTONIC and so comparable between the two JVMs):
 * <pre>
 * tp-read  NAME SIZE FRAMES WAIT [RING] create the buffer, print ready, read FRAMES → done T_LAST_RELEASE ALLOCATED
 * tp-write NAME SIZE FRAMES WAIT [MODE] attach, write FRAMES from a prefilled array (MODE copy), 64 at a
 *                                       time (MODE batch), or fill only their first and last byte in
 *                                       place (MODE inplace) → done T_FIRST_WRITE ALLOCATED
 * pp-echo  NAME SIZE TOTAL WAIT RING    create NAME-q, print ready, attach NAME-p, echo TOTAL frames → done
 * pp-init  NAME SIZE ITER WARM WAIT RING create NAME-p, attach NAME-q, WARM+ITER round trips → done P50 P90 P99 MAX
 * dx-serve NAME SIZE TOTAL WAIT RING    a DuplexServer on channel NAME (echo in place), print ready, serve TOTAL
 *                                       requests, stop when the client left → done
 * dx-call  NAME SIZE ITER WARM WAIT RING a DuplexClient: WARM+ITER send + receive round trips → done P50 P90 P99 MAX
 * sem-echo NAME TOTAL                   create two semaphores, print ready, wait/post TOTAL times → done
 * sem-init NAME ITER WARM               open them, post/wait WARM+ITER times → done P50 P90 P99 MAX
 * copy     SIZE MODE BYTES              single-thread copies (MODE hot, cold-dst, cold) → done BYTES_PER_S
 * probe                                 → done FAST_PATH (whether the Java semaphore fast path is on)
 * quit
 * </pre>
 * WAIT is {@code blocking} or {@code spin}.
 */
public final class BenchWorker {
    static final long METADATA = 4096;
    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(20);
    private static final int COLD_REGION = 256 << 20;

    private final PrintStream out;
    private ByteBuffer coldSource;
    private ByteBuffer coldTarget;

    private BenchWorker(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        BenchWorker worker = new BenchWorker(out);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.println("hello " + ProcessHandle.current().pid());
        String line;
        while ((line = in.readLine()) != null) {
            String[] c = line.trim().split("\\s+");
            if (c[0].equals("quit")) {
                break;
            }
            try {
                worker.execute(c);
            } catch (Throwable e) {
                out.println("err " + c[0] + ": " + e.toString().replace('\n', ' '));
            }
        }
    }

    private void execute(String[] c) {
        switch (c[0]) {
            case "tp-read":
                throughputRead(c[1], Integer.parseInt(c[2]), Long.parseLong(c[3]), c[4],
                        c.length > 5 ? Long.parseLong(c[5]) : 64L << 20);
                break;
            case "tp-write":
                throughputWrite(c[1], Integer.parseInt(c[2]), Long.parseLong(c[3]), c[4], c.length > 5 ? c[5] : "copy");
                break;
            case "pp-echo":
                pingPongEcho(c[1], Long.parseLong(c[3]), c[4], Long.parseLong(c[5]));
                break;
            case "pp-init":
                pingPongInit(c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]), Integer.parseInt(c[4]), c[5],
                        Long.parseLong(c[6]));
                break;
            case "dx-serve":
                duplexServe(c[1], Long.parseLong(c[3]), c[4], Long.parseLong(c[5]));
                break;
            case "dx-call":
                duplexCall(c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]), Integer.parseInt(c[4]), c[5],
                        Long.parseLong(c[6]));
                break;
            case "sem-echo":
                semaphoreEcho(c[1], Long.parseLong(c[2]));
                break;
            case "sem-init":
                semaphoreInit(c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]));
                break;
            case "probe":
                out.println("done " + io.zerobuffer.linux.posix.NamedSemaphore.isFastPathEnabled());
                break;
            case "copy":
                copy(Integer.parseInt(c[1]), c[2], Long.parseLong(c[3]));
                break;
            default:
                throw new IllegalArgumentException("unknown command " + c[0]);
        }
    }

    static ReaderOptions readerOptions(String wait) {
        return ReaderOptions.defaults().withWaitStrategy(strategy(wait));
    }

    static WriterOptions writerOptions(String wait) {
        return WriterOptions.defaults().withWaitStrategy(strategy(wait)).withAttachTimeout(ATTACH_TIMEOUT)
                .withWriteTimeout(Duration.ofSeconds(30));
    }

    private static WaitStrategy strategy(String wait) {
        switch (wait) {
            case "blocking":
                return WaitStrategy.BLOCKING;
            case "spin":
                return WaitStrategy.SPIN_THEN_BLOCK;
            default:
                throw new IllegalArgumentException("wait strategy " + wait + " (blocking or spin)");
        }
    }

    private void throughputRead(String name, int size, long frames, String wait, long ring) {
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            Reader reader = factory.createReader(name, BufferConfig.of(METADATA, ring), readerOptions(wait));
            out.println("ready");
            long touched = 0;
            long allocated = allocatedBytes();
            for (long i = 0; i < frames; i++) {
                Frame frame = reader.read(FRAME_TIMEOUT);
                if (frame == null) {
                    throw new IllegalStateException("frame " + i + " did not come within " + FRAME_TIMEOUT);
                }
                ByteBuffer data = frame.data();
                touched += data.get(0) + data.get(data.limit() - 1);
                frame.close();
            }
            long end = System.nanoTime();
            allocated = allocatedBytes() - allocated;
            out.println("done " + end + " " + allocated + " " + touched);
        }
    }

    /** Frames per call in the batch write mode. */
    static final int BATCH = 64;

    private void throughputWrite(String name, int size, long frames, String wait, String mode) {
        byte[] source = new byte[size];
        Arrays.fill(source, (byte) 1);
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            Writer writer = factory.attachWriter(name, writerOptions(wait));
            long allocated = allocatedBytes();
            long start = System.nanoTime();
            if (mode.equals("batch")) {
                ByteBuffer[] batch = new ByteBuffer[BATCH];
                for (int k = 0; k < BATCH; k++) {
                    batch[k] = ByteBuffer.wrap(source);
                }
                long i = 0;
                for (; i + BATCH <= frames; i += BATCH) {
                    writer.write(batch, 0, BATCH);
                }
                writer.write(batch, 0, (int) (frames - i));
            } else if (mode.equals("inplace")) {
                for (long i = 0; i < frames; i++) {
                    ByteBuffer slot = writer.acquire(size);
                    slot.put(0, (byte) 1);
                    slot.put(size - 1, (byte) 1);
                    writer.commit();
                }
            } else {
                for (long i = 0; i < frames; i++) {
                    writer.write(source, 0, size);
                }
            }
            allocated = allocatedBytes() - allocated;
            writer.drain(Duration.ofSeconds(30));
            out.println("done " + start + " " + allocated);
        }
    }

    private void pingPongEcho(String name, long total, String wait, long ring) {
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            Reader requests = factory.createReader(name + "-q", BufferConfig.of(METADATA, ring), readerOptions(wait));
            out.println("ready");
            Writer replies = factory.attachWriter(name + "-p", writerOptions(wait));
            for (long i = 0; i < total; i++) {
                Frame request = requests.read(FRAME_TIMEOUT);
                if (request == null) {
                    throw new IllegalStateException("request " + i + " did not come within " + FRAME_TIMEOUT);
                }
                int size = request.size();
                replies.acquire(size).put(0, request.data(), 0, size);
                request.close();
                replies.commit();
            }
            // the initiator closes first; wait for it so that our writer does not outlive its reader's run
            while (replies.isReaderConnected()) {
                sleep(1);
            }
            out.println("done");
        }
    }

    private void pingPongInit(String name, int size, int iterations, int warmUp, String wait, long ring) {
        byte[] source = new byte[size];
        Arrays.fill(source, (byte) 3);
        Latencies latencies = new Latencies(iterations);
        String summary;
        long touched = 0;
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            Reader replies = factory.createReader(name + "-p", BufferConfig.of(METADATA, ring), readerOptions(wait));
            Writer requests = factory.attachWriter(name + "-q", writerOptions(wait));
            for (int i = 0; i < warmUp + iterations; i++) {
                long start = System.nanoTime();
                requests.write(source, 0, size);
                Frame reply = replies.read(FRAME_TIMEOUT);
                if (reply == null) {
                    throw new IllegalStateException("reply " + i + " did not come within " + FRAME_TIMEOUT);
                }
                ByteBuffer data = reply.data();
                touched += data.get(0) + data.get(data.limit() - 1);
                reply.close();
                long elapsed = System.nanoTime() - start;
                if (i >= warmUp) {
                    latencies.add(elapsed);
                }
            }
            summary = latencies.summary();
        }
        out.println("done " + summary + " " + touched);
    }

    private void duplexServe(String name, long total, String wait, long ring) {
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory();
                DuplexServer server = factory.createDuplexServer(name, BufferConfig.of(METADATA, ring), readerOptions(wait),
                        writerOptions(wait))) {
            server.start((request, response) -> {
                int size = request.size();
                response.acquire(size).put(0, request.data(), 0, size);
                response.commit();
            });
            out.println("ready");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            // the client closes first; serve until it has had every response and left
            while ((server.responses() < total || server.isClientConnected() || server.clients() == 0)
                    && System.nanoTime() - deadline < 0) {
                sleep(1);
            }
            if (server.responses() != total || server.handlerErrors() != 0) {
                throw new IllegalStateException("served " + server.responses() + " of " + total + " requests, "
                        + server.handlerErrors() + " handler errors");
            }
        }
        out.println("done");
    }

    private void duplexCall(String name, int size, int iterations, int warmUp, String wait, long ring) {
        byte[] source = new byte[size];
        Arrays.fill(source, (byte) 3);
        ByteBuffer request = ByteBuffer.wrap(source);
        Latencies latencies = new Latencies(iterations);
        String summary;
        long touched = 0;
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory();
                DuplexClient client = factory.createDuplexClient(name, BufferConfig.of(METADATA, ring), writerOptions(wait),
                        readerOptions(wait))) {
            for (int i = 0; i < warmUp + iterations; i++) {
                long start = System.nanoTime();
                long sequence = client.send(request);
                Frame response = client.receive(FRAME_TIMEOUT);
                if (response == null || response.sequence() != sequence) {
                    throw new IllegalStateException("response " + sequence + ": " + (response == null
                            ? "none within " + FRAME_TIMEOUT : "sequence " + response.sequence()));
                }
                ByteBuffer data = response.data();
                touched += data.get(0) + data.get(data.limit() - 1);
                response.close();
                long elapsed = System.nanoTime() - start;
                if (i >= warmUp) {
                    latencies.add(elapsed);
                }
            }
            summary = latencies.summary();
        }
        out.println("done " + summary + " " + touched);
    }

    private void semaphoreEcho(String name, long total) {
        try (RawSemaphore ping = RawSemaphore.create(name + "-a"); RawSemaphore pong = RawSemaphore.create(name + "-b")) {
            out.println("ready");
            for (long i = 0; i < total; i++) {
                ping.await();
                pong.post();
            }
        } finally {
            RawSemaphore.unlink(name + "-a");
            RawSemaphore.unlink(name + "-b");
        }
        out.println("done");
    }

    private void semaphoreInit(String name, int iterations, int warmUp) {
        RawSemaphore ping = RawSemaphore.open(name + "-a");
        RawSemaphore pong = RawSemaphore.open(name + "-b");
        if (ping == null || pong == null) {
            throw new IllegalStateException("semaphores " + name + "-a/-b do not exist");
        }
        Latencies latencies = new Latencies(iterations);
        try {
            for (int i = 0; i < warmUp + iterations; i++) {
                long start = System.nanoTime();
                ping.post();
                pong.await();
                long elapsed = System.nanoTime() - start;
                if (i >= warmUp) {
                    latencies.add(elapsed);
                }
            }
        } finally {
            ping.close();
            pong.close();
        }
        out.println("done " + latencies.summary());
    }

    /**
     * Copies {@code bytes} in blocks of {@code size} with {@link ByteBuffer#put(int, ByteBuffer, int, int)}
     * (the copy the engine's writer and the echo make). {@code hot}: the same source and
     * destination block every time; {@code cold-dst}: a hot source block into a destination
     * walking a 256 MiB region (the writer's case: a ring larger than the caches); {@code cold}:
     * source and destination both walking 256 MiB regions (nothing in cache).
     */
    private void copy(int size, String mode, long bytes) {
        if (coldSource == null) {
            coldSource = ByteBuffer.allocateDirect(COLD_REGION);
            coldTarget = ByteBuffer.allocateDirect(COLD_REGION);
            for (int i = 0; i < COLD_REGION; i += 4096) {
                coldSource.put(i, (byte) i);
                coldTarget.put(i, (byte) i);
            }
        }
        ByteBuffer hotSource = ByteBuffer.allocateDirect(size);
        int blocks = COLD_REGION / size;
        long copies = Math.max(4, bytes / size);
        // one pass untimed, to warm the code and the TLB
        for (int i = 0; i < Math.min(blocks, 64); i++) {
            copyOnce(mode, hotSource, size, i, blocks);
        }
        long start = System.nanoTime();
        for (long i = 0; i < copies; i++) {
            copyOnce(mode, hotSource, size, (int) (i % blocks), blocks);
        }
        long elapsed = System.nanoTime() - start;
        out.println("done " + (long) (copies * (double) size * 1e9 / elapsed));
    }

    private void copyOnce(String mode, ByteBuffer hotSource, int size, int block, int blocks) {
        int offset = block * size;
        switch (mode) {
            case "hot":
                coldTarget.put(0, hotSource, 0, size);
                break;
            case "cold-dst":
                coldTarget.put(offset, hotSource, 0, size);
                break;
            case "cold":
                // source and destination blocks far apart, so neither is in cache from the last lap
                coldTarget.put(offset, coldSource, ((block + blocks / 2) % blocks) * size, size);
                break;
            default:
                throw new IllegalArgumentException("copy mode " + mode);
        }
    }

    /** @return bytes this thread has allocated so far (HotSpot's per-thread TLAB accounting) */
    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean) {
            return ((com.sun.management.ThreadMXBean) threads).getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
