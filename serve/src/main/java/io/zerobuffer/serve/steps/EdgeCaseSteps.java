package io.zerobuffer.serve.steps;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferFullException;
import io.zerobuffer.api.BufferNotFoundException;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.FrameTooLargeException;
import io.zerobuffer.api.InvalidFrameSizeException;
import io.zerobuffer.api.MetadataTooLargeException;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderAlreadyConnectedException;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterAlreadyConnectedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Feature 04, edge cases and boundaries. */
public final class EdgeCaseSteps {
    private final World world;
    private final BasicCommunicationSteps basic;
    private Background pendingWrite;
    private BufferStatus beforePending;
    private int pendingSize;
    private Flow flow;
    private int readDelayMs;
    private int streamLimit;
    private final List<Object> raceResults = new ArrayList<>();

    /** @param world the scenario state */
    public EdgeCaseSteps(World world) {
        this.world = world;
        this.basic = new BasicCommunicationSteps(world);
    }

    // ---- 4.1 alternating sizes and wrap ---------------------------------------------------------

    /**
     * @param process the role
     * @param percent share of the ring the frame takes, header included
     */
    @When("the '{word}' process writes large frame using '{int}%' of buffer")
    public void largeFrame(String process, int percent) {
        Writer writer = world.writer();
        int size = (int) (writer.status().payloadSize() * percent / 100) - 16;
        writer.write(Patterns.frame(size, writer.framesWritten() + 1));
        world.context().put("largeFrameSize", String.valueOf(size));
    }

    /**
     * @param process the role
     * @param size    payload bytes
     */
    @When("the '{word}' process writes small frame of '{int}' byte")
    public void smallFrame(String process, int size) {
        Writer writer = world.writer();
        writer.write(Patterns.frame(size, writer.framesWritten() + 1));
    }

    /**
     * Starts the large write again in the background: it needs the start of the ring, which
     * holds unread frames, so it has to wait for the reader (or time out).
     *
     * @param process the role
     */
    @When("the '{word}' process attempts to write large frame again")
    public void largeFrameAgain(String process) {
        String size = world.context().get("largeFrameSize");
        StepFailure.expect(size != null, "expected an earlier large frame, none was written");
        startPendingWrite(Integer.parseInt(size));
    }

    private void startPendingWrite(int size) {
        Writer writer = world.writer();
        beforePending = writer.status();
        pendingSize = size;
        byte[] data = Patterns.frame(size, writer.framesWritten() + 1);
        pendingWrite = world.start("pending-write", self -> writer.write(data));
        pendingWrite.await(Duration.ofMillis(200));
    }

    /** @param process the role */
    @Then("the '{word}' process proper wrap-around handling should occur")
    public void wrapHandled(String process) {
        StepFailure.expect(pendingWrite != null, "expected a large write started by an earlier step, there is none");
        StepFailure.expect(pendingWrite.await(World.WRITE_TIMEOUT.plusSeconds(3)), "expected the large write to finish or "
                + "time out within " + World.WRITE_TIMEOUT.plusSeconds(3).toSeconds() + " s, it is still waiting");
        BufferStatus now = world.writer().status();
        Throwable failure = pendingWrite.failure();
        if (failure == null) {
            StepFailure.expectEqual("write position after the wrapped frame", 16L + pendingSize, now.writePosition());
            return;
        }
        StepFailure.expect(failure instanceof BufferFullException, "expected the wrapping write to wait for the reader "
                + "and time out (BufferFullException), saw " + World.describe(failure));
        StepFailure.expectEqual("write position after a wrap that could not happen", beforePending.writePosition(),
                now.writePosition());
        StepFailure.expectEqual("free bytes after a wrap that could not happen", beforePending.payloadFreeBytes(),
                now.payloadFreeBytes());
        world.log(2, "the wrapping write waited and timed out without touching unread frames");
    }

    /** @param process the role */
    @Then("the '{word}' process no deadlocks should happen")
    public void noDeadlockHappens(String process) {
        StepFailure.expect(pendingWrite == null || pendingWrite.isDone(), "expected the pending write to have returned");
        Writer writer = world.writer();
        writer.write(Patterns.frame(1, writer.framesWritten() + 1));
    }

    // ---- 4.2 semaphore coalescing -----------------------------------------------------------------

    /**
     * @param process the role
     * @param count   frames
     */
    @When("the '{word}' process writes '{int}' frames rapidly without reader consuming")
    public void writeRapidlyNoReader(String process, int count) {
        Writer writer = world.writer();
        for (int i = 0; i < count; i++) {
            writer.write(Patterns.frame(BasicCommunicationSteps.DEFAULT_FRAME_SIZE, writer.framesWritten() + 1));
        }
        world.context().put("framesWritten", String.valueOf(writer.framesWritten()));
    }

    /** @param process the role */
    @Then("the '{word}' process the semaphore count should represent pending frames")
    public void semaphoreCountPending(String process) {
        Writer writer = world.writer();
        long value = semaphoreValue("sem-w-" + writer.name());
        StepFailure.expectEqual("sem-w count (one post per unread frame)", writer.status().framesInFlight(), value);
    }

    /**
     * Reads a glibc named semaphore's value from its file: the low 32 bits of its first 64-bit word.
     *
     * @param name the semaphore name
     * @return its value
     */
    static long semaphoreValue(String name) {
        try (FileChannel ch = FileChannel.open(Path.of("/dev/shm", "sem." + name), StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
            ch.read(b, 0);
            return b.getLong(0) & 0xFFFF_FFFFL;
        } catch (IOException e) {
            throw new StepFailure("expected semaphore /dev/shm/sem." + name + " to be readable: " + e);
        }
    }

    /**
     * @param process the role
     * @throws InterruptedException if interrupted
     */
    @When("the '{word}' process wakes and processes all frames")
    public void processAll(String process) throws InterruptedException {
        String written = world.context().get("framesWritten");
        basic.readStream(written == null ? -1 : Integer.parseInt(written), 0);
    }

    /** @param process the role */
    @Then("the '{word}' process all frames should be read correctly")
    public void allReadCorrectly(String process) {
        String written = world.context().get("framesWritten");
        StepFailure.expect(basic.streamErrors().isEmpty(), "expected no errors, saw " + basic.streamErrors());
        if (written != null) {
            StepFailure.expectEqual("frames read", Integer.parseInt(written), basic.streamSequences().size());
        }
        basic.sequentialFrom(process, 1);
    }

    /** @param process the role */
    @Then("the '{word}' process the coalesced signals should be handled properly")
    public void coalescedHandled(String process) {
        Reader reader = world.reader();
        StepFailure.expectEqual("sem-w count after every frame was read", 0L, semaphoreValue("sem-w-" + reader.name()));
        Frame extra = reader.read(Duration.ZERO);
        if (extra != null) {
            long seq = extra.sequence();
            extra.close();
            throw new StepFailure("expected no frame left after every signal was consumed, read frame " + seq);
        }
    }

    // ---- 4.3 zero metadata -------------------------------------------------------------------------

    /** @param process the role */
    @When("the '{word}' process attempts to write metadata")
    public void attemptMetadata(String process) {
        try {
            world.writer().writeMetadata(Patterns.simple(100));
            world.lastError(null);
        } catch (RuntimeException e) {
            world.lastError(e);
        }
    }

    /** @param process the role */
    @Then("the '{word}' process metadata write should fail appropriately")
    public void metadataFails(String process) {
        world.expectLastError(MetadataTooLargeException.class, "metadata write into a 0-byte metadata block");
    }

    /** @param process the role */
    @When("the '{word}' process writes frame without metadata")
    public void frameWithoutMetadata(String process) {
        Writer writer = world.writer();
        writer.write(Patterns.frame(BasicCommunicationSteps.DEFAULT_FRAME_SIZE, writer.framesWritten() + 1));
    }

    /** @param process the role */
    @Then("the '{word}' process should verify frame write succeeded")
    public void frameWriteSucceeded(String process) {
        StepFailure.expect(world.writer().framesWritten() >= 1, "expected at least one frame written, saw "
                + world.writer().framesWritten());
    }

    /** @param process the role */
    @Then("the '{word}' process should verify system works correctly without metadata")
    public void worksWithoutMetadata(String process) {
        Frame frame = world.readRecorded();
        Patterns.check(frame.data(), frame.sequence(), "frame " + frame.sequence());
        StepFailure.expect(!world.reader().hasMetadata(), "expected no metadata in a 0-byte metadata block");
        world.releaseHeldFrame();
    }

    // ---- 4.4 minimum sizes ------------------------------------------------------------------------

    /**
     * @param process the role
     * @param buffer  the scenario's buffer name
     * @param size    ring bytes; no metadata block
     */
    @Given("the '{word}' process creates buffer '{string}' with minimum viable size '{long}'")
    public void minimumBuffer(String process, String buffer, long size) {
        world.createReader(buffer, BufferConfig.of(0, size));
    }

    /** @param process the role */
    @When("the '{word}' process writes single byte frame")
    public void singleByte(String process) {
        Writer writer = world.writer();
        writer.write(Patterns.frame(1, writer.framesWritten() + 1));
    }

    /** @param process the role */
    @Then("the '{word}' process should verify write succeeded")
    public void writeSucceeded(String process) {
        frameWriteSucceeded(process);
    }

    /**
     * @param process the role
     * @param size    payload bytes
     */
    @When("the '{word}' process attempts to write '{int}' byte frame")
    public void attemptFrame(String process, int size) {
        attemptWrite(size);
    }

    /**
     * @param process the role
     * @param size    payload bytes
     */
    @When("the '{word}' process attempts to write frame with size '{int}'")
    public void attemptFrameWithSize(String process, int size) {
        attemptWrite(size);
    }

    private void attemptWrite(int size) {
        try {
            world.writer().write(new byte[size]);
            world.lastError(null);
        } catch (RuntimeException e) {
            world.lastError(e);
            world.log(2, "write of " + size + " bytes refused: " + World.describe(e));
        }
    }

    /** @param process the role */
    @Then("the '{word}' process should receive FrameTooLargeException")
    public void frameTooLarge(String process) {
        world.expectLastError(FrameTooLargeException.class, "oversized frame");
    }

    // ---- 4.5 slow reader ----------------------------------------------------------------------------

    /** @param process the role */
    @When("the '{word}' process writes continuously at high speed")
    public void writeContinuously(String process) {
        flow = Flow.start(world, 64);
    }

    /**
     * @param process the role
     * @param delayMs pause after each frame
     */
    @When("the '{word}' process reads with '{int}' ms delay per frame")
    public void readDelay(String process, int delayMs) {
        readDelayMs = delayMs;
    }

    /**
     * @param process the role
     * @param frames  frames to read
     * @throws InterruptedException if interrupted
     */
    @When("the '{word}' process the test runs for '{int}' frames")
    public void runFor(String process, int frames) throws InterruptedException {
        streamLimit = frames;
        basic.readStream(frames, readDelayMs);
        world.context().put("framesRead", String.valueOf(basic.streamSequences().size()));
    }

    /** @param process the role */
    @Then("the '{word}' process should receive all frames without loss")
    public void noLoss(String process) {
        StepFailure.expect(basic.streamErrors().isEmpty(), "expected no sequence or data errors, saw " + basic.streamErrors());
        StepFailure.expectEqual("frames read", streamLimit, basic.streamSequences().size());
        basic.sequentialFrom(process, 1);
    }

    /** @param process the role */
    @Then("the '{word}' process should block appropriately")
    public void blockedAppropriately(String process) {
        StepFailure.expect(flow != null, "expected a continuous writer started by an earlier step, there is none");
        StepFailure.expect(flow.blocked.get() > 0, "expected the writer to find the ring full and wait at least once, "
                + "it never did (" + flow.written.get() + " frames written)");
    }

    /** @param process the role */
    @Then("the '{word}' process flow control should work correctly")
    public void flowControl(String process) {
        checkFlow(flow, world);
    }

    static void checkFlow(Flow flow, World world) {
        StepFailure.expect(flow != null, "expected a continuous writer started by an earlier step, there is none");
        flow.stopAndCheck();
        BufferStatus s = flow.writer().status();
        String read = world.context().get("framesRead");
        if (read != null) {
            StepFailure.expect(flow.written.get() >= Long.parseLong(read), "expected at least " + read
                    + " frames written (the reader read them), saw " + flow.written.get());
        }
        StepFailure.expect(s.payloadFreeBytes() >= 0 && s.payloadFreeBytes() <= s.payloadSize(),
                "expected free bytes within the ring, saw " + s.payloadFreeBytes());
        world.log(2, flow.written.get() + " frames written, the writer waited for space " + flow.blocked.get() + " times");
    }

    // ---- 4.6 exact fit ------------------------------------------------------------------------------

    /**
     * @param process the role
     * @param size    payload bytes
     */
    @When("the '{word}' process writes frame with exact size '{int}'")
    public void exactSize(String process, int size) {
        Writer writer = world.writer();
        writer.write(Patterns.frame(size, writer.framesWritten() + 1));
    }

    /** Checks that the ring has no byte left. */
    @Then("buffer should be completely full")
    public void completelyFull() {
        StepFailure.expectEqual("payload_free_bytes", 0L, world.writer().status().payloadFreeBytes());
    }

    /** Tries a one-byte frame: it must wait and time out. */
    @Then("no more writes should be possible")
    public void noMoreWrites() {
        try {
            world.writer().write(new byte[1]);
        } catch (BufferFullException expected) {
            return;
        }
        throw new StepFailure("expected a write into the full ring to time out, it succeeded");
    }

    /** @param process the role */
    @When("the '{word}' process reads frame")
    public void readFrame(String process) {
        world.readRecorded();
    }

    /** @param size expected payload bytes of the frame read */
    @Then("the frame should have size '{int}'")
    public void frameSize(int size) {
        StepFailure.expect(world.lastData() != null, "expected a frame read by an earlier step, none was");
        StepFailure.expectEqual("frame size", size, world.lastData().length);
    }

    /** @param process the role */
    @Then("the '{word}' process should be able to write again")
    public void writeAgain(String process) {
        Writer writer = world.writer();
        writer.write(Patterns.frame(BasicCommunicationSteps.DEFAULT_FRAME_SIZE, writer.framesWritten() + 1));
    }

    // ---- 4.7 minimum frame ------------------------------------------------------------------------

    /** @param process the role */
    @Then("the '{word}' process should fail with zero size error")
    public void zeroSize(String process) {
        world.expectLastError(InvalidFrameSizeException.class, "zero-byte frame");
    }

    /** @param overhead expected header bytes per frame */
    @Then("frame overhead should be '{int}' bytes")
    public void overhead(int overhead) {
        Frame held = world.heldFrame();
        StepFailure.expect(held != null, "expected the frame read by an earlier step to be held, none is");
        BufferStatus s = world.reader().status();
        StepFailure.expectEqual("ring bytes taken by the one unread frame minus its payload (in flight: "
                + s.framesInFlight() + ")", (long) overhead, s.usedBytes() - held.size());
    }

    // ---- 4.8 wrap with waiting --------------------------------------------------------------------

    /** @param process the role */
    @Then("the '{word}' process should wait for space")
    public void waitForSpace(String process) {
        StepFailure.expect(pendingWrite != null, "expected a write waiting for space, the last write did not wait");
        StepFailure.expect(!pendingWrite.isDone(), "expected the write to be waiting for space, it already returned"
                + (pendingWrite.failure() == null ? "" : " with " + World.describe(pendingWrite.failure())));
    }

    /** @param process the role */
    @Then("the '{word}' process should complete write at buffer start")
    public void completeAtStart(String process) {
        StepFailure.expect(pendingWrite != null, "expected a write waiting for space, there is none");
        StepFailure.expect(pendingWrite.await(World.WRITE_TIMEOUT.plusSeconds(1)), "expected the waiting write to complete");
        if (pendingWrite.failure() != null) {
            throw new StepFailure("expected the waiting write to complete, it failed: " + World.describe(pendingWrite.failure()));
        }
        StepFailure.expectEqual("write position after a frame at the ring's start", 16L + pendingSize,
                world.writer().status().writePosition());
    }

    // ---- 4.9 rapid cycles ---------------------------------------------------------------------------

    /**
     * @param process the role
     * @param count   frames
     * @param size    payload bytes
     */
    @When("the '{word}' process writes '{int}' frames of size '{int}' rapidly")
    public void writeRapidly(String process, int count, int size) {
        basic.startBulkWrite(count, size, true);
        world.context().put("framesWritten", String.valueOf(count));
    }

    /**
     * @param process the role
     * @throws InterruptedException if interrupted
     */
    @When("the '{word}' process reads all frames and signals immediately")
    public void readAllImmediately(String process) throws InterruptedException {
        String count = world.context().get("framesWritten");
        basic.readStream(count == null ? -1 : Integer.parseInt(count), 0);
    }

    /** Checks the stream read. */
    @Then("all sequence numbers should be correct")
    public void sequencesCorrect() {
        StepFailure.expect(basic.streamErrors().isEmpty(), "expected no sequence or data errors, saw " + basic.streamErrors());
        basic.sequentialFrom("reader", 1);
    }

    /** The reader's count against the writer's (04.9), or the writer's counters (06.3). */
    @Then("no frames should be lost")
    public void noFramesLost() {
        if (world.flow() != null) {
            SynchronizationSteps.noneLost(world, world.flow());
            return;
        }
        String count = world.context().get("framesWritten");
        StepFailure.expect(count != null, "expected the writer's frame count in the context, it is not there");
        StepFailure.expectEqual("frames read", Integer.parseInt(count), basic.streamSequences().size());
    }

    /** Checks that the stream ended and nothing is left waiting. */
    @Then("no deadlocks should occur")
    public void noDeadlocksOccur() {
        StepFailure.expectEqual("frames in flight after the stream", 0L, world.reader().status().framesInFlight());
    }

    // ---- 4.10 ---------------------------------------------------------------------------------------

    /**
     * @param process the role
     * @param percent target share of the ring
     */
    @When("the '{word}' process fills buffer to '{int}%' capacity")
    public void fillTo(String process, int percent) {
        BasicCommunicationSteps.fillWithoutWaiting(world.writer(), BasicCommunicationSteps.DEFAULT_FRAME_SIZE, percent / 100.0);
        world.log(2, "ring " + Math.round(world.writer().status().utilisation() * 100) + " % used");
    }

    /**
     * @param process the role
     * @param buffer  the scenario's buffer name
     */
    @When("the '{word}' process a second writer process attempts to connect to buffer '{string}'")
    public void secondWriter(String process, String buffer) {
        try {
            world.engine().attachWriter(world.name(buffer), World.writerOptions()).close();
            world.lastError(null);
        } catch (RuntimeException e) {
            world.lastError(e);
        }
    }

    /** @param process the role */
    @Then("the '{word}' process the second writer should fail with writer exists error")
    public void secondWriterFails(String process) {
        world.expectLastError(WriterAlreadyConnectedException.class, "second writer");
    }

    /**
     * @param process the role
     * @param percent target share of the ring
     */
    @When("the '{word}' process continues filling buffer to '{int}%'")
    public void continueFilling(String process, int percent) {
        fillTo(process, percent);
    }

    /** @param process the role */
    @Then("the '{word}' process should block waiting for space")
    public void blockWaiting(String process) {
        Writer writer = world.writer();
        long t0 = System.nanoTime();
        try {
            writer.write(Patterns.frame(BasicCommunicationSteps.DEFAULT_FRAME_SIZE, writer.framesWritten() + 1));
        } catch (BufferFullException expected) {
            world.log(2, "the write waited " + (System.nanoTime() - t0) / 1_000_000 + " ms for space, then timed out");
            return;
        }
        throw new StepFailure("expected the write to wait for space and time out, it succeeded");
    }

    // ---- 4.11 initialisation race -------------------------------------------------------------------

    /** @param process the role both contenders play */
    @Given("two '{word}' processes")
    public void twoProcesses(String process) {
        raceResults.clear();
    }

    /**
     * Two threads, each with its own engine, create the same buffer at the same moment.
     *
     * @param buffer the scenario's buffer name
     * @throws InterruptedException if interrupted
     */
    @When("both simultaneously attempt to create buffer '{string}'")
    public void bothCreate(String buffer) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    Reader r = world.engine().createReader(world.name(buffer), BasicCommunicationSteps.DEFAULT_CONFIG);
                    synchronized (raceResults) {
                        raceResults.add(r);
                    }
                } catch (Throwable e) {
                    synchronized (raceResults) {
                        raceResults.add(e);
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(20_000);
        }
        for (Object o : raceResults) {
            if (o instanceof Reader r) {
                world.readers().put(buffer, r);
            }
        }
    }

    /** Checks the race. */
    @Then("only one should succeed")
    public void onlyOne() {
        long ok = raceResults.stream().filter(o -> o instanceof Reader).count();
        StepFailure.expectEqual("readers created (results: " + raceResults + ")", 1L, ok);
    }

    /** Checks the loser's error. */
    @Then("other should receive appropriate error")
    public void otherError() {
        Object other = raceResults.stream().filter(o -> !(o instanceof Reader)).findFirst().orElse(null);
        StepFailure.expect(other instanceof ReaderAlreadyConnectedException,
                "expected ReaderAlreadyConnectedException for the second creator, saw " + other);
    }

    /**
     * After the race (04.11): the winner's buffer works end to end. After a refused attach
     * (10.6): the shared header is unchanged.
     */
    @Then("no resource corruption should occur")
    public void noCorruption() {
        if (raceResults.isEmpty()) {
            AdvancedErrorSteps.headerIntact(world);
            return;
        }
        Reader reader = world.reader();
        try (Writer writer = world.engine().attachWriter(reader.name(), World.writerOptions())) {
            writer.write(Patterns.frame(64, 1));
            try (Frame f = reader.read(World.READ_TIMEOUT)) {
                StepFailure.expect(f != null, "expected the frame written into the winner's buffer, none came");
                Patterns.check(f.data(), 1, "frame after the race");
            }
        }
    }

    // ---- 4.12 writer first ---------------------------------------------------------------------------

    /**
     * @param process the role
     * @param buffer  the scenario's buffer name
     */
    @When("a '{word}' process attempts to connect to non-existent buffer '{string}'")
    public void connectMissing(String process, String buffer) {
        try {
            world.engine().attachWriter(world.name(buffer), World.writerOptions()).close();
            world.lastError(null);
        } catch (RuntimeException e) {
            world.lastError(e);
        }
    }

    /** Checks the error. */
    @Then("the connection should fail with appropriate error")
    public void appropriateError() {
        world.expectLastError(BufferNotFoundException.class, "attach to a missing buffer");
    }

    /** Checks the message. */
    @Then("error should indicate no shared memory found")
    public void noSharedMemory() {
        String message = world.expectLastError(BufferNotFoundException.class, "attach to a missing buffer").getMessage();
        StepFailure.expect(message != null && (message.contains("/dev/shm") || message.toLowerCase().contains("not found")
                || message.toLowerCase().contains("no ")), "expected the message to say the shared memory is missing, saw: " + message);
    }
}
