package io.zerobuffer.serve.steps;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.FrameTooLargeException;
import io.zerobuffer.api.IncompatibleBufferException;
import io.zerobuffer.api.InvalidFrameSizeException;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.api.Writer;
import io.zerobuffer.linux.layout.FrameHeaderDescriptor;
import io.zerobuffer.linux.layout.OiebDescriptor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;

/**
 * Feature 05, corruption detection: a damaged header or frame, a reader that dies mid-write,
 * the wrap marker, the free-space rules, the largest frame. The damage is done through a plain
 * mapping of the shared memory, not through the api.
 */
public final class CorruptionSteps {
    private static final Map<String, Integer> OIEB_FIELDS = Map.ofEntries(
            Map.entry("operation_size", OiebDescriptor.OIEB_SIZE_OFFSET),
            Map.entry("oieb_size", OiebDescriptor.OIEB_SIZE_OFFSET),
            Map.entry("metadata_size", OiebDescriptor.METADATA_SIZE_OFFSET),
            Map.entry("payload_size", OiebDescriptor.PAYLOAD_SIZE_OFFSET),
            Map.entry("payload_free_bytes", OiebDescriptor.PAYLOAD_FREE_BYTES_OFFSET),
            Map.entry("payload_write_pos", OiebDescriptor.PAYLOAD_WRITE_POS_OFFSET),
            Map.entry("payload_read_pos", OiebDescriptor.PAYLOAD_READ_POS_OFFSET));

    private final World world;
    private ByteBuffer started;
    private BufferStatus beforeWrap;
    private Background pendingWrite;
    private int pendingSize;
    private String pendingPattern;
    private long markerPosition = -1;
    private final StringBuilder freeSpaceReport = new StringBuilder();
    private int freeSpaceMismatches = -1;

    /** @param world the scenario state */
    public CorruptionSteps(World world) {
        this.world = world;
    }

    /** @param field the OIEB field to damage */
    @When("the test corrupts OIEB field '{string}' to wrong value")
    public void corruptOieb(String field) {
        Integer offset = OIEB_FIELDS.get(field);
        StepFailure.expect(offset != null, "expected an OIEB field among " + OIEB_FIELDS.keySet() + ", saw '" + field + "'");
        try (Mapped m = Mapped.open(world.name(world.currentBuffer()))) {
            if (offset == OiebDescriptor.OIEB_SIZE_OFFSET) {
                m.segment.putInt(offset, 64);
            } else {
                m.segment.putLong(offset, Long.MAX_VALUE);
            }
        }
        world.log(2, "OIEB field " + field + " damaged");
    }

    /** Checks that attaching was refused because of the header. */
    @Then("the connection should fail with invalid OIEB error")
    public void invalidOieb() {
        world.expectLastError(IncompatibleBufferException.class, "attach to a damaged OIEB");
    }

    /**
     * Damages the header of the next frame the reader will read.
     *
     * @param field payload_size or sequence_number
     * @param value the value written
     */
    @When("the test corrupts frame header '{string}' to '{long}'")
    public void corruptHeader(String field, long value) {
        int at = switch (field) {
            case "payload_size" -> FrameHeaderDescriptor.PAYLOAD_SIZE_OFFSET;
            case "sequence_number", "sequence" -> FrameHeaderDescriptor.SEQUENCE_OFFSET;
            default -> throw new StepFailure("expected payload_size or sequence_number, saw '" + field + "'");
        };
        try (Mapped m = Mapped.open(world.name(world.currentBuffer()))) {
            int header = m.ringOffset() + (int) m.oieb.readPosition();
            m.segment.putLong(header + at, value);
        }
    }

    /**
     * Reads frames until one fails or none is left, keeping the failure.
     *
     * @param process the role
     */
    @When("the '{word}' process attempts to read frame")
    public void attemptRead(String process) {
        world.releaseHeldFrame();
        world.lastError(null);
        try {
            for (int i = 0; i < 1000; i++) {
                Frame f = world.reader().read(i == 0 ? World.READ_TIMEOUT : Duration.ofMillis(500));
                if (f == null) {
                    return;
                }
                world.log(2, "read frame " + f.sequence() + " of " + f.size() + " bytes");
                f.close();
            }
        } catch (RuntimeException e) {
            world.lastError(e);
            world.log(2, "read failed: " + World.describe(e));
        }
    }

    /** Checks the failure. */
    @Then("the read should fail with invalid frame size error")
    public void invalidFrameSize() {
        world.expectLastError(InvalidFrameSizeException.class, "read of a frame with a damaged size");
    }

    // ---- 5.3 reader death during a write ------------------------------------------------------

    /**
     * Reserves a frame in place and fills it, without committing.
     *
     * @param process the role
     * @param size    payload bytes
     */
    @When("the '{word}' process starts writing large frame of '{int}' bytes")
    public void startLargeWrite(String process, int size) {
        Writer writer = world.writer();
        long seq = writer.framesWritten() + 1;
        started = writer.acquire(size);
        Patterns.fill(started, seq);
    }

    /** @param process the role */
    @When("the '{word}' process completes write operation")
    public void completeWrite(String process) {
        StepFailure.expect(started != null, "expected a write started by an earlier step, there is none");
        try {
            world.writer().commit();
            world.lastError(null);
        } catch (RuntimeException e) {
            world.lastError(e);
        }
        started = null;
    }

    /** @param process the role */
    @When("the '{word}' process attempts next operation")
    public void nextOperation(String process) {
        if (world.lastError() == null) {
            attemptWritesUntilFailure(world);
        }
    }

    /**
     * Writes 1 KiB frames until a write fails (the ring fills, and a full ring makes the writer
     * check its reader) or 100 were written; keeps the failure.
     *
     * @param world the scenario state
     */
    static void attemptWritesUntilFailure(World world) {
        Writer writer = world.writer();
        world.lastError(null);
        try {
            for (int i = 0; i < 100; i++) {
                writer.write(Patterns.frame(BasicCommunicationSteps.DEFAULT_FRAME_SIZE, writer.framesWritten() + 1));
            }
        } catch (RuntimeException e) {
            world.lastError(e);
            world.log(2, "write failed: " + World.describe(e));
        }
    }

    /** @param process the role */
    @Then("the '{word}' process should detect reader death")
    public void detectReaderDeath(String process) {
        world.expectLastError(ReaderDeadException.class, "write after the reader died");
    }

    /** @param process the role */
    @Then("the '{word}' process should throw reader dead exception")
    public void readerDeadException(String process) {
        world.expectLastError(ReaderDeadException.class, "write after the reader died");
    }

    // ---- 5.5 wrap marker ------------------------------------------------------------------------

    /**
     * @param left    bytes to leave free at the end of the ring
     * @param pattern 'incremental' (byte i = i) or 'sequential' (byte i = i + sequence)
     */
    @When("writes frame that leaves '{int}' bytes at end with '{string}' pattern")
    public void frameLeaving(int left, String pattern) {
        Writer writer = world.writer();
        BufferStatus s = writer.status();
        int size = (int) (s.payloadSize() - s.writePosition() - FrameHeaderDescriptor.HEADER_LENGTH - left);
        writer.write(patterned(pattern, size, writer.framesWritten() + 1));
    }

    private static byte[] patterned(String pattern, int size, long sequence) {
        return pattern.equals("sequential") ? Patterns.frame(size, sequence) : Patterns.simple(size);
    }

    /**
     * Starts the write; it waits for the reader to free the start of the ring.
     *
     * @param size    payload bytes
     * @param pattern the data pattern
     */
    @When("attempts to write '{int}' byte frame with '{string}' pattern")
    public void attemptPatterned(int size, String pattern) {
        Writer writer = world.writer();
        beforeWrap = writer.status();
        pendingSize = size;
        pendingPattern = pattern;
        byte[] data = patterned(pattern, size, writer.framesWritten() + 1);
        pendingWrite = world.start("wrapping-write", self -> writer.write(data));
        pendingWrite.await(Duration.ofMillis(300));
    }

    private void awaitWrap() {
        StepFailure.expect(pendingWrite != null, "expected a write started by an earlier step, there is none");
        pendingWrite.await(World.WRITE_TIMEOUT.plusSeconds(1));
        if (!pendingWrite.isDone() || pendingWrite.failure() != null) {
            long tail = beforeWrap.payloadSize() - beforeWrap.writePosition();
            throw new StepFailure("expected the " + pendingSize + "-byte frame to be written after a wrap marker; it needs the "
                    + tail + " tail bytes plus " + (16 + pendingSize) + " = " + (tail + 16 + pendingSize) + " bytes free, "
                    + beforeWrap.payloadFreeBytes() + " were free and the reader frees the ring's start only when it reads, "
                    + "which this scenario does in later steps; the write "
                    + (pendingWrite.isDone() ? "failed: " + World.describe(pendingWrite.failure()) : "is still waiting"));
        }
    }

    /** @param process the role */
    @Then("the '{word}' process should write wrap marker at current position")
    public void wrapMarkerWritten(String process) {
        awaitWrap();
        try (Mapped m = Mapped.open(world.name(world.currentBuffer()))) {
            int at = m.ringOffset() + (int) beforeWrap.writePosition();
            StepFailure.expectEqual("wrap marker payload_size at " + beforeWrap.writePosition(), 0L, m.segment.getLong(at));
            StepFailure.expectEqual("wrap marker sequence at " + beforeWrap.writePosition(), 0L, m.segment.getLong(at + 8));
        }
    }

    /** Checks the accounting of the wasted tail. */
    @Then("should see payload_free_bytes reduced by wasted space")
    public void freeReduced() {
        awaitWrap();
        long tail = beforeWrap.payloadSize() - beforeWrap.writePosition();
        long used = world.writer().status().usedBytes();
        StepFailure.expect(used >= tail + 16 + pendingSize, "expected the " + tail + "-byte tail charged as used until the "
                + "reader passes the marker, plus the " + (16 + pendingSize) + "-byte frame: at least " + (tail + 16 + pendingSize)
                + " bytes used, saw " + used);
    }

    /** Checks where the frame went. */
    @Then("frame should be written at buffer start")
    public void atStart() {
        awaitWrap();
        StepFailure.expectEqual("write position after the wrapped frame", 16L + pendingSize, world.writer().status().writePosition());
    }

    /** @param process the role */
    @When("the '{word}' process reads next frame")
    public void readNext(String process) {
        world.readRecorded();
        world.releaseHeldFrame();
        try (Mapped m = Mapped.open(world.reader().name())) {
            long pos = m.oieb.readPosition();
            if (m.oieb.payloadSize() - pos >= 16 && m.segment.getLong(m.ringOffset() + (int) pos) == 0
                    && m.segment.getLong(m.ringOffset() + (int) pos + 8) == 0) {
                markerPosition = pos;
            }
        }
    }

    /** @param process the role */
    @Then("the '{word}' process should detect wrap marker")
    public void detectMarker(String process) {
        StepFailure.expect(markerPosition >= 0, "expected a wrap marker at the reader's position after the frame, none was there");
    }

    /** Reads across the marker. */
    @Then("should jump to buffer start")
    public void jumpToStart() {
        Frame f = world.readRecorded();
        long pos = world.reader().status().readPosition();
        StepFailure.expectEqual("read position after the first frame past the marker", 16L + f.size(), pos);
    }

    /**
     * @param size    expected payload bytes
     * @param pattern the data pattern
     */
    @Then("should read '{int}' byte frame successfully with '{string}' pattern")
    public void readPatterned(int size, String pattern) {
        byte[] data = world.lastData();
        StepFailure.expect(data != null, "expected a frame read, none was");
        StepFailure.expectEqual("frame size", size, data.length);
        Patterns.check(ByteBuffer.wrap(data), pattern.equals("sequential") ? world.lastSequence() : 0, pattern + " pattern");
    }

    // ---- 5.6 continuous free bytes --------------------------------------------------------------

    /**
     * @param process the role
     * @param buffer  the scenario's buffer name
     */
    @Given("the '{word}' process creates buffer '{string}' with specific configuration")
    public void specificConfiguration(String process, String buffer) {
        world.createReader(buffer, BufferConfig.of(1024, 10240));
    }

    /**
     * Computes, for the feature's table of positions, the contiguous bytes a writer can use
     * (PROTOCOL.md §3), once by the protocol's rule and once by walking the ring byte by byte.
     */
    @When("the system tests continuous_free_bytes calculation with:")
    public void continuousFree() {
        long size = world.reader().status().payloadSize();
        long[][] rows = {{5000, 2000}, {2000, 5000}, {5000, 5000}, {0, 0}, {5000, 0}};
        freeSpaceMismatches = 0;
        for (long[] r : rows) {
            long rule = byRule(r[0], r[1], size);
            long walked = byWalk(r[0], r[1], size);
            freeSpaceReport.append(String.format("write_pos %d read_pos %d: rule %d, walk %d%n", r[0], r[1], rule, walked));
            if (rule != walked) {
                freeSpaceMismatches++;
            }
        }
        world.log(2, freeSpaceReport.toString());
    }

    /** Contiguous free bytes by the rule: with write ≥ read (empty when equal) the tail, or the head when reading has left it and the tail is smaller. */
    static long byRule(long write, long read, long size) {
        if (write >= read) {
            long tail = size - write;
            return read == 0 ? tail : Math.max(tail, read);
        }
        return read - write;
    }

    /** The same by walking: the longest run of free bytes starting at write_pos, or at 0 after a wrap. */
    static long byWalk(long write, long read, long size) {
        boolean[] used = new boolean[(int) size];
        for (long p = read; p != write; p = (p + 1) % size) {
            used[(int) p] = true;
        }
        long run = 0;
        for (long p = write; p < size && !used[(int) p]; p++) {
            run++;
        }
        long head = 0;
        if (write >= read && read > 0) {
            for (long p = 0; p < read && !used[(int) p]; p++) {
                head++;
            }
        }
        return Math.max(run, head);
    }

    /** @param process the role */
    @Then("the '{word}' process calculations should match specification")
    public void calculationsMatch(String process) {
        StepFailure.expect(freeSpaceMismatches == 0, "expected the rule and the walk to agree on every row, "
                + freeSpaceMismatches + " differ:\n" + freeSpaceReport);
    }

    // ---- 5.7 largest frame ---------------------------------------------------------------------

    /** Writes one frame as large as the ring allows, in place. */
    @When("writes frame matching exactly payload size minus header")
    public void largestFrame() {
        Writer writer = world.writer();
        int size = (int) (writer.status().payloadSize() - FrameHeaderDescriptor.HEADER_LENGTH);
        ByteBuffer slot = writer.acquire(size);
        slot.putLong(0, 0x5A5A5A5A5A5A5A5AL);
        slot.putLong(size - 8, 0xA5A5A5A5A5A5A5A5L);
        writer.commit();
    }

    /** @param process the role */
    @Then("the '{word}' process should verify frame was written successfully")
    public void largestWritten(String process) {
        BufferStatus s = world.writer().status();
        StepFailure.expectEqual("frames written", 1L, world.writer().framesWritten());
        StepFailure.expectEqual("payload_free_bytes after a frame filling the ring", 0L, s.payloadFreeBytes());
    }

    /** @param process the role */
    @When("the '{word}' process attempts to write frame exceeding payload size")
    public void exceeding(String process) {
        Writer writer = world.writer();
        try {
            writer.acquire((int) writer.status().payloadSize());
            writer.commit();
            world.lastError(null);
        } catch (RuntimeException e) {
            world.lastError(e);
        }
    }

    /** @param process the role */
    @Then("the '{word}' process write should be rejected with appropriate error")
    public void rejected(String process) {
        world.expectLastError(FrameTooLargeException.class, "frame larger than the ring");
    }
}
