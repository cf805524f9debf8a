package io.zerobuffer.monitor;

import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM for the monitor's tests, started with {@code Peer.start(MonitorPeer.class, ...)}: {@code write-and-hold NAME COUNT SIZE} attaches a writer
 * with the real engine, writes COUNT frames of SIZE bytes, prints READY and waits to be killed;
 * {@code read-forever NAME PAYLOAD} creates the buffer and reads whatever comes.
 */
public final class MonitorPeer {
    private MonitorPeer() {
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
}
