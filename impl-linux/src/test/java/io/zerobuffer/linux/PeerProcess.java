package io.zerobuffer.linux;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The other side of a cross-process test: a second JVM on the same classpath, started with
 * {@link #start(String...)}. It prints "READY" once its reader or writer is open, and its
 * result lines after.
 *
 * <p>Modes: {@code write NAME COUNT MAXSIZE} writes COUNT frames of the sequential pattern,
 * frame i of size {@code 1 + (i * 7919) % MAXSIZE}, then closes (without draining);
 * {@code write-and-hold NAME COUNT SIZE} writes COUNT frames then waits to be killed;
 * {@code read-and-hold NAME PAYLOAD} creates a reader and waits to be killed.
 */
public final class PeerProcess {
    private PeerProcess() {
    }

    /** Size of frame i in the variable-size stream. */
    static int variableSize(long frameIndex, int maxSize) {
        return 1 + (int) ((frameIndex * 7919) % maxSize);
    }

    public static void main(String[] args) throws Exception {
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            switch (args[0]) {
                case "write": {
                    Writer writer = factory.attachWriter(args[1], WriterOptions.defaults()
                            .withAttachTimeout(Duration.ofSeconds(10)).withWriteTimeout(Duration.ofSeconds(30)));
                    System.out.println("READY");
                    long count = Long.parseLong(args[2]);
                    int maxSize = Integer.parseInt(args[3]);
                    for (long i = 0; i < count; i++) {
                        int size = variableSize(i, maxSize);
                        TestBuffers.fillSequential(writer.acquire(size), i, size);
                        writer.commit();
                    }
                    writer.close();
                    System.out.println("WROTE " + count);
                    break;
                }
                case "write-and-hold": {
                    Writer writer = factory.attachWriter(args[1], WriterOptions.defaults().withAttachTimeout(Duration.ofSeconds(10)));
                    long count = Long.parseLong(args[2]);
                    byte[] frame = new byte[Integer.parseInt(args[3])];
                    for (long i = 0; i < count; i++) {
                        writer.write(frame);
                    }
                    System.out.println("READY");
                    holdUntilKilled();
                    break;
                }
                case "read-and-hold": {
                    factory.createReader(args[1], BufferConfig.of(1024, Long.parseLong(args[2])));
                    System.out.println("READY");
                    holdUntilKilled();
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        }
    }

    private static void holdUntilKilled() throws InterruptedException {
        Thread.sleep(TimeUnit.MINUTES.toMillis(2));
        System.exit(9);
    }

    /** A running peer JVM. */
    static final class Handle implements AutoCloseable {
        final Process process;
        private final BufferedReader out;
        final List<String> lines = new ArrayList<>();

        Handle(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Waits for a line starting with the prefix; fails with everything the peer said. */
        String awaitLine(String prefix) throws IOException {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new AssertionError("peer ended without printing " + prefix + "; it printed " + lines);
        }

        void kill9() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("peer did not exit within 60 s");
            }
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill9();
            }
        }
    }

    /** Starts a peer JVM on this JVM's classpath; its stderr goes to this one's. */
    static Handle start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PeerProcess.class.getName());
        command.addAll(List.of(args));
        return new Handle(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }
}
