package io.zerobuffer.bench;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a writer takes to notice that its reader left, measured over many trials: a reader
 * JVM takes 20 to 119 frames (at random, so that the departure falls anywhere in the writer's
 * 100 ms liveness period) and then either closes its buffer ({@code close}) or is killed with
 * SIGKILL ({@code kill}); the writer in this JVM writes a 64-byte frame every millisecond until
 * it gets {@link ReaderDeadException}. Prints the time from the reader's departure (the
 * moment it starts closing, or the SIGKILL) to the writer's exception: min, median, 90th
 * percentile and max.
 *
 * <pre>java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *     io.zerobuffer.bench.DepartureLatency kill|close [TRIALS]</pre>
 */
public final class DepartureLatency {
    private DepartureLatency() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("reader")) {
            reader(args[1], args[2]);
            return;
        }
        String mode = args[0];
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        long[] micros = new long[trials];
        for (int t = 0; t < trials; t++) {
            micros[t] = trial(mode, "zb-departure-" + ProcessHandle.current().pid() + "-" + t);
            System.err.printf(Locale.ROOT, "trial %d: %.1f ms%n", t, micros[t] / 1000.0);
        }
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "%s: %d trials, reader departure to ReaderDeadException: min %.1f ms, median %.1f ms,"
                + " p90 %.1f ms, max %.1f ms%n", mode, trials, micros[0] / 1000.0, micros[trials / 2] / 1000.0,
                micros[trials * 9 / 10] / 1000.0, micros[trials - 1] / 1000.0);
    }

    private static long trial(String mode, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DepartureLatency.class.getName(), "reader", name, mode));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
        if (!"READY".equals(out.readLine())) {
            throw new IllegalStateException("reader did not start");
        }
        AtomicLong failedAt = new AtomicLong();
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            Writer writer = factory.attachWriter(name, WriterOptions.defaults().withAttachTimeout(Duration.ofSeconds(10)));
            Thread writing = new Thread(() -> {
                byte[] frame = new byte[64];
                try {
                    while (true) {
                        writer.write(frame);
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    }
                } catch (ReaderDeadException e) {
                    failedAt.set(System.nanoTime());
                }
            });
            writing.start();
            long departedAt;
            String line = out.readLine();
            if (mode.equals("kill")) {
                if (!"TAKEN".equals(line)) {
                    throw new IllegalStateException("reader said " + line);
                }
                departedAt = System.nanoTime();
                child.destroyForcibly();
            } else {
                if (line == null || !line.startsWith("CLOSING ")) {
                    throw new IllegalStateException("reader said " + line);
                }
                departedAt = Long.parseLong(line.substring(8));
            }
            writing.join(TimeUnit.SECONDS.toMillis(30));
            child.waitFor(30, TimeUnit.SECONDS);
            writer.close();
            if (failedAt.get() == 0) {
                throw new IllegalStateException("the writer never noticed");
            }
            return TimeUnit.NANOSECONDS.toMicros(failedAt.get() - departedAt);
        }
    }

    /** The reader side: takes 20 to 119 frames, then says so and keeps reading (kill) or closes (close). */
    private static void reader(String name, String mode) throws Exception {
        LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory();
        Reader reader = factory.createReader(name, BufferConfig.of(0, 64 * 1024));
        System.out.println("READY");
        System.out.flush();
        int frames = 20 + java.util.concurrent.ThreadLocalRandom.current().nextInt(100);
        for (int i = 0; i < frames; i++) {
            try (Frame frame = reader.read(Duration.ofSeconds(30))) {
                if (frame == null) {
                    throw new IllegalStateException("no frame");
                }
            }
        }
        if (mode.equals("close")) {
            System.out.println("CLOSING " + System.nanoTime());
            System.out.flush();
            reader.close();
            factory.close();
            return;
        }
        System.out.println("TAKEN");
        System.out.flush();
        while (true) {
            Frame frame = reader.read(Duration.ofSeconds(30));
            if (frame != null) {
                frame.close();
            }
        }
    }
}
