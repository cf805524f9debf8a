package io.zerobuffer.serve.steps;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferFullException;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.SequenceErrorException;
import io.zerobuffer.api.WriterDeadException;
import io.zerobuffer.api.Writer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Feature 01, basic communication, and the buffer steps every later feature reuses: create,
 * connect, write, read, release.
 */
public final class BasicCommunicationSteps {
    /** Default sizes when a scenario says "default config": room for the 10 MiB frames of 07 and 14. */
    public static final BufferConfig DEFAULT_CONFIG = BufferConfig.of(4096, 32L << 20);
    /** Frame size when a step names none, as the family's step definitions use. */
    public static final int DEFAULT_FRAME_SIZE = 1024;

    private final World world;
    private ByteBuffer zeroCopy;
    private long zeroCopySequence;
    private Background bulkWriter;
    private final List<Long> bulkSequences = new ArrayList<>();
    private final List<String> bulkErrors = new ArrayList<>();

    /** @param world the scenario state */
    public BasicCommunicationSteps(World world) {
        this.world = world;
    }

    // ---- buffers ----------------------------------------------------------------------------

    /**
     * @param process  the role
     * @param buffer   the scenario's buffer name
     * @param metadata metadata block bytes
     * @param payload  ring bytes
     */
    @Given("the '{word}' process creates buffer '{string}' with metadata size '{long}' and payload size '{long}'")
    public void createBuffer(String process, String buffer, long metadata, long payload) {
        world.createReader(buffer, BufferConfig.of(metadata, payload));
    }

    /**
     * @param process the role
     * @param buffer  the scenario's buffer name
     */
    @Given("the '{word}' process creates buffer '{string}' with default config")
    public void createDefaultBuffer(String process, String buffer) {
        world.createReader(buffer, DEFAULT_CONFIG);
    }

    /**
     * @param process the role
     * @param buffer  the scenario's buffer name
     */
    @When("the '{word}' process connects to buffer '{string}'")
    public void connect(String process, String buffer) {
        world.attachWriter(buffer);
    }

    // ---- writing ----------------------------------------------------------------------------

    /**
     * @param process the role
     * @param size    metadata bytes, the simple pattern
     */
    @When("the '{word}' process writes metadata with size '{int}'")
    public void writeMetadata(String process, int size) {
        world.writer().writeMetadata(Patterns.simple(size));
    }

    /**
     * @param process  the role
     * @param size     payload bytes
     * @param sequence the sequence the data pattern is made with (the writer numbers frames itself)
     */
    @When("the '{word}' process writes frame with size '{int}' and sequence '{long}'")
    public void writeFrameWithSizeAndSequence(String process, int size, long sequence) {
        writeNumbered(size, sequence);
    }

    /**
     * @param process  the role
     * @param sequence the frame's expected sequence number; 1024 bytes of its pattern
     */
    @When("the '{word}' process writes frame with sequence '{long}'")
    public void writeFrameWithSequence(String process, long sequence) {
        writeNumbered(DEFAULT_FRAME_SIZE, sequence);
    }

    private void writeNumbered(int size, long sequence) {
        Writer writer = world.writer();
        long next = writer.framesWritten() + 1;
        if (next != sequence) {
            world.log(3, "frame pattern made with sequence " + sequence + ", the writer's next sequence is " + next);
        }
        writer.write(Patterns.frame(size, sequence));
    }

    /**
     * @param process the role
     * @param size    payload bytes, the simple pattern
     */
    @When("the '{word}' process writes frame with size '{int}'")
    public void writeFrameWithSize(String process, int size) {
        world.writer().write(Patterns.simple(size));
    }

    /**
     * @param process the role
     * @param data    the payload, as UTF-8 text
     */
    @When("the '{word}' process writes frame with data '{string}'")
    public void writeFrameWithData(String process, String data) {
        world.writer().write(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** @param process the role */
    @When("the '{word}' process writes frames until buffer is full")
    public void writeUntilFull(String process) {
        int written = fillWithoutWaiting(world.writer(), DEFAULT_FRAME_SIZE, 1.0);
        StepFailure.expect(written > 0, "expected at least one " + DEFAULT_FRAME_SIZE + "-byte frame to fit, none did");
        world.log(2, written + " frames written, the ring is full");
    }

    /**
     * Writes frames of {@code size} bytes while the next one fits without waiting and the ring is
     * used below {@code fraction}.
     *
     * @param writer   the writer
     * @param size     payload bytes
     * @param fraction stop once this share of the ring is used
     * @return frames written
     */
    static int fillWithoutWaiting(Writer writer, int size, double fraction) {
        int written = 0;
        while (true) {
            BufferStatus s = writer.status();
            if (s.utilisation() >= fraction || !fits(s, size)) {
                return written;
            }
            try {
                writer.write(Patterns.frame(size, writer.framesWritten() + 1));
            } catch (BufferFullException e) {
                return written;
            }
            written++;
        }
    }

    /**
     * @param s    a snapshot
     * @param size payload bytes
     * @return whether a frame of that size fits now, wrap included, without waiting
     */
    static boolean fits(BufferStatus s, int size) {
        long total = 16L + size;
        long toEnd = s.payloadSize() - s.writePosition();
        long required = toEnd >= total && (toEnd - total == 0 || toEnd - total >= 16) ? total : toEnd + total;
        return s.payloadFreeBytes() >= required;
    }

    /** @param process the role */
    @Then("the '{word}' process should experience timeout on next write")
    public void timeoutOnNextWrite(String process) {
        Writer writer = world.writer();
        long t0 = System.nanoTime();
        try {
            writer.write(Patterns.frame(DEFAULT_FRAME_SIZE, writer.framesWritten() + 1));
        } catch (BufferFullException expected) {
            world.log(2, "write timed out after " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + expected.getMessage());
            return;
        }
        throw new StepFailure("expected the write to time out on a full ring (BufferFullException), it succeeded; "
                + "ring " + writer.status().payloadFreeBytes() + " bytes free");
    }

    /** @param process the role */
    @Then("the '{word}' process should write successfully immediately")
    public void writeImmediately(String process) {
        Writer writer = world.writer();
        long t0 = System.nanoTime();
        try {
            writer.write(Patterns.frame(DEFAULT_FRAME_SIZE, writer.framesWritten() + 1));
        } catch (BufferFullException e) {
            throw new StepFailure("expected the write to succeed after the reader freed space, it timed out: " + e.getMessage());
        }
        world.log(2, "write succeeded in " + (System.nanoTime() - t0) / 1_000 + " us");
    }

    /**
     * @param process the role
     * @param size    payload bytes
     */
    @When("the '{word}' process requests zero-copy frame of size '{int}'")
    public void requestZeroCopy(String process, int size) {
        Writer writer = world.writer();
        zeroCopySequence = writer.framesWritten() + 1;
        zeroCopy = writer.acquire(size);
    }

    /** @param process the role */
    @When("the '{word}' process fills zero-copy buffer with test pattern")
    public void fillZeroCopy(String process) {
        StepFailure.expect(zeroCopy != null, "expected a zero-copy frame requested by an earlier step, there is none");
        Patterns.fill(zeroCopy, zeroCopySequence);
    }

    /** @param process the role */
    @When("the '{word}' process commits zero-copy frame")
    public void commitZeroCopy(String process) {
        StepFailure.expect(zeroCopy != null, "expected a zero-copy frame requested by an earlier step, there is none");
        world.writer().commit();
        zeroCopy = null;
    }

    /**
     * Starts writing {@code count} frames in the background, so the reader's steps can consume
     * them; once written the writer waits for the reader to drain the ring and detaches.
     *
     * @param process the role
     * @param count   frames
     * @param size    payload bytes each, the frame pattern
     */
    @When("the '{word}' process writes '{int}' frames of size '{int}' as fast as possible")
    public void writeFast(String process, int count, int size) {
        startBulkWrite(count, size, true);
    }

    /**
     * Starts a background writer of {@code count} frames of {@code size} bytes (frame pattern).
     *
     * @param count  frames
     * @param size   payload bytes
     * @param detach whether to detach once the reader drained the ring (the reader then sees
     *               the end of the stream at once)
     * @return the background writer
     */
    Background startBulkWrite(int count, int size, boolean detach) {
        Writer writer = world.writer();
        bulkWriter = world.start("bulk-writer", self -> {
            long first = writer.framesWritten() + 1;
            byte[] data = new byte[size];
            for (int i = 0; i < count && !self.stopRequested(); i++) {
                long seq = first + i;
                for (int j = 0; j < size; j++) {
                    data[j] = (byte) (j + seq);
                }
                writeWaiting(writer, data, self);
            }
            writer.drain(Duration.ofSeconds(10));
            world.log(2, "bulk writer wrote " + writer.framesWritten() + " frames");
            if (detach) {
                writer.close();
            }
        });
        return bulkWriter;
    }

    /**
     * Writes one frame, waiting as long as the reader keeps making progress (a slow reader is
     * not a failure); gives up when the ring stays full and the work is asked to stop.
     */
    static void writeWaiting(Writer writer, byte[] data, Background self) {
        while (true) {
            try {
                writer.write(data);
                return;
            } catch (BufferFullException full) {
                if (self.stopRequested()) {
                    throw full;
                }
            }
        }
    }

    // ---- reading ----------------------------------------------------------------------------

    /**
     * @param process  the role
     * @param sequence expected sequence
     * @param size     expected payload bytes
     */
    @Then("the '{word}' process should read frame with sequence '{long}' and size '{int}'")
    public void readSequenceAndSize(String process, long sequence, int size) {
        Frame frame = world.readRecorded();
        StepFailure.expectEqual("frame sequence", sequence, frame.sequence());
        StepFailure.expectEqual("frame size", size, frame.size());
    }

    /**
     * @param process  the role
     * @param sequence expected sequence
     */
    @Then("the '{word}' process should read frame with sequence '{long}';")
    public void readSequenceSemicolon(String process, long sequence) {
        readSequence(process, sequence);
    }

    /**
     * @param process  the role
     * @param sequence expected sequence
     */
    @Then("the '{word}' process should read frame with sequence '{long}'")
    public void readSequence(String process, long sequence) {
        Frame frame = world.readRecorded();
        StepFailure.expectEqual("frame sequence", sequence, frame.sequence());
    }

    /**
     * @param process the role
     * @param size    expected payload bytes
     */
    @Then("the '{word}' process should read frame with size '{int}'")
    public void readSize(String process, int size) {
        Frame frame = world.readRecorded();
        StepFailure.expectEqual("frame size", size, frame.size());
    }

    /**
     * @param process the role
     * @param data    expected payload as UTF-8 text
     */
    @Then("the '{word}' process should read frame with data '{string}'")
    public void readData(String process, String data) {
        world.readRecorded();
        String seen = new String(world.lastData(), java.nio.charset.StandardCharsets.UTF_8);
        StepFailure.expectEqual("frame data", data, seen);
    }

    /** @param process the role */
    @Then("the '{word}' process should validate frame data")
    public void validateFrameData(String process) {
        StepFailure.expect(world.lastData() != null, "expected a frame read by an earlier step, none was");
        Patterns.check(ByteBuffer.wrap(world.lastData()), world.lastSequence(), "frame " + world.lastSequence());
    }

    /** @param process the role */
    @Then("the '{word}' process should verify frame data matches test pattern")
    public void verifyTestPattern(String process) {
        validateFrameData(process);
    }

    /** @param process the role */
    @When("the '{word}' process signals space available")
    public void signalSpace(String process) {
        world.releaseHeldFrame();
    }

    /** @param process the role */
    @When("the '{word}' process reads one frame")
    public void readOne(String process) {
        world.readRecorded();
    }

    /** @param process the role */
    @Then("the '{word}' process should verify all frames maintain sequential order")
    public void sequentialOrder(String process) {
        List<Long> seen = world.sequencesRead();
        StepFailure.expect(!seen.isEmpty(), "expected frames read by earlier steps, none were");
        for (int i = 1; i < seen.size(); i++) {
            StepFailure.expectEqual("sequence of frame " + (i + 1) + " read (all read: " + seen + ")",
                    seen.get(i - 1) + 1, seen.get(i));
        }
    }

    /**
     * @param process the role
     * @param count   frames expected
     * @param sizes   their sizes, comma-separated, each with the simple pattern
     */
    @Then("the '{word}' process should read {int} frames with sizes '{string}' in order")
    public void readSizesInOrder(String process, int count, String sizes) {
        String[] expected = sizes.split(",");
        StepFailure.expectEqual("number of sizes listed", count, expected.length);
        for (int i = 0; i < count; i++) {
            Frame frame = world.readRecorded();
            StepFailure.expectEqual("size of frame " + (i + 1), Integer.parseInt(expected[i].trim()), frame.size());
            Patterns.check(frame.data(), 0, "frame " + (i + 1) + " (simple pattern)");
            world.releaseHeldFrame();
        }
    }

    /**
     * Reads frames, waiting {@code delayMs} between reads, until the writer is gone or no frame
     * came for three seconds. Sequence and data errors are recorded, not thrown.
     *
     * @param process the role
     * @param delayMs pause between reads
     * @throws InterruptedException if interrupted
     */
    @When("the '{word}' process reads frames with '{int}' ms delay between each read")
    public void readWithDelay(String process, int delayMs) throws InterruptedException {
        readStream(-1, delayMs);
    }

    /**
     * Reads up to {@code limit} frames (all, if negative) with a pause between reads, recording
     * sequences and errors.
     *
     * @param limit   frames to read, or -1 for all until the writer leaves or goes quiet
     * @param delayMs pause between reads
     * @return frames read
     * @throws InterruptedException if interrupted
     */
    int readStream(int limit, int delayMs) throws InterruptedException {
        Reader reader = world.reader();
        world.releaseHeldFrame();
        bulkSequences.clear();
        bulkErrors.clear();
        int idle = 0;
        long expected = -1;
        while (limit < 0 || bulkSequences.size() < limit) {
            Frame frame;
            try {
                frame = reader.read(Duration.ofSeconds(1));
            } catch (WriterDeadException gone) {
                world.log(2, "writer gone after " + bulkSequences.size() + " frames: " + gone.getMessage());
                break;
            } catch (SequenceErrorException e) {
                bulkErrors.add(e.getMessage());
                break;
            }
            if (frame == null) {
                if (++idle >= 3) {
                    break;
                }
                continue;
            }
            idle = 0;
            try (frame) {
                long seq = frame.sequence();
                if (expected >= 0 && seq != expected) {
                    bulkErrors.add("expected sequence " + expected + ", saw " + seq);
                }
                expected = seq + 1;
                bulkSequences.add(seq);
                int at = Patterns.firstMismatch(frame.data(), seq);
                if (at >= 0) {
                    bulkErrors.add("frame " + seq + ": byte " + at + " expected " + ((at + seq) & 0xFF)
                            + ", saw " + (frame.data().get(at) & 0xFF));
                }
            }
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
        }
        world.log(2, "read " + bulkSequences.size() + " frames, " + bulkErrors.size() + " errors");
        return bulkSequences.size();
    }

    /** @return sequences the last stream read saw */
    List<Long> streamSequences() {
        return bulkSequences;
    }

    /** @return errors the last stream read saw */
    List<String> streamErrors() {
        return bulkErrors;
    }

    /**
     * @param process the role
     * @param count   frames expected
     */
    @Then("the '{word}' process should have read '{int}' frames")
    public void shouldHaveRead(String process, int count) {
        StepFailure.expectEqual("frames read (errors: " + bulkErrors + ")", count, bulkSequences.size());
    }

    /**
     * @param process the role
     * @param start   the first sequence
     */
    @Then("the '{word}' process should verify all frames have sequential sequence numbers starting from '{long}'")
    public void sequentialFrom(String process, long start) {
        StepFailure.expect(!bulkSequences.isEmpty(), "expected frames read by an earlier step, none were");
        for (int i = 0; i < bulkSequences.size(); i++) {
            if (bulkSequences.get(i) != start + i) {
                throw new StepFailure("frame " + i + ": expected sequence " + (start + i) + ", saw " + bulkSequences.get(i));
            }
        }
    }

    /** Checks the last stream read. */
    @Then("no sequence errors should have occurred")
    public void noSequenceErrors() {
        StepFailure.expect(bulkErrors.isEmpty(), "expected no sequence or data errors, saw " + bulkErrors.size()
                + ": " + bulkErrors.subList(0, Math.min(5, bulkErrors.size())));
    }
}
