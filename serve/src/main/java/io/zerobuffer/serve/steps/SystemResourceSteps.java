package io.zerobuffer.serve.steps;

import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.ZeroBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Feature 07, system resources: partial initialisation, exhaustion, memory ordering, patterns. */
public final class SystemResourceSteps {
    private static final long MAGIC = 0x5A42_5354_5255_4354L;
    private static final int STRUCTURE_SIZE = 8 + 8 + 8 + 4 + 8 + 64 + 8;

    private final World world;
    private String pendingName;
    private Throwable creationFailure;
    private boolean limited;
    private final List<String> patternErrors = new ArrayList<>();

    /** @param world the scenario state */
    public SystemResourceSteps(World world) {
        this.world = world;
        world.onReset(this::restoreLimit);
    }

    /** @param buffer the scenario's buffer name, created by the next step */
    @Given("attempt to create buffer '{string}' with default config")
    public void attemptCreate(String buffer) {
        pendingName = world.name(buffer);
    }

    /** Creates the buffer while its data-ready semaphore cannot be created. */
    @Given("the test simulates semaphore creation failure")
    public void semaphoreFailure() {
        StepFailure.expect(pendingName != null, "expected a buffer named by an earlier step, none was");
        creationFailure = Faults.createWithBlockedSemaphore(world, pendingName);
    }

    /** Checks the failure. */
    @Then("the buffer creation should fail")
    public void creationFails() {
        StepFailure.expect(creationFailure instanceof ZeroBufferException, "expected a ZeroBufferException from the "
                + "creation, saw " + (creationFailure == null ? "success" : World.describe(creationFailure)));
    }

    /** Checks that the segment created before the failure is gone. */
    @Then("the shared memory should be cleaned up")
    public void shmCleaned() {
        StepFailure.expect(!java.nio.file.Files.exists(java.nio.file.Path.of("/dev/shm", pendingName)),
                "expected /dev/shm/" + pendingName + " removed after the failed creation, it is there");
    }

    /** Checks that nothing of the buffer is left. */
    @Then("no resources should be leaked")
    public void noLeak() {
        StepFailure.expect(Faults.leftovers(pendingName).isEmpty(), "expected nothing left of " + pendingName + ", saw "
                + Faults.leftovers(pendingName));
    }

    /** Lowers this process's open-file limit to what it has open now, so no new segment can be opened. */
    @Given("create maximum allowed shared memory segments")
    public void exhaust() {
        long open = Faults.openFiles();
        limited = Faults.limitOpenFiles(open + 2, 1 << 20);
        StepFailure.expect(limited, "expected prlimit to lower the open-file limit of this process, it failed");
        world.log(2, "open-file limit lowered to " + (open + 2) + " (" + open + " open)");
    }

    /** @param buffer the scenario's buffer name */
    @When("attempt to create one more buffer '{string}'")
    public void createOneMore(String buffer) {
        pendingName = world.name(buffer);
        createUnderLimit(buffer);
    }

    /**
     * Creates a buffer under the lowered limit, keeps the outcome as the world's last error and
     * restores the limit.
     *
     * @param buffer the scenario's buffer name
     */
    void createUnderLimit(String buffer) {
        world.context().put("pendingBuffer", buffer);
        try {
            world.createReader(buffer, BasicCommunicationSteps.DEFAULT_CONFIG);
            world.lastError(null);
        } catch (RuntimeException e) {
            world.lastError(e);
        } finally {
            restoreLimit();
        }
    }

    void restoreLimit() {
        if (limited) {
            Faults.limitOpenFiles(1 << 20, 1 << 20);
            limited = false;
        }
    }

    /** Checks that the OS refused it and the message says so. */
    @Then("the creation should fail with system error")
    public void systemError() {
        Throwable failure = world.lastError();
        StepFailure.expect(failure instanceof ZeroBufferException, "expected a ZeroBufferException from the OS, saw "
                + (failure == null ? "success" : World.describe(failure)));
    }

    /** Checks the message names the buffer and the OS error. */
    @Then("an appropriate error message should be returned")
    public void errorMessage() {
        systemError();
        String m = world.lastError().getMessage();
        StepFailure.expect(m != null && m.contains(pendingName), "expected the message to name " + pendingName + ", saw: " + m);
    }

    // ---- 7.3 ---------------------------------------------------------------------------------------

    /** @param process the role */
    @When("the '{word}' process writes complex structure with multiple fields")
    public void writeStructure(String process) {
        Writer writer = world.writer();
        long seq = writer.framesWritten() + 1;
        ByteBuffer b = writer.acquire(STRUCTURE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, MAGIC);
        b.putLong(8, seq);
        b.putLong(16, System.nanoTime());
        b.putInt(24, 42);
        b.putDouble(28, Math.PI);
        byte[] text = String.format("%-64s", "zerobuffer structure " + seq).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 64; i++) {
            b.put(36 + i, text[i]);
        }
        b.putLong(100, checksum(b));
        writer.commit();
    }

    private static long checksum(ByteBuffer b) {
        long sum = 17;
        for (int i = 0; i < 100; i++) {
            sum = sum * 31 + b.get(i);
        }
        return sum;
    }

    /** The writer commits with a release fence before its post (the engine's rule); checks it committed. */
    @When("the system ensures memory barriers are in place")
    public void barriers() {
        StepFailure.expect(world.writer().framesWritten() >= 1, "expected the structure committed, nothing was");
    }

    /** @param process the role */
    @Then("the '{word}' process should read structure after semaphore signal")
    public void readStructure(String process) {
        Frame f = world.readRecorded();
        StepFailure.expectEqual("structure size", STRUCTURE_SIZE, f.size());
    }

    /** Checks every field. */
    @Then("all fields should be fully visible")
    public void fieldsVisible() {
        ByteBuffer b = ByteBuffer.wrap(world.lastData()).order(ByteOrder.LITTLE_ENDIAN);
        StepFailure.expectEqual("magic", MAGIC, b.getLong(0));
        StepFailure.expectEqual("sequence field", world.lastSequence(), b.getLong(8));
        StepFailure.expectEqual("int field", 42, b.getInt(24));
        StepFailure.expectEqual("double field", Math.PI, b.getDouble(28));
    }

    /** Checks the checksum over every field. */
    @Then("no partially visible writes should occur")
    public void noPartial() {
        ByteBuffer b = ByteBuffer.wrap(world.lastData()).order(ByteOrder.LITTLE_ENDIAN);
        StepFailure.expectEqual("checksum over the fields", checksum(b), b.getLong(100));
    }

    // ---- 7.4 ---------------------------------------------------------------------------------------

    /**
     * @param process the role
     * @param size    payload bytes, byte i = i mod 256, filled in place
     */
    @When("the '{word}' process writes frame with size '{int}' using incrementing pattern")
    public void incrementing(String process, int size) {
        Writer writer = world.writer();
        ByteBuffer slot = writer.acquire(size);
        Patterns.fill(slot, 0);
        writer.commit();
        String sizes = world.context().get("patternSizes");
        world.context().put("patternSizes", sizes == null ? String.valueOf(size) : sizes + "," + size);
    }

    /** @param process the role */
    @Then("the '{word}' process should validate each byte matches expected pattern")
    public void validateEach(String process) {
        String sizes = world.context().get("patternSizes");
        StepFailure.expect(sizes != null, "expected the writer's frame sizes in the context, none are there");
        patternErrors.clear();
        for (String s : sizes.split(",")) {
            Frame f = world.readAndHold(World.READ_TIMEOUT);
            if (f.size() != Integer.parseInt(s)) {
                patternErrors.add("frame " + f.sequence() + ": expected " + s + " bytes, saw " + f.size());
            }
            int at = Patterns.firstMismatch(f.data(), 0);
            if (at >= 0) {
                patternErrors.add("frame " + f.sequence() + ": byte " + at + " expected " + (at & 0xFF) + ", saw "
                        + (f.data().get(at) & 0xFF));
            }
            world.releaseHeldFrame();
        }
        StepFailure.expect(patternErrors.isEmpty(), "expected every byte to match, saw: " + patternErrors);
    }

    /** Checks the result of the validation. */
    @Then("no data corruption should be detected")
    public void noCorruption() {
        StepFailure.expect(patternErrors.isEmpty(), "expected no corruption, saw: " + patternErrors);
    }
}
