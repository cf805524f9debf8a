package io.zerobuffer.bridge.aeron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.Frame;
import io.zerobuffer.api.MetadataAlreadyWrittenException;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterDeadException;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferException;
import io.zerobuffer.api.ZeroBufferFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongToIntFunction;


/** The original writer and the far reader of the bridge tests, each on a thread of the test JVM. */
final class Peers {
    private Peers() {
    }

    /** What {@link #dropWholeFrames} saw: frames delivered, and frames missing between the first and the last delivered. */
    record DropOutcome(long delivered, long missingInside) {
    }

    /**
     * The drop-mode scenario: 400 frames of 64 KiB written as fast as the bridge takes them while
     * the far reader sleeps 6 ms per frame, so the send end drops. Asserts that the writer saw no
     * error, that every delivered frame is intact and in order, that every frame was either
     * delivered or counted as dropped, and that the receive end's gap count equals the frames
     * missing between delivered ones. Stops both ends.
     *
     * @param label names the scenario in the printed line
     */
    static DropOutcome dropWholeFrames(String label, ZeroBufferFactory zb, String near, Reader farReader,
            BridgeProcess send, BridgeProcess receive) throws Exception {
        FarReader reader = new FarReader(farReader, 6);
        reader.start();
        send.awaitLog("receiver connected", 1, Duration.ofSeconds(60));
        int count = 400;
        NearWriter writer = new NearWriter(zb, near, count, i -> 64 * 1024, 2, false);
        writer.start();
        writer.join(90_000);
        assertEquals(List.of(), writer.errors);
        long deadline = System.currentTimeMillis() + 60_000;
        while (reader.idleMillis() < 3000 && System.currentTimeMillis() < deadline) {
            BridgeProcess.sleep(50);
        }
        reader.halt();
        long[] sent = send.stop();
        long[] received = receive.stop();
        assertEquals(List.of(), reader.errors, "every byte of every delivered frame as written");
        List<Long> indices = reader.indices;
        for (int i = 1; i < indices.size(); i++) {
            assertTrue(indices.get(i) > indices.get(i - 1), "frame " + indices.get(i) + " after " + indices.get(i - 1));
        }
        long delivered = indices.size();
        long missingInside = indices.get(indices.size() - 1) - indices.get(0) + 1 - delivered;
        System.out.printf("%s: %d written, %d delivered, %d dropped by the sender, %d gaps seen by the receiver,"
                + " %d missing inside the stream%n", label, count, delivered, sent[2], received[3], missingInside);
        assertTrue(sent[2] > 0, "frames were dropped");
        assertEquals(count, delivered + sent[2], "every frame was either delivered or counted as dropped");
        assertEquals(missingInside, received[3], "the receiver's gap count equals the frames missing");
        return new DropOutcome(delivered, missingInside);
    }

    static String uniqueName(String what) {
        return "zbt-bridge-" + what + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }

    /** Writes indexed-pattern frames 0..count-1 into the send bridge's buffer; re-attaches after a reader loss if asked. */
    static final class NearWriter extends Thread {
        final AtomicLong written = new AtomicLong();
        final List<Long> readerLostAt = new CopyOnWriteArrayList<>();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        private final ZeroBufferFactory factory;
        private final String name;
        private final long count;
        private final LongToIntFunction size;
        private final long delayMillis;
        private final boolean reattach;
        private volatile boolean stop;

        NearWriter(ZeroBufferFactory factory, String name, long count, LongToIntFunction size, long delayMillis,
                boolean reattach) {
            super("near-writer-" + name);
            this.factory = factory;
            this.name = name;
            this.count = count;
            this.size = size;
            this.delayMillis = delayMillis;
            this.reattach = reattach;
            setDaemon(true);
        }

        @Override
        public void run() {
            long index = 0;
            while (!stop && index < count) {
                Writer writer;
                try {
                    writer = factory.attachWriter(name, WriterOptions.defaults()
                            .withAttachTimeout(Duration.ofSeconds(60)).withWriteTimeout(Duration.ofSeconds(60)));
                } catch (ReaderDeadException e) {
                    // the buffer is still there but its reader (the send bridge) is gone; a
                    // re-attaching writer waits for the restarted bridge to create it anew
                    if (!reattach) {
                        errors.add(e);
                        return;
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    continue;
                } catch (ZeroBufferException e) {
                    errors.add(e);
                    return;
                }
                try {
                    try {
                        writer.writeMetadata("bridge-test".getBytes(StandardCharsets.US_ASCII));
                    } catch (MetadataAlreadyWrittenException ignored) {
                        // a buffer that outlived its writer
                    }
                    while (!stop && index < count) {
                        int bytes = size.applyAsInt(index);
                        ByteBuffer slot = writer.acquire(bytes);
                        IndexedPattern.fill(slot, index, bytes);
                        writer.commit();
                        index++;
                        written.set(index);
                        if (delayMillis > 0) {
                            Thread.sleep(delayMillis);
                        }
                    }
                    writer.close();
                    return;
                } catch (ReaderDeadException e) {
                    readerLostAt.add(System.currentTimeMillis());
                    writer.close();
                    if (!reattach) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    errors.add(e);
                    writer.close();
                    return;
                }
            }
        }

        void halt() throws InterruptedException {
            stop = true;
            join(30_000);
        }
    }

    /** Reads and checks every frame of the far buffer, noting each end of stream (and when). */
    static final class FarReader extends Thread {
        final List<Long> indices = new CopyOnWriteArrayList<>();
        final List<Long> endsAt = new CopyOnWriteArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        final AtomicLong bytes = new AtomicLong();
        private final Reader reader;
        private final long readDelayMillis;
        private volatile boolean stop;
        private volatile long lastFrameAt = System.currentTimeMillis();

        FarReader(Reader reader, long readDelayMillis) {
            super("far-reader-" + reader.name());
            this.reader = reader;
            this.readDelayMillis = readDelayMillis;
            setDaemon(true);
        }

        @Override
        public void run() {
            boolean ended = false;
            while (!stop) {
                try {
                    try (Frame frame = reader.read(Duration.ofMillis(100))) {
                        if (frame == null) {
                            continue;
                        }
                        ended = false;
                        ByteBuffer data = frame.data();
                        if (data.limit() < 8) {
                            errors.add("frame of " + data.limit() + " B");
                            continue;
                        }
                        long index = IndexedPattern.index(data);
                        int bad = IndexedPattern.firstMismatch(data, index);
                        if (bad >= 0) {
                            errors.add("frame " + index + ": byte " + bad + " is wrong");
                        }
                        indices.add(index);
                        bytes.addAndGet(data.limit());
                        lastFrameAt = System.currentTimeMillis();
                    }
                    if (readDelayMillis > 0) {
                        Thread.sleep(readDelayMillis);
                    }
                } catch (WriterDeadException e) {
                    if (!ended) {
                        endsAt.add(System.currentTimeMillis());
                        ended = true;
                    }
                    BridgeProcess.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    errors.add(e.toString());
                    BridgeProcess.sleep(20);
                }
            }
        }

        long idleMillis() {
            return System.currentTimeMillis() - lastFrameAt;
        }

        void awaitFrames(long atLeast, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (indices.size() < atLeast) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("far reader got " + indices.size() + " frames, expected at least "
                            + atLeast + " within " + timeout + "; errors " + errors);
                }
                BridgeProcess.sleep(10);
            }
        }

        void halt() throws InterruptedException {
            stop = true;
            join(30_000);
        }
    }
}
