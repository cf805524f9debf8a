package io.zerobuffer.serve.steps;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterDeadException;
import io.zerobuffer.api.ZeroBufferException;
import io.zerobuffer.linux.layout.FrameHeaderDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Feature 10, advanced error handling. */
public final class AdvancedErrorSteps {
    private final World world;
    private String partialName;
    private Throwable partialFailure;
    private final List<String> corruptionFailures = new ArrayList<>();
    private ByteBuffer started;
    private Background blockedRead;
    private volatile Object blockedOutcome;
    private String probeOutput;

    /** @param world the scenario state */
    public AdvancedErrorSteps(World world) {
        this.world = world;
    }

    // ---- 10.1 ------------------------------------------------------------------------------------

    /** @param buffer the scenario's buffer name */
    @Given("the test creates shared memory successfully for '{string}'")
    public void sharedMemoryFor(String buffer) {
        partialName = world.name(buffer);
        StepFailure.expect(Faults.leftovers(partialName).isEmpty(), "expected no objects named " + partialName + " yet, saw "
                + Faults.leftovers(partialName));
    }

    /** Creates the buffer with a directory where its data-ready semaphore's file must go. */
    @When("simulate failure creating sem-w semaphore")
    public void semWFailure() {
        StepFailure.expect(partialName != null, "expected a buffer named by an earlier step, none was");
        partialFailure = Faults.createWithBlockedSemaphore(world, partialName);
    }

    /** @param process the role */
    @Then("the '{word}' process should clean up shared memory")
    public void cleanedUp(String process) {
        StepFailure.expect(!Files.exists(Path.of("/dev/shm", partialName)), "expected /dev/shm/" + partialName
                + " removed after the failed creation, it is there");
    }

    /** @param process the role */
    @Then("the '{word}' process should throw appropriate exception")
    public void appropriateException(String process) {
        StepFailure.expect(partialFailure instanceof ZeroBufferException, "expected a ZeroBufferException, saw "
                + (partialFailure == null ? "success" : World.describe(partialFailure)));
        StepFailure.expect(partialFailure.getMessage().contains("sem-w-"), "expected the message to name the semaphore, saw: "
                + partialFailure.getMessage());
    }

    /** Checks that nothing of the buffer is left. */
    @Then("the test should verify no resources leaked")
    public void noLeak() {
        StepFailure.expect(Faults.leftovers(partialName).isEmpty(), "expected nothing left, saw " + Faults.leftovers(partialName));
    }

    // ---- 10.2 ------------------------------------------------------------------------------------

    /** @param process the role */
    @When("the '{word}' process writes valid frame")
    public void validFrame(String process) {
        Writer w = world.writer();
        w.write(Patterns.frame(BasicCommunicationSteps.DEFAULT_FRAME_SIZE, w.framesWritten() + 1));
    }

    /**
     * Runs each corruption against a buffer of this process's own (a reader needs the frame and
     * this process is the writer): size beyond the ring, wrong sequence, a garbage header.
     */
    @Then("test multiple corruption scenarios:")
    public void corruptionScenarios() {
        corruptionFailures.clear();
        corruptionCase("payload_size > remaining", 0, Long.MAX_VALUE / 2, io.zerobuffer.api.InvalidFrameSizeException.class);
        corruptionCase("sequence_number invalid", 8, 999, io.zerobuffer.api.SequenceErrorException.class);
        corruptionCase("header magic corrupted", -1, -1, ZeroBufferException.class);
        StepFailure.expect(corruptionFailures.isEmpty(), "expected every corruption rejected, saw: " + corruptionFailures);
    }

    private void corruptionCase(String label, int offset, long value, Class<? extends Throwable> expected) {
        String name = world.name("corruption-case-" + (corruptionFailures.size() + offset + 2));
        try (Reader r = world.engine().createReader(name, BufferConfig.of(0, 4096));
                Writer w = world.engine().attachWriter(name, World.writerOptions());
                Mapped m = Mapped.open(name)) {
            w.write(Patterns.frame(100, 1));
            int header = m.ringOffset();
            if (offset < 0) {
                for (int i = 0; i < FrameHeaderDescriptor.HEADER_LENGTH; i++) {
                    m.segment.put(header + i, (byte) 0xEE);
                }
            } else {
                m.segment.putLong(header + offset, value);
            }
            try {
                Frame f = r.read(World.READ_TIMEOUT);
                corruptionFailures.add(label + ": expected " + expected.getSimpleName() + ", read "
                        + (f == null ? "nothing" : "frame " + f.sequence() + " of " + f.size() + " bytes"));
            } catch (RuntimeException e) {
                if (!expected.isInstance(e)) {
                    corruptionFailures.add(label + ": expected " + expected.getSimpleName() + ", saw " + World.describe(e));
                } else {
                    world.log(2, label + ": rejected with " + World.describe(e));
                }
            }
        }
    }

    // ---- 10.3 ------------------------------------------------------------------------------------

    /**
     * @param process the role
     * @param size    payload bytes reserved in place and filled, not committed
     */
    @When("the '{word}' process starts writing large frame '{int}' bytes")
    public void startLarge(String process, int size) {
        Writer w = world.writer();
        long seq = w.framesWritten() + 1;
        started = w.acquire(size);
        Patterns.fill(started, seq);
    }

    /** @param process the role */
    @When("the '{word}' process detects reader death on next operation")
    public void detectOnNext(String process) {
        world.lastError(null);
        if (started != null) {
            try {
                world.writer().commit();
            } catch (RuntimeException e) {
                world.lastError(e);
            }
            started = null;
        }
        if (world.lastError() == null) {
            CorruptionSteps.attemptWritesUntilFailure(world);
        }
        world.expectLastError(ReaderDeadException.class, "write after the reader was killed");
    }

    // ---- 10.4 ------------------------------------------------------------------------------------

    /** @param process the role */
    @When("the '{word}' process waits on semaphore for data")
    public void waitOnSemaphore(String process) {
        Reader r = world.reader();
        blockedOutcome = null;
        blockedRead = world.start("blocked-read", self -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!self.stopRequested() && System.nanoTime() < deadline) {
                try {
                    Frame f = r.read(Duration.ofMillis(500));
                    if (f != null) {
                        blockedOutcome = "frame " + f.sequence();
                        f.close();
                        return;
                    }
                } catch (RuntimeException e) {
                    blockedOutcome = e;
                    return;
                }
            }
        });
    }

    /**
     * @param process the role
     * @param seconds how long the reader may take to notice
     */
    @Then("the '{word}' process should detect writer death after timeout '{int}' seconds")
    public void writerDeathAfter(String process, int seconds) {
        StepFailure.expect(blockedRead != null, "expected a read waiting since an earlier step, there is none");
        StepFailure.expect(blockedRead.await(Duration.ofSeconds(seconds + 2L)), "expected the waiting read to end within "
                + seconds + " s of the writer's death, it is still waiting");
        StepFailure.expect(blockedOutcome instanceof WriterDeadException, "expected WriterDeadException, saw " + blockedOutcome);
    }

    /** @param process the role */
    @Then("the '{word}' process should throw writer dead exception")
    public void writerDead(String process) {
        StepFailure.expect(blockedOutcome instanceof WriterDeadException, "expected WriterDeadException, saw " + blockedOutcome);
    }

    // ---- 10.5 ------------------------------------------------------------------------------------

    /** Lowers this process's open-file limit: sem_open needs a descriptor. */
    @Given("create maximum allowed semaphores")
    public void exhaustSemaphores() {
        StepFailure.expect(Faults.limitOpenFiles(Faults.openFiles() + 2, 1 << 20), "expected prlimit to lower the limit");
    }

    /** @param buffer the scenario's buffer name */
    @When("attempt to create buffer '{string}'")
    public void attemptCreate(String buffer) {
        world.context().put("pendingBuffer", buffer);
        try {
            world.createReader(buffer, BasicCommunicationSteps.DEFAULT_CONFIG);
            world.lastError(null);
        } catch (RuntimeException e) {
            world.lastError(e);
        } finally {
            Faults.limitOpenFiles(1 << 20, 1 << 20);
        }
    }

    /** Checks the error. */
    @Then("appropriate error handling should occur")
    public void handled() {
        StepFailure.expect(world.lastError() instanceof ZeroBufferException, "expected a ZeroBufferException, saw "
                + world.lastError());
    }

    /** Checks that the failed creation left nothing. */
    @Then("partial resources should be cleaned up")
    public void partialCleaned() {
        String name = world.name(world.context().get("pendingBuffer"));
        StepFailure.expect(Faults.leftovers(name).isEmpty(), "expected nothing left, saw " + Faults.leftovers(name));
    }

    // ---- 10.6 ------------------------------------------------------------------------------------

    /** @param user the user the reader stands for */
    @Given("the reader is '{string}'")
    public void readerIs(String user) {
        world.context().put("readerUser", user);
    }

    /**
     * Creates the buffer and restricts its objects to their owner (mode 0600).
     *
     * @param process the role
     * @param buffer  the scenario's buffer name
     * @throws IOException if a mode cannot be set
     */
    @Given("the '{word}' process creates buffer '{string}' with restrictive permissions")
    public void restrictive(String process, String buffer) throws IOException {
        Reader r = world.createReader(buffer, BasicCommunicationSteps.DEFAULT_CONFIG);
        for (Path p : List.of(Path.of("/dev/shm", r.name()), Path.of("/dev/shm", "sem.sem-w-" + r.name()),
                Path.of("/dev/shm", "sem.sem-r-" + r.name()))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** @param user the user the writer stands for */
    @When("the writer is '{string}'")
    public void writerIs(String user) {
        world.context().put("writerUser", user);
    }

    /**
     * Runs a writer's attach as another uid (nobody, 65534) in a child JVM.
     *
     * @throws IOException          if the child cannot start
     * @throws InterruptedException if interrupted
     */
    @When("another writer attempts to connect without permissions")
    public void attachAsOtherUser() throws IOException, InterruptedException {
        StepFailure.expect("root".equals(System.getProperty("user.name")), "expected to run as root to act as a second "
                + "user, running as " + System.getProperty("user.name"));
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Path jnaDir = Files.createTempDirectory("zb-serve-jna");
        Files.setPosixFilePermissions(jnaDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", javaCommand,
                "-Djna.tmpdir=" + jnaDir, "-cp", System.getProperty("java.class.path"), "io.zerobuffer.serve.AttachProbe",
                world.name(world.currentBuffer())).redirectErrorStream(true).start();
        boolean done = p.waitFor(30, TimeUnit.SECONDS);
        probeOutput = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!done) {
            p.destroyForcibly();
        }
        try (var files = Files.walk(jnaDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        world.log(2, "attach as uid 65534: " + probeOutput);
    }

    /** Checks that the other user's attach was refused for permissions. */
    @Then("permission denied error should be handled")
    public void permissionDenied() {
        StepFailure.expect(probeOutput != null, "expected the other user's attempt, there was none");
        StepFailure.expect(probeOutput.contains("ZeroBufferException") || probeOutput.contains("NativeCallException")
                || probeOutput.contains("Exception:"), "expected a named ZeroBuffer error, saw: " + probeOutput);
        StepFailure.expect(probeOutput.contains("EACCES") || probeOutput.toLowerCase().contains("permission"),
                "expected the error to say permission was denied, saw: " + probeOutput);
    }

    /**
     * Checks that a refused attach changed nothing in the shared header (the step text is shared
     * with 04.11, see {@link EdgeCaseSteps#noCorruption()}).
     *
     * @param world the scenario state
     */
    static void headerIntact(World world) {
        try (Mapped m = Mapped.open(world.name(world.currentBuffer()))) {
            StepFailure.expectEqual("oieb_size", 128, m.oieb.oiebSize());
            StepFailure.expectEqual("writer_pid", 0L, m.oieb.writerPid());
            StepFailure.expect(ProcessHandle.of(m.oieb.readerPid()).map(ProcessHandle::isAlive).orElse(false),
                    "expected the reader alive, reader_pid " + m.oieb.readerPid() + " is not");
        }
    }
}
