package io.zerobuffer.serve.steps;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferNames;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.linux.layout.OiebDescriptor;
import io.zerobuffer.linux.posix.LockFile;
import io.zerobuffer.linux.posix.NamedSemaphore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Feature 12, protocol compliance: the OIEB after each operation, alignment, lock file, semaphore names. */
public final class ProtocolComplianceSteps {
    private static final int[] WRITE_SIZES = {100, 1024, 4000, 1, 64};
    private static final int[] VARIOUS_SIZES = {1, 7, 63, 64, 65, 1000, 4096};
    private static final List<String> VARIOUS_NAMES = List.of("550e8400-e29b-41d4-a716-446655440000", "test_buffer-123",
            "very_long_buffer_name_that_tests_maximum_length_limits");

    private final World world;
    private final List<BufferStatus> snapshots = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private final List<String> created = new ArrayList<>();

    /** @param world the scenario state */
    public ProtocolComplianceSteps(World world) {
        this.world = world;
    }

    /** Writes frames of several sizes, taking an OIEB snapshot before the first and after each. */
    @When("performs multiple write operations")
    public void multipleWrites() {
        Writer w = world.writer();
        snapshots.clear();
        sizes.clear();
        snapshots.add(w.status());
        for (int size : WRITE_SIZES) {
            w.write(Patterns.frame(size, w.framesWritten() + 1));
            snapshots.add(w.status());
            sizes.add(size);
        }
        world.context().put("writeSizes", sizes.toString().replaceAll("[\\[\\] ]", ""));
    }

    /** @param process the role */
    @Then("the '{word}' process should verify after each write:")
    public void verifyWrites(String process) {
        StepFailure.expect(!sizes.isEmpty(), "expected write operations by an earlier step, there were none");
        for (int i = 0; i < sizes.size(); i++) {
            BufferStatus a = snapshots.get(i);
            BufferStatus b = snapshots.get(i + 1);
            long total = 16L + sizes.get(i);
            String op = "write " + (i + 1) + " (" + sizes.get(i) + " bytes): ";
            StepFailure.expectEqual(op + "payload_written_count", a.writtenCount() + 1, b.writtenCount());
            StepFailure.expectEqual(op + "payload_free_bytes", a.payloadFreeBytes() - total, b.payloadFreeBytes());
            StepFailure.expectEqual(op + "payload_write_pos", a.writePosition() + total, b.writePosition());
        }
        BufferStatus s = snapshots.get(snapshots.size() - 1);
        StepFailure.expectEqual("metadata_size mod 64", 0L, s.metadataSize() % 64);
        StepFailure.expectEqual("payload_size mod 64", 0L, s.payloadSize() % 64);
    }

    /** @param process the role */
    @When("the '{word}' process performs multiple read operations")
    public void multipleReads(String process) {
        Reader r = world.reader();
        String written = world.context().get("writeSizes");
        int count = written == null ? WRITE_SIZES.length : written.split(",").length;
        snapshots.clear();
        sizes.clear();
        snapshots.add(r.status());
        for (int i = 0; i < count; i++) {
            Frame f = world.readAndHold(World.READ_TIMEOUT);
            sizes.add(f.size());
            world.releaseHeldFrame();
            snapshots.add(r.status());
        }
    }

    /** @param process the role */
    @Then("the '{word}' process should verify after each read:")
    public void verifyReads(String process) {
        StepFailure.expect(!sizes.isEmpty(), "expected read operations by an earlier step, there were none");
        for (int i = 0; i < sizes.size(); i++) {
            BufferStatus a = snapshots.get(i);
            BufferStatus b = snapshots.get(i + 1);
            long total = 16L + sizes.get(i);
            String op = "read " + (i + 1) + " (" + sizes.get(i) + " bytes): ";
            StepFailure.expectEqual(op + "payload_read_count", a.readCount() + 1, b.readCount());
            StepFailure.expectEqual(op + "payload_free_bytes", a.payloadFreeBytes() + total, b.payloadFreeBytes());
            StepFailure.expectEqual(op + "payload_read_pos", a.readPosition() + total, b.readPosition());
        }
    }

    /** @param process the role */
    @Then("the '{word}' process should verify OIEB starts at 64-byte aligned address")
    public void oiebAligned(String process) {
        try (Mapped m = Mapped.open(world.reader().name())) {
            long address = Pointer.nativeValue(Native.getDirectBufferPointer(m.segment));
            StepFailure.expectEqual("OIEB address mod 64 (address 0x" + Long.toHexString(address) + ")", 0L, address % 64);
        }
    }

    /** Checks the metadata block's offset. */
    @Then("should verify metadata block starts at 64-byte aligned offset")
    public void metadataAligned() {
        StepFailure.expectEqual("metadata block offset mod 64", 0, OiebDescriptor.METADATA_BLOCK_OFFSET % 64);
    }

    /** Checks the ring's offset. */
    @Then("should verify payload block starts at 64-byte aligned offset")
    public void payloadAligned() {
        long offset = OiebDescriptor.payloadBlockOffset(world.reader().status().metadataSize());
        StepFailure.expectEqual("payload block offset " + offset + " mod 64", 0L, offset % 64);
    }

    /** Writes frames of sizes that are and are not multiples of 8 and 64. */
    @When("writes various sized frames")
    public void variousSizes() {
        Writer w = world.writer();
        snapshots.clear();
        sizes.clear();
        snapshots.add(w.status());
        for (int size : VARIOUS_SIZES) {
            w.write(Patterns.frame(size, w.framesWritten() + 1));
            sizes.add(size);
            snapshots.add(w.status());
        }
    }

    /**
     * The shared u64 fields sit at multiples of 8 (atomic access) from a 64-byte aligned block;
     * frames are packed back to back with no padding, as the protocol says, so each header
     * starts right after the previous frame.
     *
     * @param process the role
     */
    @Then("the '{word}' process should verify all data access respects alignment")
    public void accessAligned(String process) {
        for (int offset : new int[] {OiebDescriptor.METADATA_SIZE_OFFSET, OiebDescriptor.PAYLOAD_FREE_BYTES_OFFSET,
                OiebDescriptor.PAYLOAD_WRITE_POS_OFFSET, OiebDescriptor.WRITER_PID_OFFSET, OiebDescriptor.READER_PID_OFFSET}) {
            StepFailure.expectEqual("OIEB field offset " + offset + " mod 8", 0, offset % 8);
        }
        for (int i = 0; i < sizes.size(); i++) {
            StepFailure.expectEqual("header of frame " + (i + 1) + " right after the previous frame",
                    snapshots.get(i).writePosition() + 16 + sizes.get(i), snapshots.get(i + 1).writePosition());
        }
    }

    /** Checks the lock file's path. */
    @Then("verify lock file exists at correct location")
    public void lockExists() {
        Path lock = Path.of("/tmp/zerobuffer", world.reader().name() + ".lock");
        StepFailure.expect(Files.isRegularFile(lock), "expected lock file " + lock + ", there is none");
    }

    /** Tries to take the lock through another open file: it must be held. */
    @Then("verify lock file is actually locked")
    public void lockHeld() {
        Path lock = Path.of("/tmp/zerobuffer", world.reader().name() + ".lock");
        LockFile other = LockFile.tryExisting(lock);
        if (other != null) {
            other.close();
            throw new StepFailure("expected " + lock + " to be locked by the reader, another open file took the lock");
        }
    }

    /** The reader's process dies at once after answering: the lock is released by the kernel, the files stay. */
    @When("kill reader process")
    public void killReader() {
        world.context().put("buffer", world.currentBuffer());
        world.haltAfterResponse();
    }

    /** Creates the buffer again, in the fresh process that replaced the killed one. */
    @Then("new reader can acquire lock after detecting stale")
    public void newReaderAcquires() {
        world.createReader(world.currentBuffer(), BasicCommunicationSteps.DEFAULT_CONFIG);
        lockHeld();
    }

    /** Closes the reader. */
    @When("graceful shutdown")
    public void gracefulShutdown() {
        String base = world.currentBuffer();
        Reader r = world.readers().remove(base);
        StepFailure.expect(r != null, "expected a reader of '" + base + "' to close, there is none");
        created.add(r.name());
        world.releaseHeldFrame();
        r.close();
    }

    /** Checks the lock file is gone. */
    @Then("verify lock file is removed")
    public void lockRemoved() {
        for (String name : created) {
            Path lock = Path.of("/tmp/zerobuffer", name + ".lock");
            StepFailure.expect(!Files.exists(lock), "expected " + lock + " removed, it is there");
        }
    }

    /** Creates one buffer per name of the feature's table. */
    @Given("create buffers with various names:")
    public void variousNames() {
        for (String base : VARIOUS_NAMES) {
            Reader r = world.engine().createReader(world.name(base), BufferConfig.of(0, 1024));
            world.readers().put(base, r);
            created.add(r.name());
        }
    }

    /** Checks the semaphore files. */
    @Then("verify semaphores created as 'sem-w-{name}' and 'sem-r-{name}'")
    public void semaphoreNames() {
        for (String name : created) {
            for (String sem : List.of("sem-w-" + name, "sem-r-" + name)) {
                StepFailure.expect(Files.exists(NamedSemaphore.fileOf(sem)), "expected " + NamedSemaphore.fileOf(sem));
            }
        }
    }

    /** Checks every name against both platforms' rules. */
    @Then("verify both Linux and Windows naming rules respected")
    public void namingRules() {
        for (String name : created) {
            BufferNames.validate(name);
            StepFailure.expect(PlatformSteps.windowsValid(name), "expected '" + name + "' valid on Windows too");
        }
    }
}
