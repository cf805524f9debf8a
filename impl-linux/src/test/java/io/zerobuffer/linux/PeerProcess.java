package io.zerobuffer.linux;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.EndOfStreamException;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The other side of a cross-process test: a second JVM on the same classpath, started with
 * {@code Peer.start(PeerProcess.class, ...)}. It prints "READY" once its reader or writer is open, and its
 * result lines after.
 *
 * <p>Modes: {@code write NAME COUNT MAXSIZE} writes COUNT frames of the sequential pattern,
 * frame i of size {@code 1 + (i * 7919) % MAXSIZE}, then closes (without draining);
 * {@code write-and-hold NAME COUNT SIZE} writes COUNT frames then waits to be killed;
 * {@code read-and-hold NAME PAYLOAD} creates a reader and waits to be killed;
 * {@code read-all NAME PAYLOAD} creates a reader, reads and releases frames until its writer
 * detaches, prints {@code READ n} and closes.
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
                case "read-all": {
                    Reader reader = factory.createReader(args[1], BufferConfig.of(0, Long.parseLong(args[2])));
                    System.out.println("READY");
                    long frames = 0;
                    try {
                        while (true) {
                            Frame frame = reader.read(Duration.ofSeconds(60));
                            if (frame == null) {
                                throw new IllegalStateException("no frame within 60 s after " + frames);
                            }
                            frame.close();
                            frames++;
                        }
                    } catch (EndOfStreamException end) {
                        System.out.println("READ " + frames);
                    }
                    reader.close();
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
}
