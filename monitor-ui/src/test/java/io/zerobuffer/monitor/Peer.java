package io.zerobuffer.monitor;

import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM for the monitor's tests: {@code write-and-hold NAME COUNT SIZE} attaches a writer
 * with the real engine, writes COUNT frames of SIZE bytes, prints READY and waits to be killed;
 * {@code read-forever NAME PAYLOAD} creates the buffer and reads whatever comes.
 */
public final class Peer {
    private Peer() {
    }

    public static void main(String[] args) throws Exception {
        if ("read-forever".equals(args[0])) {
            readForever(args[1], Long.parseLong(args[2]));
            return;
        }
        if (!"write-and-hold".equals(args[0])) {
            throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            var writer = factory.attachWriter(args[1], WriterOptions.defaults().withAttachTimeout(Duration.ofSeconds(10)));
            writer.writeMetadata("peer=write-and-hold".getBytes(StandardCharsets.US_ASCII));
            long count = Long.parseLong(args[2]);
            byte[] frame = new byte[Integer.parseInt(args[3])];
            for (long i = 0; i < count; i++) {
                writer.write(frame);
            }
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(2));
            System.exit(9);
        }
    }

    /** Creates the buffer, prints READY, and reads every frame until killed. */
    private static void readForever(String name, long payloadSize) throws Exception {
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            var reader = factory.createReader(name, io.zerobuffer.api.BufferConfig.of(0, payloadSize));
            System.out.println("READY");
            System.out.flush();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline) {
                try (var frame = reader.read(Duration.ofMillis(100))) {
                    // consumed
                } catch (io.zerobuffer.api.WriterDeadException e) {
                    // the test's writer left: wait for the next one
                }
            }
            System.exit(9);
        }
    }

    static String uniqueName(String test) {
        return "zbt-mon-" + test + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }

    /** A running peer JVM. */
    public static final class Handle implements AutoCloseable {
        public final Process process;
        private final BufferedReader out;
        private final List<String> lines = new ArrayList<>();

        Handle(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Waits for a line starting with the prefix; fails with everything the peer said. */
        public void awaitLine(String prefix) throws IOException {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith(prefix)) {
                    return;
                }
            }
            throw new AssertionError("peer ended without printing " + prefix + "; it printed " + lines);
        }

        /** Sends a signal with kill(1), e.g. "STOP" or "CONT". */
        public void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
            }
            if ("STOP".equals(name) || "CONT".equals(name)) {
                // a signal is delivered asynchronously: wait until /proc shows the process stopped
                // (state T) or running again, so that what the test does next happens after it
                boolean stop = "STOP".equals(name);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (isStopped() != stop) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new AssertionError("process " + process.pid() + " did not " + (stop ? "stop" : "continue")
                                + " within 10 s of kill -" + name);
                    }
                    Thread.sleep(5);
                }
            }
        }

        /** @return whether /proc/PID/stat shows the process stopped (state T) */
        private boolean isStopped() throws IOException {
            String stat;
            try (InputStream in = Files.newInputStream(Path.of("/proc", Long.toString(process.pid()), "stat"))) {
                stat = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
        }

        /** kill -9, and reap it so that it is not a zombie. */
        public void kill9() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill9();
            }
        }
    }

    /** Starts a peer JVM on this JVM's classpath; its stderr goes to this one's. */
    public static Handle start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Peer.class.getName());
        command.addAll(List.of(args));
        return new Handle(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }
}
