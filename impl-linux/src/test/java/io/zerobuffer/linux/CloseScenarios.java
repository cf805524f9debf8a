package io.zerobuffer.linux;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.linux.posix.SharedMemory;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Close-safety scenarios, each run in a child JVM by {@link CloseSafetyTest} so that a fault
 * fails the test instead of killing the build. It prints {@code DONE ...} and exits 0 when every
 * access after {@code close()} either threw or read bytes; a JVM crash exits 134 or 139.
 *
 * <p>Modes: {@code race RUNS} (a worker loops {@code getLong} over a frame view while the main
 * thread closes writer and reader), {@code derived} (duplicates, slices and long views of a frame
 * view, of {@code metadata()} and of an {@code acquire()} slot, used after close, then again after
 * the reader and writer became unreachable and the GC ran), {@code calls RUNS} (a writer thread
 * and a reader thread stream frames, each the owner of its side's calls, and a third thread asks
 * for status, while the main thread closes both: every call in flight finishes or throws, none
 * faults, and every call after close throws).
 */
public final class CloseScenarios {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int FRAME = 4096;

    private CloseScenarios() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "race":
                race(Integer.parseInt(args[1]));
                break;
            case "derived":
                derived();
                break;
            case "calls":
                calls(Integer.parseInt(args[1]));
                break;
            default:
                throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /**
     * Frame calls in flight on their owner threads, and status calls on another, while the main
     * thread closes the writer and the reader: the close waits for the calls inside, a call that
     * comes after it throws {@link IllegalStateException} (or a named end of the stream), nothing
     * faults, and nothing is left behind.
     */
    private static void calls(int runs) throws Exception {
        long faults = 0;
        long frames = 0;
        byte[] payload = new byte[256];
        for (int run = 0; run < runs; run++) {
            String name = BufferNames.unique("calls");
            LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory();
            Reader reader = factory.createReader(name, BufferConfig.of(0, 16 * 1024));
            Writer writer = factory.attachWriter(name, WriterOptions.defaults().withAttachTimeout(WAIT));
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong read = new AtomicLong();
            CountDownLatch running = new CountDownLatch(3);
            Thread writing = new Thread(() -> {
                running.countDown();
                try {
                    while (true) {
                        writer.write(payload);
                    }
                } catch (IllegalStateException | io.zerobuffer.api.ZeroBufferException ended) {
                    // closed under it, or the reader went: both are allowed ends
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "calls-writer");
            Thread reading = new Thread(() -> {
                running.countDown();
                try {
                    while (true) {
                        Frame frame = reader.read(WAIT);
                        if (frame != null) {
                            frame.data().get(0);
                            frame.close();
                            read.incrementAndGet();
                        }
                    }
                } catch (IllegalStateException | io.zerobuffer.api.ZeroBufferException ended) {
                    // closed under it, or the writer went
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "calls-reader");
            Thread asking = new Thread(() -> {
                running.countDown();
                try {
                    while (true) {
                        writer.status();
                        reader.status();
                        writer.framesConsumed();
                    }
                } catch (IllegalStateException | io.zerobuffer.api.ZeroBufferException ended) {
                    // closed under it
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "calls-status");
            writing.start();
            reading.start();
            asking.start();
            running.await();
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(300 + (run % 11) * 150));
            if ((run & 1) == 0) {
                writer.close();
                reader.close();
            } else {
                reader.close();
                writer.close();
            }
            for (Thread thread : new Thread[] {writing, reading, asking}) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
                if (thread.isAlive()) {
                    throw new AssertionError("run " + run + ": " + thread.getName() + " did not finish");
                }
            }
            try {
                writer.write(payload);
                failure.compareAndSet(null, new AssertionError("a write after close did not throw"));
            } catch (IllegalStateException expected) {
                // closed
            }
            try {
                reader.read(Duration.ZERO);
                failure.compareAndSet(null, new AssertionError("a read after close did not throw"));
            } catch (IllegalStateException expected) {
                // closed
            }
            Throwable t = failure.get();
            if (t != null) {
                faults++;
                System.out.println("FAULT run " + run + ": " + t);
            }
            frames += read.get();
            factory.close();
            Leftovers.assertNone(name);
        }
        System.out.println("DONE calls runs=" + runs + " faults=" + faults + " frames=" + frames);
        if (faults != 0) {
            System.exit(1);
        }
    }

    /** A worker reading a frame view in a tight loop while the main thread closes everything. */
    private static void race(int runs) throws Exception {
        long faults = 0;
        long threw = 0;
        long readAfterClose = 0;
        byte[] payload = new byte[FRAME];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i + 1);
        }
        for (int run = 0; run < runs; run++) {
            String name = BufferNames.unique("race");
            LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory();
            Reader reader = factory.createReader(name, BufferConfig.of(1024, 64 * 1024));
            Writer writer = factory.attachWriter(name, WriterOptions.defaults().withAttachTimeout(WAIT));
            writer.writeMetadata(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            writer.write(payload);
            Frame frame = reader.read(WAIT);
            ByteBuffer data = frame.data();
            CountDownLatch started = new CountDownLatch(1);
            AtomicLong closedAt = new AtomicLong();
            AtomicLong readsAfter = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread worker = new Thread(() -> {
                long sum = 0;
                try {
                    started.countDown();
                    while (true) {
                        for (int j = 0; j < 1024; j++) {
                            sum += data.getLong((j * 8) & (FRAME - 8));
                        }
                        if (closedAt.get() != 0) {
                            if (readsAfter.incrementAndGet() > 64) {
                                break;
                            }
                        }
                    }
                } catch (IndexOutOfBoundsException | IllegalStateException expected) {
                    // the view was emptied: an exception is an allowed outcome
                    readsAfter.set(-1);
                } catch (Throwable t) {
                    failure.set(t);
                }
                if (sum == 42) {
                    System.out.print("");
                }
            }, "close-race-reader");
            worker.start();
            started.await();
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200 + (run % 7) * 100));
            writer.close();
            reader.close();
            closedAt.set(System.nanoTime());
            worker.join(TimeUnit.SECONDS.toMillis(30));
            if (worker.isAlive()) {
                throw new AssertionError("run " + run + ": the worker did not finish");
            }
            Throwable t = failure.get();
            if (t != null) {
                faults++;
                System.out.println("FAULT run " + run + ": " + t);
            } else if (readsAfter.get() < 0) {
                threw++;
            } else {
                readAfterClose++;
            }
            factory.close();
            Leftovers.assertNone(name);
        }
        System.out.println("DONE race runs=" + runs + " faults=" + faults + " threw=" + threw
                + " readAfterClose=" + readAfterClose);
        System.exit(faults == 0 ? 0 : 3);
    }

    /** Views derived from everything the engine hands out, used after close and after GC. */
    private static void derived() throws Exception {
        String name = BufferNames.unique("derived");
        List<ByteBuffer> views = new ArrayList<>();
        List<LongBuffer> longViews = new ArrayList<>();
        openUseAndClose(name, views, longViews);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
        }
        long sum = touchAll(views, longViews);
        System.out.println("AFTER-GC sum=" + sum);
        Leftovers.assertNone(name);
        int count = views.size() + longViews.size();
        int lingering = SharedMemory.lingeringMappings();
        if (lingering == 0) {
            throw new AssertionError("the closed mappings were unmapped while views of them were reachable");
        }
        views.clear();
        longViews.clear();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (SharedMemory.lingeringMappings() > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        int left = SharedMemory.lingeringMappings();
        if (left != 0) {
            throw new AssertionError(left + " closed mappings still mapped after their views became unreachable");
        }
        System.out.println("DONE derived views=" + count + " lingering before GC " + lingering);
        System.exit(0);
    }

    /** Everything a reader and writer hand out, with views derived from it; closes both. */
    private static void openUseAndClose(String name, List<ByteBuffer> views, List<LongBuffer> longViews) {
        LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory();
        Reader reader = factory.createReader(name, BufferConfig.of(1024, 64 * 1024));
        Writer writer = factory.attachWriter(name, WriterOptions.defaults().withAttachTimeout(WAIT));
        ByteBuffer metadataSlot = writer.acquireMetadata(64);
        views.add(metadataSlot.duplicate());
        writer.commitMetadata();
        ByteBuffer metadata = reader.metadata();
        views.add(metadata.duplicate());
        views.add(metadata.slice(8, 16));
        longViews.add(metadata.asLongBuffer());
        writer.write(new byte[FRAME]);
        Frame frame = reader.read(WAIT);
        ByteBuffer data = frame.data();
        views.add(data.duplicate());
        views.add(data.slice(100, 200));
        views.add(data.asReadOnlyBuffer());
        longViews.add(data.asLongBuffer());
        ByteBuffer slot = writer.acquire(FRAME);
        views.add(slot.duplicate());
        views.add(slot.slice(16, 64));
        longViews.add(slot.asLongBuffer());
        writer.close();
        reader.close();
        long sum = touchAll(views, longViews);
        System.out.println("AFTER-CLOSE sum=" + sum);
        factory.close();
    }

    /** Reads every view, writes the writable ones; returns a sum so nothing is optimised away. */
    private static long touchAll(List<ByteBuffer> views, List<LongBuffer> longViews) {
        long sum = 0;
        for (int round = 0; round < 20_000; round++) {
            for (ByteBuffer view : views) {
                for (int i = 0; i + 8 <= view.capacity(); i += 8) {
                    sum += view.getLong(i);
                }
                if (!view.isReadOnly() && view.capacity() >= 8) {
                    view.putLong(0, round);
                }
            }
            for (LongBuffer view : longViews) {
                for (int i = 0; i < view.capacity(); i++) {
                    sum += view.get(i);
                }
            }
        }
        return sum;
    }
}
