package io.zerobuffer.serve.steps;

import io.zerobuffer.api.BufferNames;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.linux.posix.NamedSemaphore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Feature 08, platform specifics: the Linux objects, names, stale objects. Windows steps do not apply here. */
public final class PlatformSteps {
    private static final String WINDOWS_ONLY = "Windows only: this serve runs on Linux, where the step has no meaning";

    private final World world;
    private final List<String> closedNames = new ArrayList<>();
    private Throwable longestResult;
    private Throwable tooLongResult;
    private final List<Object> staleInodes = new ArrayList<>();
    private String staleName;

    /** @param world the scenario state */
    public PlatformSteps(World world) {
        this.world = world;
    }

    /** @param platform the platform the scenario is for */
    @Given("the platform is '{string}'")
    public void platform(String platform) {
        String os = System.getProperty("os.name");
        StepFailure.expect(os.toLowerCase(Locale.ROOT).startsWith(platform.toLowerCase(Locale.ROOT)),
                "expected to run on " + platform + ", this serve runs on " + os);
    }

    /** @param dir the directory of shared memory objects */
    @Then("verify shared memory entry exists in '{string}'")
    public void shmExists(String dir) {
        Path p = Path.of(dir, world.reader().name());
        StepFailure.expect(Files.exists(p), "expected " + p + " to exist, it does not");
    }

    /** Checks both semaphores' files. */
    @Then("verify proper named semaphores created")
    public void semaphoresExist() {
        String name = world.reader().name();
        for (String sem : List.of("sem-w-" + name, "sem-r-" + name)) {
            StepFailure.expect(Files.exists(NamedSemaphore.fileOf(sem)), "expected " + NamedSemaphore.fileOf(sem) + " to exist");
        }
    }

    /** Creates and removes buffers whose names use the characters a file name may hold. */
    @Then("test with buffer names containing special characters")
    public void specialCharacters() {
        for (String base : List.of("special.dots", "special_under-score", "special+plus=eq", "special@at~tilde", "spécial-ü")) {
            String name = world.name(base);
            Reader r = world.engine().createReader(name, BasicCommunicationSteps.DEFAULT_CONFIG);
            try (Writer w = world.engine().attachWriter(name, World.writerOptions())) {
                w.write(Patterns.frame(16, 1));
                try (Frame f = r.read(World.READ_TIMEOUT)) {
                    StepFailure.expect(f != null, "expected a frame through buffer '" + name + "', none came");
                }
            } finally {
                r.close();
            }
            StepFailure.expect(Faults.leftovers(name).isEmpty(), "expected nothing left of '" + name + "', saw " + Faults.leftovers(name));
        }
    }

    /** Closes every reader and writer of this process. */
    @When("gracefully shutdown")
    public void gracefulShutdown() {
        world.releaseHeldFrame();
        world.writers().values().forEach(World::closeQuietly);
        world.writers().clear();
        for (Reader r : world.readers().values()) {
            closedNames.add(r.name());
            r.close();
        }
        world.readers().clear();
    }

    /** @param dir the directory of shared memory objects */
    @Then("verify proper cleanup in '{string}'")
    public void cleanupIn(String dir) {
        StepFailure.expect(!closedNames.isEmpty(), "expected buffers closed by an earlier step, none were");
        for (String name : closedNames) {
            for (String f : List.of(name, "sem.sem-w-" + name, "sem.sem-r-" + name)) {
                StepFailure.expect(!Files.exists(Path.of(dir, f)), "expected " + dir + f + " removed, it is there");
            }
        }
    }

    /** Windows only. */
    @Then("verify CreateFileMapping with proper naming")
    public void createFileMapping() {
        throw new StepFailure(WINDOWS_ONLY);
    }

    /** Windows only. */
    @Then("test Global vs Local namespace for different contexts")
    public void globalLocal() {
        throw new StepFailure(WINDOWS_ONLY);
    }

    /** Windows only. */
    @Then("verify semaphore limits and max count")
    public void semaphoreLimits() {
        throw new StepFailure(WINDOWS_ONLY);
    }

    /** Windows only. */
    @When("test across different user sessions")
    public void userSessions() {
        throw new StepFailure(WINDOWS_ONLY);
    }

    /** Windows only. */
    @Then("verify proper isolation or sharing as expected")
    public void isolation() {
        throw new StepFailure(WINDOWS_ONLY);
    }

    /** Checks the scenario's own name. */
    @Then("verify name contains only alphanumeric and dash")
    public void alphanumericAndDash() {
        String base = world.currentBuffer();
        StepFailure.expect(base.matches("[A-Za-z0-9-]+"), "expected only letters, digits and '-' in '" + base + "'");
    }

    /** Checks the full name against the Linux rule and the Windows object-name rule. */
    @Then("same name rules work on both platforms")
    public void bothRules() {
        String name = world.reader().name();
        BufferNames.validate(name);
        StepFailure.expect(windowsValid(name), "expected '" + name + "' to be a valid Windows object name too");
    }

    static boolean windowsValid(String name) {
        return name.length() <= 260 && name.chars().noneMatch(c -> c == '\\' || c < 32);
    }

    /** Creates a buffer with the longest name allowed, and tries one byte longer. */
    @When("test maximum name length")
    public void maximumLength() {
        String suffix = world.name("");
        String longest = "m".repeat(BufferNames.MAX_LENGTH_BYTES - suffix.length()) + suffix;
        try {
            world.engine().createReader(longest, io.zerobuffer.api.BufferConfig.of(0, 1024)).close();
            longestResult = null;
        } catch (RuntimeException e) {
            longestResult = e;
        }
        try {
            world.engine().createReader("m" + longest, io.zerobuffer.api.BufferConfig.of(0, 1024)).close();
            tooLongResult = null;
        } catch (RuntimeException e) {
            tooLongResult = e;
        }
    }

    /** Checks the two outcomes. */
    @Then("both platforms should handle it correctly")
    public void handled() {
        StepFailure.expect(longestResult == null, "expected a name of " + BufferNames.MAX_LENGTH_BYTES
                + " bytes to work, it failed: " + (longestResult == null ? "" : World.describe(longestResult)));
        StepFailure.expect(tooLongResult instanceof IllegalArgumentException, "expected a name one byte longer to be "
                + "refused with IllegalArgumentException, saw " + (tooLongResult == null ? "success" : World.describe(tooLongResult)));
    }

    // ---- 8.4 stale objects -------------------------------------------------------------------------

    /** @param buffer the scenario's buffer name */
    @Given("manually create stale lock file for '{string}'")
    public void staleLock(String buffer) throws IOException {
        staleName = world.name(buffer);
        Path lock = Path.of("/tmp/zerobuffer", staleName + ".lock");
        Files.createDirectories(lock.getParent());
        Files.write(lock, new byte[0]);
        staleInodes.add(ProcessLifecycleSteps.inode(lock));
    }

    /** @param buffer the scenario's buffer name */
    @Given("create orphaned shared memory for '{string}'")
    public void orphanedShm(String buffer) throws IOException, InterruptedException {
        staleName = world.name(buffer);
        Path shm = Path.of("/dev/shm", staleName);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        long metadata = 1024;
        long payload = 10240;
        try (FileChannel ch = FileChannel.open(shm, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ByteBuffer oieb = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
            oieb.putInt(0, 128).put(4, (byte) 1);
            oieb.putLong(0x08, metadata).putLong(0x10, metadata).putLong(0x20, payload).putLong(0x28, payload);
            oieb.putLong(0x58, gone.pid());
            ch.write(oieb, 0);
            ch.truncate(128 + metadata + payload);
            ch.write(ByteBuffer.wrap(new byte[] {0}), 128 + metadata + payload - 1);
        }
        staleInodes.add(ProcessLifecycleSteps.inode(shm));
        world.log(2, "orphaned " + shm + " of dead reader pid " + gone.pid());
    }

    /** @param buffer the scenario's buffer name */
    @Given("create orphaned semaphores for '{string}'")
    public void orphanedSemaphores(String buffer) {
        staleName = world.name(buffer);
        for (String sem : List.of("sem-w-" + staleName, "sem-r-" + staleName)) {
            NamedSemaphore s = NamedSemaphore.create(staleName, sem);
            StepFailure.expect(s != null, "expected to create semaphore " + sem + ", one exists already");
            s.post();
            s.close();
            staleInodes.add(ProcessLifecycleSteps.inode(NamedSemaphore.fileOf(sem)));
        }
    }

    /**
     * @param process the role
     * @param buffer  the scenario's buffer name
     */
    @When("the '{word}' process attempts to create buffer '{string}'")
    public void attemptCreate(String process, String buffer) {
        try {
            world.createReader(buffer, BasicCommunicationSteps.DEFAULT_CONFIG);
            world.lastError(null);
        } catch (RuntimeException e) {
            world.lastError(e);
        }
    }

    /** Checks that the creation got past the stale objects. */
    @Then("the stale resources should be detected")
    public void staleDetected() {
        StepFailure.expect(world.lastError() == null, "expected the creation to get past the stale objects, it failed: "
                + (world.lastError() == null ? "" : World.describe(world.lastError())));
        StepFailure.expect(!staleInodes.isEmpty(), "expected stale objects made by earlier steps, none were");
    }

    /** Checks that every stale object was replaced by a new one. */
    @Then("the old resources should be cleaned up")
    public void oldCleaned() {
        for (Path p : List.of(Path.of("/dev/shm", staleName), NamedSemaphore.fileOf("sem-w-" + staleName),
                NamedSemaphore.fileOf("sem-r-" + staleName))) {
            Object inode = ProcessLifecycleSteps.inode(p);
            StepFailure.expect(inode == null || !staleInodes.contains(inode), "expected " + p + " replaced, the stale one is still there");
        }
        Path lock = Path.of("/tmp/zerobuffer", staleName + ".lock");
        io.zerobuffer.linux.posix.LockFile other = io.zerobuffer.linux.posix.LockFile.tryExisting(lock);
        if (other != null) {
            other.close();
            throw new StepFailure("expected " + lock + " held by the new reader, it is free");
        }
        StepFailure.expectEqual("data-ready count of the new buffer", 0L, EdgeCaseSteps.semaphoreValue("sem-w-" + staleName));
    }

    /** Checks that the new buffer carries frames. */
    @Then("the new buffer should be created successfully")
    public void newBufferWorks() {
        Reader reader = world.reader();
        StepFailure.expectEqual("reader_pid", ProcessHandle.current().pid(), reader.status().readerPid());
        try (Writer w = world.engine().attachWriter(reader.name(), World.writerOptions())) {
            w.write("fresh".getBytes(StandardCharsets.US_ASCII));
            try (Frame f = reader.read(World.READ_TIMEOUT)) {
                StepFailure.expect(f != null, "expected the frame through the new buffer, none came");
            }
        }
    }
}
