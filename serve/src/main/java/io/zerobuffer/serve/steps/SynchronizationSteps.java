package io.zerobuffer.serve.steps;

import io.zerobuffer.api.Frame;
import io.zerobuffer.api.SequenceErrorException;
import io.zerobuffer.api.Writer;
import io.zerobuffer.linux.posix.NamedSemaphore;
import java.nio.ByteBuffer;

/** Feature 06, synchronisation and data integrity. */
public final class SynchronizationSteps {
    /** Frames the "reads one frame every N ms" step reads. */
    public static final int PACED_FRAMES = 20;

    private final World world;
    private final BasicCommunicationSteps basic;
    private Flow flow;

    /** @param world the scenario state */
    public SynchronizationSteps(World world) {
        this.world = world;
        this.basic = new BasicCommunicationSteps(world);
    }

    /**
     * Appends a frame after the writer's last one, as a writer would, but numbered
     * {@code sequence}: a gap in the stream (the frames in between never came).
     *
     * @param sequence the number the frame carries
     */
    @When("the test corrupts next frame sequence to '{long}'")
    public void gap(long sequence) {
        String name = world.name(world.currentBuffer());
        int size = 64;
        try (Mapped m = Mapped.open(name)) {
            long ring = m.oieb.payloadSize();
            long pos = m.oieb.writePosition();
            long total = 16 + size;
            StepFailure.expect(ring - pos >= total && m.oieb.payloadFreeBytes() >= total, "expected room for a "
                    + total + "-byte frame at write position " + pos + ", " + m.oieb.payloadFreeBytes() + " bytes are free");
            int at = m.ringOffset() + (int) pos;
            ByteBuffer seg = m.segment;
            seg.putLong(at, size);
            seg.putLong(at + 8, sequence);
            for (int i = 0; i < size; i++) {
                seg.put(at + 16 + i, (byte) (i + sequence));
            }
            m.oieb.writePosition(pos + total);
            m.oieb.addPayloadFreeBytes(-total);
            m.oieb.writtenCount(m.oieb.writtenCount() + 1);
        }
        NamedSemaphore dataReady = NamedSemaphore.open(name, "sem-w-" + name);
        StepFailure.expect(dataReady != null, "expected semaphore sem-w-" + name + ", it does not exist");
        try (dataReady) {
            dataReady.post();
        }
        world.log(2, "frame numbered " + sequence + " appended after the writer's last frame");
    }

    /** Checks the failure. */
    @Then("the read should fail with sequence error")
    public void sequenceError() {
        world.expectLastError(SequenceErrorException.class, "read across a sequence gap");
    }

    /**
     * @param expected the sequence the reader expected
     * @param seen     the sequence it found
     */
    @Then("the error should show expected '{long}' got '{long}'")
    public void errorShows(long expected, long seen) {
        String message = world.expectLastError(SequenceErrorException.class, "read across a sequence gap").getMessage();
        StepFailure.expect(message.matches("(?s).*\\b" + expected + "\\b.*\\b" + seen + "\\b.*"),
                "expected the message to name expected " + expected + " and found " + seen + ", saw: " + message);
    }

    /**
     * @param process the role
     * @param seconds how long
     * @throws InterruptedException if interrupted
     */
    @When("the '{word}' process waits '{int}' second before reading")
    public void waitBeforeReading(String process, int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }

    /**
     * @param process the role
     * @param count   frames
     * @throws InterruptedException if interrupted
     */
    @When("the '{word}' process reads all '{int}' frames")
    public void readAll(String process, int count) throws InterruptedException {
        basic.readStream(count, 0);
        world.context().put("framesExpected", String.valueOf(count));
    }

    /** Checks count and order. */
    @Then("all frames should be received correctly")
    public void allReceived() {
        String expected = world.context().get("framesExpected");
        StepFailure.expectEqual("frames read", Integer.parseInt(expected), basic.streamSequences().size());
        basic.sequentialFrom("reader", 1);
    }

    /** Checks every byte. */
    @Then("data integrity should be maintained")
    public void integrity() {
        StepFailure.expect(basic.streamErrors().isEmpty(), "expected no data errors, saw " + basic.streamErrors());
    }

    /** @param process the role */
    @When("the '{word}' process writes frames continuously")
    public void continuously(String process) {
        flow = Flow.start(world, BasicCommunicationSteps.DEFAULT_FRAME_SIZE);
    }

    /**
     * @param process    the role
     * @param intervalMs pause after each frame
     * @throws InterruptedException if interrupted
     */
    @When("the '{word}' process reads one frame every '{int}' ms")
    public void paced(String process, int intervalMs) throws InterruptedException {
        basic.readStream(PACED_FRAMES, intervalMs);
        StepFailure.expect(basic.streamErrors().isEmpty(), "expected no errors while reading, saw " + basic.streamErrors());
        world.context().put("framesRead", String.valueOf(basic.streamSequences().size()));
    }

    /** @param process the role */
    @Then("the '{word}' process should block when buffer full")
    public void blockWhenFull(String process) {
        StepFailure.expect(flow != null, "expected a continuous writer started by an earlier step, there is none");
        StepFailure.expect(flow.blocked.get() > 0, "expected the writer to wait for space at least once, it never did");
    }

    /**
     * The writer's side of "no frames should be lost" (06.3; the step text is shared with
     * 04.9, see {@link EdgeCaseSteps#noFramesLost()}): every frame written was read or is still
     * in the ring.
     *
     * @param world the scenario state
     * @param flow  the continuous writer
     */
    static void noneLost(World world, Flow flow) {
        flow.stopAndCheck();
        String read = world.context().get("framesRead");
        StepFailure.expect(read != null, "expected the reader's frame count in the context, it is not there");
        long committed = flow.writer().framesWritten();
        long unread = EdgeCaseSteps.semaphoreValue("sem-w-" + flow.writer().name());
        StepFailure.expectEqual("frames committed = frames the reader read (" + read + ") + frames still signalled (" + unread + ")",
                committed, Long.parseLong(read) + unread);
    }

    /** Stops the writer and checks it failed for nothing but the stop. */
    @Then("flow control should work correctly")
    public void flowWorks() {
        EdgeCaseSteps.checkFlow(flow, world);
    }

    /** @param process the role */
    @When("the '{word}' process writes frame and signal")
    public void frameAndSignal(String process) {
        Writer writer = world.writer();
        writer.write(Patterns.frame(BasicCommunicationSteps.DEFAULT_FRAME_SIZE, writer.framesWritten() + 1));
    }

    /** @param process the role */
    @When("the '{word}' process immediately writes another frame before reader wakes")
    public void another(String process) {
        frameAndSignal(process);
    }

    /** @param process the role */
    @Then("the '{word}' process should process both frames correctly")
    public void bothFrames(String process) {
        for (long seq = 1; seq <= 2; seq++) {
            Frame f = world.readRecorded();
            StepFailure.expectEqual("sequence", seq, f.sequence());
            Patterns.check(f.data(), seq, "frame " + seq);
            world.releaseHeldFrame();
        }
    }

    /** Checks the semaphore against the unread frames. */
    @Then("the semaphore count should reflect pending frames")
    public void semaphoreReflects() {
        String name = world.hasReader() ? world.reader().name() : world.writer().name();
        long pending = world.hasReader() ? world.reader().status().framesInFlight() : world.writer().status().framesInFlight();
        StepFailure.expectEqual("sem-w count", pending, EdgeCaseSteps.semaphoreValue("sem-w-" + name));
    }
}
