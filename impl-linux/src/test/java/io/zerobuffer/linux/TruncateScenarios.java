package io.zerobuffer.linux;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferCorruptedException;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferException;
import io.zerobuffer.testsupport.BufferNames;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Another process truncates {@code /dev/shm/NAME} under a mapped reader or writer; run in a child
 * JVM by {@link TruncationTest} so that a fault fails the test instead of killing the build.
 *
 * <p>Arguments: {@code CASE SIZE TEMPERATURE TRIALS}. CASE {@code reader}: the reader is blocked
 * in {@code read} (no frame coming) when the file is cut; {@code writer}: the writer is streaming
 * 8 KiB frames to a reader thread when it is cut. SIZE: the new file size (0, or 4096 = one page:
 * the OIEB survives, the ring does not). TEMPERATURE {@code cold}: the trial is the JVM's first
 * use of the engine (one trial); {@code warm}: 20,000 frames go through first, then TRIALS
 * trials on fresh buffers in the same JVM.
 *
 * <p>For each trial it prints {@code OUTCOME case size temperature primary=TYPE ms=N
 * other=TYPE} where primary is the blocked or streaming party's outcome and other the peer's, then
 * closes both (which must not fault). Exit 0 when every trial ended; a JVM crash exits non-zero.
 */
public final class TruncateScenarios {
    private static final int FRAME = 8192;
    private static final long CALL_TIMEOUT_MS = 3000;

    private TruncateScenarios() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        long size = Long.parseLong(args[1]);
        boolean warm = args[2].equals("warm");
        int trials = Integer.parseInt(args[3]);
        if (warm) {
            warmUp();
        }
        for (int trial = 0; trial < trials; trial++) {
            String name = BufferNames.unique("trunc");
            try {
                String outcome = kind.equals("reader") ? blockedReader(name, size) : streamingWriter(name, size);
                System.out.println("OUTCOME " + kind + " " + size + " " + args[2] + " " + outcome);
            } finally {
                TestBuffers.removeRaw(name);
            }
        }
        System.out.println("DONE");
        System.exit(0);
    }

    /** Enough frames through reader and writer for the JIT to compile their paths. */
    private static void warmUp() throws Exception {
        String name = BufferNames.unique("trunc-warm");
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory(false)) {
            Reader reader = factory.createReader(name, BufferConfig.of(1024, 256 * 1024));
            Writer writer = factory.attachWriter(name, WriterOptions.defaults());
            byte[] frame = new byte[FRAME];
            for (int i = 0; i < 20_000; i++) {
                writer.write(frame, 0, 1 + (i * 7919) % FRAME);
                try (Frame f = reader.read(Duration.ofSeconds(5))) {
                    f.data().get(f.size() - 1);
                }
            }
            writer.close();
            reader.close();
        }
    }

    /** The reader waits in read() when the file is cut to SIZE. */
    private static String blockedReader(String name, long size) throws Exception {
        LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory(false);
        Reader reader = factory.createReader(name, BufferConfig.of(1024, 256 * 1024));
        Writer writer = factory.attachWriter(name, WriterOptions.defaults().withWriteTimeout(Duration.ofMillis(CALL_TIMEOUT_MS)));
        long[] cutAt = new long[1];
        Thread cutter = cutLater(name, size, 150, cutAt);
        String primary = outcome(() -> reader.read(Duration.ofMillis(CALL_TIMEOUT_MS)));
        long end = System.nanoTime();
        cutter.join();
        long ms = TimeUnit.NANOSECONDS.toMillis(end - cutAt[0]);
        String other = outcome(() -> {
            writer.write(new byte[FRAME]);
            return null;
        });
        String again = outcome(() -> reader.read(Duration.ofMillis(200)));
        writer.close();
        reader.close();
        factory.close();
        return "primary=" + primary + " ms=" + ms + " other=" + other + " again=" + again;
    }

    /** The writer streams to a reader thread when the file is cut to SIZE. */
    private static String streamingWriter(String name, long size) throws Exception {
        LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory(false);
        Reader reader = factory.createReader(name, BufferConfig.of(1024, 256 * 1024));
        Writer writer = factory.attachWriter(name, WriterOptions.defaults().withWriteTimeout(Duration.ofMillis(CALL_TIMEOUT_MS)));
        AtomicReference<String> readerOutcome = new AtomicReference<>("none");
        Thread consumer = new Thread(() -> readerOutcome.set(outcome(() -> {
            while (true) {
                try (Frame f = reader.read(Duration.ofMillis(CALL_TIMEOUT_MS))) {
                    if (f == null) {
                        return null;
                    }
                    f.data().getLong(0);
                }
            }
        })), "consumer");
        consumer.start();
        byte[] frame = new byte[FRAME];
        long[] cutAt = new long[1];
        Thread cutter = cutLater(name, size, 150, cutAt);
        String primary = outcome(() -> {
            while (true) {
                writer.write(frame);
            }
        });
        long end = System.nanoTime();
        cutter.join();
        long ms = TimeUnit.NANOSECONDS.toMillis(end - cutAt[0]);
        consumer.join(TimeUnit.SECONDS.toMillis(10));
        String again = outcome(() -> {
            writer.write(frame);
            return null;
        });
        writer.close();
        reader.close();
        factory.close();
        return "primary=" + primary + " ms=" + ms + " other=" + readerOutcome.get() + " again=" + again;
    }

    private static volatile byte[][] probe;
    private static int probeLength;

    private interface Call {
        Object run() throws Exception;
    }

    /** @return the type of what the call threw ({@code returned:null} if it returned) */
    private static String outcome(Call call) {
        try {
            Object result = call.run();
            // a call into the VM runtime (an allocation beyond the thread's buffer): a fault the JVM
            // holds for this thread from the call's compiled code is reported here, attributed to
            // the call, not later in unrelated code
            probe = new byte[probeLength][probeLength];
            return result == null ? "returned:null" : "returned";
        } catch (BufferCorruptedException e) {
            System.out.println("  corrupted: " + e.getMessage());
            if (Boolean.getBoolean("zerobuffer.test.trace")) {
                e.printStackTrace(System.out);
            }
            return "BufferCorruptedException";
        } catch (ZeroBufferException | IllegalStateException e) {
            return e.getClass().getSimpleName();
        } catch (Throwable e) {
            System.out.println("  unexpected: " + e);
            if (Boolean.getBoolean("zerobuffer.test.trace")) {
                e.printStackTrace(System.out);
            }
            return e.getClass().getSimpleName();
        }
    }

    /** Cuts the file with truncate(1), another process, after the delay. */
    private static Thread cutLater(String name, long size, long delayMs, long[] cutAt) {
        Thread cutter = new Thread(() -> {
            try {
                Thread.sleep(delayMs);
                Process truncate = new ProcessBuilder("truncate", "-s", Long.toString(size), "/dev/shm/" + name)
                        .inheritIO().start();
                if (truncate.waitFor() != 0) {
                    System.out.println("  truncate failed");
                }
                cutAt[0] = System.nanoTime();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "cutter");
        cutter.start();
        return cutter;
    }
}
