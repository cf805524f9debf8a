package io.zerobuffer.serve.steps;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterAlreadyConnectedException;
import io.zerobuffer.api.WriterDeadException;
import io.zerobuffer.api.ZeroBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Feature 02, process lifecycle: a writer or reader that dies, a reader that replaces a dead
 * one, a second writer refused.
 */
public final class ProcessLifecycleSteps {
    private final World world;
    private Object staleInode;
    private long staleReaderPid;
    private boolean staleSeen;

    /** @param world the scenario state */
    public ProcessLifecycleSteps(World world) {
        this.world = world;
    }

    /** @param process the role */
    @Then("the '{word}' process should timeout or detect writer death on next read")
    public void timeoutOrWriterDeath(String process) {
        world.releaseHeldFrame();
        try {
            Frame frame = world.reader().read(Duration.ofSeconds(2));
            if (frame != null) {
                long seq = frame.sequence();
                frame.close();
                throw new StepFailure("expected a timeout or writer death, read frame " + seq);
            }
            world.log(2, "read timed out");
        } catch (WriterDeadException expected) {
            world.log(2, "writer death detected: " + World.describe(expected));
        }
    }

    /** @param process the role */
    @When("the '{word}' process fills buffer completely")
    public void fillCompletely(String process) {
        int n = 0;
        for (int size : new int[] {BasicCommunicationSteps.DEFAULT_FRAME_SIZE, 256, 64, 16, 1}) {
            n += BasicCommunicationSteps.fillWithoutWaiting(world.writer(), size, 1.0);
        }
        world.log(2, n + " frames written, " + world.writer().status().payloadFreeBytes() + " bytes free: no frame fits");
    }

    /** @param process the role */
    @Then("the '{word}' process should detect reader death on next write")
    public void detectReaderDeath(String process) throws InterruptedException {
        Writer writer = world.writer();
        for (int i = 0; i < 10; i++) {
            try {
                writer.write(("test_" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (ReaderDeadException expected) {
                world.log(2, "reader death detected: " + expected.getMessage());
                return;
            } catch (ZeroBufferException other) {
                throw new StepFailure("expected ReaderDeadException, saw " + World.describe(other));
            }
            Thread.sleep(100);
        }
        throw new StepFailure("expected ReaderDeadException within 10 writes, every write succeeded");
    }

    /**
     * Creates the buffer again after its reader died, noting first what the dead reader left.
     *
     * @param process  the role
     * @param buffer   the scenario's buffer name
     * @param metadata metadata bytes
     * @param payload  ring bytes
     */
    @When("a new '{word}' process attempts to create buffer '{string}' with metadata size '{long}' and payload size '{long}'")
    public void newReader(String process, String buffer, long metadata, long payload) {
        Path shm = Path.of("/dev/shm", world.name(buffer));
        staleSeen = Files.exists(shm);
        if (staleSeen) {
            staleInode = inode(shm);
            staleReaderPid = readerPid(shm);
            world.log(2, "found " + shm + " of reader pid " + staleReaderPid + " (alive: "
                    + ProcessHandle.of(staleReaderPid).map(ProcessHandle::isAlive).orElse(false) + ")");
        }
        try {
            world.createReader(buffer, BufferConfig.of(metadata, payload));
            world.lastError(null);
        } catch (RuntimeException e) {
            world.lastError(e);
        }
    }

    /** Checks that the dead reader's buffer was there and its reader gone. */
    @Then("the new reader should detect stale resources")
    public void detectStale() {
        StepFailure.expect(staleSeen, "expected the dead reader's shared memory to be there before the new reader "
                + "created the buffer, there was none");
        StepFailure.expect(!ProcessHandle.of(staleReaderPid).map(ProcessHandle::isAlive).orElse(false),
                "expected the old reader pid " + staleReaderPid + " to be dead, it is alive");
    }

    /** Checks that the old segment was replaced. */
    @Then("the new reader should clean up stale resources")
    public void cleanedUp() {
        expectCreated();
        Path shm = Path.of("/dev/shm", world.reader().name());
        Object now = inode(shm);
        StepFailure.expect(now != null && !now.equals(staleInode), "expected a new shared memory object, saw the old inode "
                + staleInode + " still at " + shm);
    }

    /** Checks that the new buffer is fresh and owned by this process. */
    @Then("the new reader should create fresh buffer successfully")
    public void freshBuffer() {
        expectCreated();
        var status = world.reader().status();
        StepFailure.expectEqual("reader_pid", ProcessHandle.current().pid(), status.readerPid());
        StepFailure.expectEqual("payload_written_count of the fresh buffer", 0L, status.writtenCount());
    }

    private void expectCreated() {
        if (world.lastError() != null) {
            throw new StepFailure("expected the new reader to create the buffer, it failed: " + World.describe(world.lastError()));
        }
    }

    /**
     * @param process the role
     * @param buffer  the scenario's buffer name
     */
    @When("the '{word}' process detects reader death and reconnects to buffer '{string}'")
    public void reconnect(String process, String buffer) {
        Writer old = world.writers().remove(buffer);
        if (old != null) {
            StepFailure.expect(!old.isReaderConnected(), "expected the old reader to be gone, it is still connected");
            old.close();
        }
        world.attachWriter(buffer);
    }

    /**
     * @param process the role trying (writer or reader)
     * @param buffer  the scenario's buffer name
     */
    @When("a second '{word}' process attempts to connect to buffer '{string}'")
    public void secondConnect(String process, String buffer) {
        try {
            if (process.equals("reader")) {
                world.engine().createReader(world.name(buffer), BasicCommunicationSteps.DEFAULT_CONFIG).close();
            } else {
                world.engine().attachWriter(world.name(buffer), World.writerOptions()).close();
            }
            world.lastError(null);
        } catch (RuntimeException e) {
            world.lastError(e);
            world.log(2, "second " + process + " refused: " + World.describe(e));
        }
    }

    /** Checks the refusal. */
    @Then("the connection should fail with writer exists error")
    public void writerExists() {
        world.expectLastError(WriterAlreadyConnectedException.class, "second writer");
    }

    static Object inode(Path p) {
        try {
            return Files.getAttribute(p, "unix:ino");
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    static long readerPid(Path shm) {
        try (FileChannel ch = FileChannel.open(shm, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, 0);
            return b.getLong(0x58);
        } catch (IOException e) {
            return 0;
        }
    }
}
