package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.zerobuffer.linux.layout.OiebDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plain-Java program that never closes its reader and writer leaves nothing behind when its
 * JVM ends normally or on SIGTERM/SIGINT: the factory's shutdown hook closes everything it
 * opened. With the hook switched off (a host that manages its own lifecycle) nothing is closed,
 * which shows the switch works.
 */
class ExitCleanupTest {
    private String name;

    @BeforeEach
    void setUp() {
        name = TestBuffers.uniqueName("exit");
    }

    @AfterEach
    void tearDown() throws IOException {
        TestBuffers.removeRaw(name);
    }

    @Test
    void sigtermRemovesEverything() throws Exception {
        ChildJvm child = startAndAwaitReady("hold");
        signal(child, "TERM");
        int status = child.awaitExit(30);
        assertNotEquals(-1, status, "the child did not stop on SIGTERM: " + child.output());
        assertEquals(List.of(), TestBuffers.leftovers(name), "left after SIGTERM (exit " + status + "): " + child.output());
        child.delete();
    }

    @Test
    void sigintRemovesEverything() throws Exception {
        ChildJvm child = startAndAwaitReady("hold");
        signal(child, "INT");
        int status = child.awaitExit(30);
        assertNotEquals(-1, status, "the child did not stop on SIGINT: " + child.output());
        assertEquals(List.of(), TestBuffers.leftovers(name), "left after SIGINT (exit " + status + "): " + child.output());
        child.delete();
    }

    @Test
    void normalExitWithoutCloseRemovesEverything() throws Exception {
        ChildJvm child = ChildJvm.start(ExitScenarios.class, "return", name);
        int status = child.awaitExit(60);
        assertEquals(0, status, child.output());
        assertEquals(List.of(), TestBuffers.leftovers(name), "left after a normal exit: " + child.output());
        child.delete();
    }

    @Test
    void withTheHookSwitchedOffNothingIsClosedAtExit() throws Exception {
        ChildJvm child = startAndAwaitReady("hold-unmanaged");
        // An open descriptor keeps the segment readable whoever removes the name afterwards (other
        // processes' stale sweeps may, once both pids are dead): closing would have cleared them.
        try (FileChannel segment = FileChannel.open(Path.of("/dev/shm", name), StandardOpenOption.READ)) {
            signal(child, "TERM");
            assertNotEquals(-1, child.awaitExit(30), child.output());
            long pid = child.process.pid();
            assertEquals(pid, pidAt(segment, OiebDescriptor.READER_PID_OFFSET), "reader_pid after exit, hook off");
            assertEquals(pid, pidAt(segment, OiebDescriptor.WRITER_PID_OFFSET), "writer_pid after exit, hook off");
        }
        child.delete();
    }

    private static long pidAt(FileChannel segment, int offset) throws IOException {
        ByteBuffer field = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        segment.read(field, offset);
        return field.getLong(0);
    }

    private ChildJvm startAndAwaitReady(String mode) throws Exception {
        ChildJvm child = ChildJvm.start(ExitScenarios.class, mode, name);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child.line("READY") == null) {
            if (!child.process.isAlive() || System.nanoTime() > deadline) {
                child.process.destroyForcibly();
                throw new AssertionError("child not ready: " + child.output());
            }
            Thread.sleep(20);
        }
        assertEquals(4, TestBuffers.leftovers(name).size(), "the child's buffer exists while it runs");
        return child;
    }

    private static void signal(ChildJvm child, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }
}
