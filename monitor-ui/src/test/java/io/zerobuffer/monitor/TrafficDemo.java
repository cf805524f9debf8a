package io.zerobuffer.monitor;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterDeadException;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Live traffic for screenshots and CPU measurements (not a test): real buffers through the
 * engine, one thread per buffer.
 *
 * <pre>
 * reader NAME:PAYLOAD:DRAIN_MS ...   create readers; every DRAIN_MS read everything waiting
 *                                   (0 = never read: the ring fills up; onceN = read N frames,
 *                                   then nothing; lagN = read only while more than N frames
 *                                   are unread, so the ring stays that full)
 * writer NAME:FRAME:FPS:COUNT ...    attach writers; write FRAME-byte frames at FPS, COUNT of them
 *                                   (-1 = forever), then hold
 * </pre>
 *
 * Prints READY when every buffer is open. SIGTERM closes everything (readers remove their
 * buffers).
 */
public final class TrafficDemo {
    private TrafficDemo() {
    }

    public static void main(String[] args) throws Exception {
        LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                factory.close();
            } catch (RuntimeException ignored) {
                // exiting anyway
            }
        }));
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] spec = args[i].split(":");
            String name = spec[0];
            if (args[0].equals("reader")) {
                Reader reader = factory.createReader(name, BufferConfig.of(4096, Long.parseLong(spec[1])));
                if (spec[2].startsWith("lag")) {
                    int keep = Integer.parseInt(spec[2].substring(3));
                    threads.add(new Thread(() -> lag(reader, keep), "read-" + name));
                } else if (spec[2].startsWith("once")) {
                    int frames = Integer.parseInt(spec[2].substring(4));
                    threads.add(new Thread(() -> readOnce(reader, frames), "read-" + name));
                } else {
                    long drainMs = Long.parseLong(spec[2]);
                    threads.add(new Thread(() -> drain(reader, drainMs), "read-" + name));
                }
            } else {
                Writer writer = factory.attachWriter(name, WriterOptions.defaults()
                        .withAttachTimeout(Duration.ofSeconds(20)).withWriteTimeout(Duration.ofHours(1)));
                writer.writeMetadata(("source=" + name + " width=1920 height=1080 format=I420 fps=" + spec[2]
                        + " pid=" + ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII));
                int frame = Integer.parseInt(spec[1]);
                double fps = Double.parseDouble(spec[2]);
                long count = Long.parseLong(spec[3]);
                threads.add(new Thread(() -> write(writer, frame, fps, count), "write-" + name));
            }
        }
        threads.forEach(Thread::start);
        System.out.println("READY");
        System.out.flush();
        for (Thread t : threads) {
            t.join();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Reads and releases that many frames, then holds (the ring stays as it is). */
    private static void readOnce(Reader reader, int frames) {
        try {
            for (int i = 0; i < frames; i++) {
                try (Frame frame = reader.read(Duration.ofSeconds(60))) {
                    if (frame == null) {
                        return;
                    }
                }
            }
        } catch (RuntimeException end) {
            // closed at exit
        }
    }

    /** Reads one frame whenever more than {@code keep} are unread: a reader that lags behind. */
    private static void lag(Reader reader, int keep) {
        try {
            while (true) {
                if (reader.status().framesInFlight() > keep) {
                    try (Frame frame = reader.read(Duration.ofMillis(100))) {
                        // released at once
                    }
                } else {
                    Thread.sleep(5);
                }
            }
        } catch (InterruptedException | RuntimeException end) {
            // closed at exit
        }
    }

    private static void drain(Reader reader, long drainMs) {
        try {
            while (true) {
                if (drainMs <= 0) {
                    Thread.sleep(1000);
                    continue;
                }
                Thread.sleep(drainMs);
                while (true) {
                    try (Frame frame = reader.read(Duration.ofMillis(1))) {
                        if (frame == null) {
                            break;
                        }
                    } catch (WriterDeadException writerGone) {
                        break;
                    }
                }
            }
        } catch (InterruptedException | RuntimeException end) {
            // closed at exit
        }
    }

    private static void write(Writer writer, int frame, double fps, long count) {
        long period = (long) (1e9 / fps);
        long next = System.nanoTime();
        try {
            for (long i = 0; count < 0 || i < count; i++) {
                ByteBuffer slot = writer.acquire(frame);
                slot.putLong(0, i);
                writer.commit();
                next += period;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else if (wait < -1_000_000_000L) {
                    next = System.nanoTime();
                }
            }
        } catch (RuntimeException end) {
            // closed at exit
        }
    }
}
