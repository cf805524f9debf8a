package io.zerobuffer.linux;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A seeded campaign of corruptions of a live buffer, run in its own JVM by
 * {@link CorruptionFuzzTest} (a crash then fails the test instead of the build).
 *
 * <p>Each session creates a buffer, attaches a writer, publishes metadata and starts a reader
 * thread and a writer thread (copying writes and in-place acquire/commit, frames of random
 * sizes). A third thread then applies corruptions through a second mapping of
 * {@code /dev/shm/NAME}: OIEB fields (aligned u64, the u32 size, version bytes, unaligned
 * u64s), frame headers (at the reader's position and anywhere in the ring), random ring bytes
 * and the metadata length prefix; values 0, ±1, min/max, 2³¹, 2³², the ring size ±1, unaligned
 * and random. Some sessions first corrupt the metadata fields and call {@code writeMetadata}.
 *
 * <p>Pass: no call takes longer than its timeout + 1 s; every exception is a
 * {@code ZeroBufferException} (or an {@code IllegalStateException} from a call racing
 * {@code close()}); after every trial the bytes the engine may not write while streaming are
 * unchanged: the OIEB outside {@code payload_free_bytes .. payload_read_count} (sizes, metadata
 * fields, pids, a guard pattern in the reserved words) and the whole metadata block; before the
 * first frame the ring is untouched by {@code writeMetadata}. Prints the outcome counts by
 * exception type always, and the seed with every failure. Exit status 0 = pass.
 *
 * <p>Arguments: {@code SEED TRIALS}.
 */
public final class CorruptionFuzz {
    private static final Duration READ_TIMEOUT = Duration.ofMillis(10);
    private static final Duration WRITE_TIMEOUT = Duration.ofMillis(20);
    /** Every call must return within its timeout plus this. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int[] METADATA_SIZES = {0, 64, 256};
    private static final int[] RING_SIZES = {256, 1024, 4096, 65536};
    /** OIEB bytes the engine writes while streaming: free bytes, positions, counts. */
    private static final int STREAMING_FROM = 0x28;
    private static final int STREAMING_TO = 0x50;
    private static final int[] U64_FIELDS = {0x08, 0x10, 0x18, 0x20, 0x28, 0x30, 0x38, 0x40, 0x48, 0x50, 0x58, 0x60};
    private static final byte GUARD = (byte) 0xA5;
    private static final long PROGRESS_EVERY = 10_000;

    private final long seed;
    private final SplittableRandom random;
    private final long trials;
    private final Map<String, AtomicLong> writerOutcomes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> readerOutcomes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> corruptions = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private LinuxZeroBufferFactory factory;
    private long trialsRun;
    private long sessions;
    private long setupNanos;
    private long streamingNanos;
    private long teardownNanos;

    private CorruptionFuzz(long seed, long trials) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.trials = trials;
    }

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        long trials = Long.parseLong(args[1]);
        CorruptionFuzz fuzz = new CorruptionFuzz(seed, trials);
        long start = System.nanoTime();
        boolean passed;
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            passed = fuzz.run(factory);
        }
        fuzz.report(System.nanoTime() - start);
        System.out.flush();
        System.exit(passed ? 0 : 1);
    }

    private boolean run(LinuxZeroBufferFactory factory) throws Exception {
        this.factory = factory;
        while (trialsRun < trials && failures.isEmpty()) {
            long before = trialsRun / PROGRESS_EVERY;
            try {
                session();
                if (trialsRun / PROGRESS_EVERY != before) {
                    System.out.println("fuzz: " + trialsRun + " of " + trials + " trials, " + sessions + " sessions");
                }
            } catch (Exception | Error e) {
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                fail("session threw " + trace);
            }
        }
        return failures.isEmpty();
    }

    private void fail(String what) {
        synchronized (failures) {
            failures.add(what);
        }
        System.out.println("FAILURE (seed " + seed + ", session " + sessions + ", trial " + trialsRun + "): " + what);
    }

    private static void count(Map<String, AtomicLong> counts, String key) {
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    private void session() throws Exception {
        sessions++;
        String name = "zbt-fuzz-" + ProcessHandle.current().pid() + "-" + sessions;
        int metadataSize = METADATA_SIZES[random.nextInt(METADATA_SIZES.length)];
        int ringSize = RING_SIZES[random.nextInt(RING_SIZES.length)];
        long t0 = System.nanoTime();
        Reader reader = factory.createReader(name, BufferConfig.of(metadataSize, ringSize));
        Writer writer = null;
        long t1 = 0;
        try {
            SecondMapping shm = new SecondMapping(name);
            for (int offset = 0x60; offset < 0x80; offset++) {
                shm.memory.put(offset, GUARD);
            }
            int ringOffset = 128 + metadataSize;
            writer = attach(name, shm, ringOffset, ringSize);
            if (writer == null) {
                return;
            }
            if (metadataSize > 0 && random.nextInt(4) == 0 && trialsRun < trials) {
                metadataTrial(shm, writer, reader, ringOffset, ringSize);
            } else if (metadataSize >= 8) {
                byte[] metadata = new byte[random.nextInt(metadataSize - 7)];
                Arrays.fill(metadata, (byte) 0x3C);
                try {
                    writer.writeMetadata(metadata);
                    count(writerOutcomes, "writeMetadata ok");
                } catch (RuntimeException e) {
                    classify(writerOutcomes, "writeMetadata", e, false);
                }
            }
            t1 = System.nanoTime();
            setupNanos += t1 - t0;
            streamingTrials(shm, writer, reader, ringOffset, ringSize);
        } finally {
            long t2 = System.nanoTime();
            streamingNanos += t1 == 0 ? 0 : t2 - t1;
            closeTimed(writer, "writer.close");
            closeTimed(reader, "reader.close");
            teardownNanos += System.nanoTime() - t2;
        }
    }

    /**
     * Attaches the session's writer; in one session of four a corruption comes first. A failed
     * attach must leave every byte as it was, writer_pid included.
     *
     * @return the writer, or null when the attach was refused
     */
    private Writer attach(String name, SecondMapping shm, int ringOffset, int ringSize) {
        boolean corruptFirst = random.nextInt(4) == 0 && trialsRun < trials;
        if (corruptFirst) {
            trialsRun++;
            corrupt(shm, new byte[ringOffset], ringOffset, ringSize);
        }
        byte[] before = shm.bytes(0, ringOffset + ringSize);
        long start = System.nanoTime();
        try {
            Writer writer = factory.attachWriter(name, WriterOptions.defaults().withWriteTimeout(WRITE_TIMEOUT));
            count(writerOutcomes, "attach ok");
            return writer;
        } catch (RuntimeException e) {
            classify(writerOutcomes, "attach", e, false);
            if (!corruptFirst) {
                fail("attach to an intact buffer failed: " + e);
            }
            byte[] after = shm.bytes(0, ringOffset + ringSize);
            for (int i = 0; i < after.length; i++) {
                if (before[i] != after[i]) {
                    fail("a failed attach changed byte " + i + " (" + (i < 128 ? "OIEB 0x" + Integer.toHexString(i)
                            : "after the OIEB") + ")");
                    break;
                }
            }
            return null;
        } finally {
            if (System.nanoTime() - start > GRACE_NANOS) {
                fail("attach took " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms (attach timeout 0)");
            }
        }
    }

    /** Corrupts a metadata field, then writes metadata: nothing may land in the ring or the OIEB's other fields. */
    private void metadataTrial(SecondMapping shm, Writer writer, Reader reader, int ringOffset, int ringSize) {
        trialsRun++;
        int field = new int[] {0x08, 0x10, 0x18, 128}[random.nextInt(4)];
        if (field == 128 || random.nextBoolean()) {
            shm.putLong(field, value(shm.getLong(field), ringSize));
        }
        count(corruptions, "metadata field 0x" + Integer.toHexString(field));
        byte[] before = shm.bytes(0, 128);
        byte[] ringBefore = shm.bytes(ringOffset, ringSize);
        int capacity = Math.max(0, ringOffset - 128 - 8);
        byte[] metadata = new byte[random.nextInt(capacity + 16)];
        Arrays.fill(metadata, (byte) 0x3C);
        try {
            writer.writeMetadata(metadata);
            count(writerOutcomes, "writeMetadata ok");
        } catch (RuntimeException e) {
            classify(writerOutcomes, "writeMetadata", e, false);
        }
        try {
            reader.metadata();
            count(readerOutcomes, "metadata ok");
        } catch (RuntimeException e) {
            classify(readerOutcomes, "metadata", e, false);
        }
        byte[] after = shm.bytes(0, 128);
        for (int i = 0; i < 128; i++) {
            if ((i < 0x10 || i >= 0x20) && before[i] != after[i]) {
                fail("writeMetadata changed OIEB byte 0x" + Integer.toHexString(i));
                return;
            }
        }
        byte[] ring = shm.bytes(ringOffset, ringSize);
        for (int i = 0; i < ring.length; i++) {
            if (ring[i] != ringBefore[i]) {
                fail("writeMetadata wrote ring byte " + i + " (metadata block of " + (ringOffset - 128) + " bytes)");
                return;
            }
        }
    }

    private void streamingTrials(SecondMapping shm, Writer writer, Reader reader, int ringOffset, int ringSize)
            throws InterruptedException {
        Party writing = new Party("writer", WRITE_TIMEOUT, writerOutcomes, seed ^ sessions) {
            private final byte[] frame = new byte[ringSize];

            @Override
            void step(SplittableRandom r) {
                int size = 1 + r.nextInt(Math.max(1, ringSize / 3 - 16));
                if (r.nextBoolean()) {
                    writer.write(frame, 0, size);
                } else {
                    ByteBuffer slot = writer.acquire(size);
                    slot.put(0, (byte) 1);
                    slot.put(size - 1, (byte) 2);
                    writer.commit();
                }
            }
        };
        Party reading = new Party("reader", READ_TIMEOUT, readerOutcomes, ~seed ^ sessions) {
            @Override
            void step(SplittableRandom r) {
                if (r.nextInt(64) == 0) {
                    reader.metadata();
                    reader.status();
                }
                try (Frame frame = reader.read(READ_TIMEOUT)) {
                    if (frame != null) {
                        ByteBuffer data = frame.data();
                        if (frame.size() < 1 || frame.size() > ringSize - 16) {
                            throw new AssertionError("frame of " + frame.size() + " bytes in a ring of " + ringSize);
                        }
                        data.get(0);
                        data.get(frame.size() - 1);
                    }
                }
            }
        };
        writing.start();
        reading.start();
        try {
            byte[] expected = shm.bytes(0, ringOffset);
            int perSession = 1 + random.nextInt(8);
            for (int i = 0; i < perSession && trialsRun < trials && failures.isEmpty(); i++) {
                trialsRun++;
                long writerCalls = writing.calls.get();
                long readerCalls = reading.calls.get();
                Thread.sleep(random.nextInt(3));
                corrupt(shm, expected, ringOffset, ringSize);
                // let each side make two more calls (or run into its timeout) with the corruption in place
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
                while ((writing.calls.get() < writerCalls + 2 || reading.calls.get() < readerCalls + 2)
                        && System.nanoTime() - deadline < 0 && failures.isEmpty()) {
                    checkHang(writing);
                    checkHang(reading);
                    Thread.sleep(1);
                }
                checkGuard(shm, expected);
                if (writing.failedSince(writerCalls) || reading.failedSince(readerCalls)) {
                    break; // a side refuses this buffer now: start a fresh one
                }
            }
        } finally {
            writing.finish();
            reading.finish();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((writing.isAlive() || reading.isAlive()) && System.nanoTime() - deadline < 0) {
                checkHang(writing);
                checkHang(reading);
                Thread.sleep(1);
            }
            if (writing.isAlive() || reading.isAlive()) {
                fail("a party did not stop: " + writing.describe() + "; " + reading.describe());
            }
        }
    }

    /** Applies one corruption; updates {@code expected} where it changes a byte the engine may not write. */
    private void corrupt(SecondMapping shm, byte[] expected, int ringOffset, int ringSize) {
        int kind = random.nextInt(100);
        if (kind < 40) {
            int field = U64_FIELDS[random.nextInt(U64_FIELDS.length)];
            shm.putLong(field, value(shm.getLong(field), ringSize));
            count(corruptions, "OIEB u64 0x" + Integer.toHexString(field));
        } else if (kind < 45) {
            if (random.nextBoolean()) {
                shm.memory.putInt(0, (int) value(128, ringSize));
                count(corruptions, "OIEB oieb_size");
            } else {
                shm.memory.put(4 + random.nextInt(4), (byte) random.nextInt(256));
                count(corruptions, "OIEB version byte");
            }
        } else if (kind < 55) {
            int offset = 1 + random.nextInt(119);
            shm.putLong(offset, value(shm.getLong(offset), ringSize));
            count(corruptions, "OIEB unaligned u64");
        } else if (kind < 70) {
            long readPosition = shm.getLong(0x38);
            int at = readPosition >= 0 && readPosition <= ringSize - 16 ? (int) readPosition : 0;
            int field = random.nextBoolean() ? 0 : 8;
            shm.putLong(ringOffset + at + field, value(shm.getLong(ringOffset + at + field), ringSize));
            count(corruptions, "frame header at read position");
        } else if (kind < 80) {
            int at = random.nextInt(ringSize - 15);
            shm.putLong(ringOffset + at + (random.nextBoolean() ? 0 : 8), value(0, ringSize));
            count(corruptions, "frame header anywhere");
        } else if (kind < 95) {
            int length = 1 + random.nextInt(16);
            int at = random.nextInt(ringSize - length + 1);
            for (int i = 0; i < length; i++) {
                shm.memory.put(ringOffset + at + i, (byte) random.nextInt(256));
            }
            count(corruptions, "random ring bytes");
        } else {
            if (ringOffset - 128 >= 8) {
                shm.putLong(128, value(shm.getLong(128), ringOffset - 136));
            }
            count(corruptions, "metadata length prefix");
        }
        byte[] now = shm.bytes(0, ringOffset);
        for (int i = 0; i < ringOffset; i++) {
            if (i < STREAMING_FROM || i >= STREAMING_TO) {
                expected[i] = now[i];
            }
        }
    }

    /** A value from the interesting set: 0, ±1, min/max, 2^31, 2^32, the ring size ±1, near the current value, unaligned, random. */
    private long value(long current, long ringSize) {
        switch (random.nextInt(16)) {
            case 0: return 0;
            case 1: return 1;
            case 2: return -1;
            case 3: return Long.MIN_VALUE;
            case 4: return Long.MAX_VALUE;
            case 5: return 1L << 31;
            case 6: return (1L << 31) - 1;
            case 7: return 1L << 32;
            case 8: return Integer.MIN_VALUE;
            case 9: return ringSize;
            case 10: return ringSize + 1;
            case 11: return ringSize - 1;
            case 12: return current + 1;
            case 13: return current - 1;
            case 14: return current + 1 + random.nextInt(7) * 8 + random.nextInt(7);
            default: return random.nextLong();
        }
    }

    private void checkGuard(SecondMapping shm, byte[] expected) {
        byte[] now = shm.bytes(0, expected.length);
        for (int i = 0; i < expected.length; i++) {
            if ((i < STREAMING_FROM || i >= STREAMING_TO) && now[i] != expected[i]) {
                fail("byte " + i + " (" + (i < 128 ? "OIEB 0x" + Integer.toHexString(i) : "metadata block") + ") is "
                        + now[i] + ", expected " + expected[i] + ": the engine wrote outside its ring");
                return;
            }
        }
    }

    private void checkHang(Party party) {
        long started = party.callStarted;
        if (started != 0 && System.nanoTime() - started > party.timeoutNanos + GRACE_NANOS) {
            StringBuilder stack = new StringBuilder();
            for (StackTraceElement e : party.getStackTrace()) {
                stack.append("\n    at ").append(e);
            }
            fail(party.getName() + " call hangs: "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms, timeout "
                    + TimeUnit.NANOSECONDS.toMillis(party.timeoutNanos) + " ms" + stack);
            report(0);
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
    }

    private void closeTimed(AutoCloseable closeable, String what) throws Exception {
        if (closeable == null) {
            return;
        }
        long start = System.nanoTime();
        closeable.close();
        long took = System.nanoTime() - start;
        if (took > GRACE_NANOS + TimeUnit.MILLISECONDS.toNanos(100)) {
            fail(what + " took " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
        }
    }

    /**
     * Sorts an exception: a ZeroBufferException is a named outcome; an IllegalStateException
     * only while the party is being closed; anything else fails the campaign.
     */
    private void classify(Map<String, AtomicLong> outcomes, String call, Throwable e, boolean closing) {
        if (e instanceof ZeroBufferException) {
            count(outcomes, e.getClass().getSimpleName());
        } else if (e instanceof IllegalStateException && closing) {
            count(outcomes, "IllegalStateException (closing)");
        } else {
            count(outcomes, "UNEXPECTED " + e.getClass().getName());
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            fail(call + " threw " + trace);
        }
    }

    private void report(long elapsedNanos) {
        System.out.println("fuzz: seed " + seed + ", " + trialsRun + " trials (corruptions) in " + sessions + " sessions, "
                + (elapsedNanos > 0 ? TimeUnit.NANOSECONDS.toMillis(elapsedNanos) + " ms" : "interrupted"));
        System.out.println("fuzz: time in session set-up " + TimeUnit.NANOSECONDS.toMillis(setupNanos) + " ms, streaming "
                + TimeUnit.NANOSECONDS.toMillis(streamingNanos) + " ms, close " + TimeUnit.NANOSECONDS.toMillis(teardownNanos)
                + " ms");
        synchronized (corruptions) {
            System.out.println("fuzz: corruptions " + corruptions);
        }
        System.out.println("fuzz: writer outcomes " + new TreeMap<>(writerOutcomes));
        System.out.println("fuzz: reader outcomes " + new TreeMap<>(readerOutcomes));
        synchronized (failures) {
            System.out.println(failures.isEmpty() ? "fuzz: PASSED" : "fuzz: FAILED with seed " + seed + " (" + failures.size()
                    + " failures; rerun with -Dzerobuffer.fuzz.seed=" + seed + ")");
        }
    }

    /** One side of the stream: calls {@link #step} until stopped, timing each call. */
    private abstract class Party extends Thread {
        final long timeoutNanos;
        final Map<String, AtomicLong> outcomes;
        final AtomicLong calls = new AtomicLong();
        final AtomicLong lastFailedCall = new AtomicLong(-1);
        volatile long callStarted;
        private volatile boolean stopping;
        private final SplittableRandom r;

        Party(String name, Duration timeout, Map<String, AtomicLong> outcomes, long seed) {
            super(name);
            setDaemon(true);
            this.timeoutNanos = timeout.toNanos();
            this.outcomes = outcomes;
            this.r = new SplittableRandom(seed);
        }

        abstract void step(SplittableRandom r);

        @Override
        public void run() {
            while (!stopping) {
                callStarted = System.nanoTime();
                try {
                    step(r);
                    count(outcomes, "ok");
                } catch (RuntimeException | AssertionError e) {
                    classify(outcomes, getName(), e, stopping);
                    lastFailedCall.set(calls.get());
                    // a refused buffer refuses again at once: do not spin on it
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                } finally {
                    callStarted = 0;
                    calls.incrementAndGet();
                }
            }
        }

        /** @return whether the latest call failed and came after {@code since} */
        boolean failedSince(long since) {
            long failed = lastFailedCall.get();
            return failed >= since && failed == calls.get() - 1;
        }

        void finish() {
            stopping = true;
        }

        String describe() {
            return getName() + (isAlive() ? " alive" : " stopped") + ", " + calls.get() + " calls";
        }
    }
}
