package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zerobuffer.linux.layout.OiebDescriptor;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import io.zerobuffer.testsupport.Peer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
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
        name = BufferNames.unique("exit");
    }

    @AfterEach
    void tearDown() throws IOException {
        TestBuffers.removeRaw(name);
    }

    @Test
    void sigtermRemovesEverything() throws Exception {
        Peer child = startAndAwaitReady("hold");
        signal(child, "TERM");
        int status = child.awaitExit(Duration.ofSeconds(30));
        assertEquals(List.of(), Leftovers.of(name), "left after SIGTERM (exit " + status + "): " + child.output());
    }

    @Test
    void sigintRemovesEverything() throws Exception {
        Peer child = startAndAwaitReady("hold");
        signal(child, "INT");
        int status = child.awaitExit(Duration.ofSeconds(30));
        assertEquals(List.of(), Leftovers.of(name), "left after SIGINT (exit " + status + "): " + child.output());
    }

    @Test
    void normalExitWithoutCloseRemovesEverything() throws Exception {
        Peer child = ChildJvm.start(ExitScenarios.class, "return", name);
        int status = child.awaitExit(Duration.ofSeconds(60));
        assertEquals(0, status, child.output());
        assertEquals(List.of(), Leftovers.of(name), "left after a normal exit: " + child.output());
    }

    @Test
    void withTheHookSwitchedOffNothingIsClosedAtExit() throws Exception {
        Peer child = startAndAwaitReady("hold-unmanaged");
        // An open descriptor keeps the segment readable whoever removes the name afterwards (other
        // processes' stale sweeps may, once both pids are dead): closing would have cleared them.
        try (FileChannel segment = FileChannel.open(Path.of("/dev/shm", name), StandardOpenOption.READ)) {
            signal(child, "TERM");
            child.awaitExit(Duration.ofSeconds(30));
            long pid = child.pid();
            assertEquals(pid, pidAt(segment, OiebDescriptor.READER_PID_OFFSET), "reader_pid after exit, hook off");
            assertEquals(pid, pidAt(segment, OiebDescriptor.WRITER_PID_OFFSET), "writer_pid after exit, hook off");
        }
    }

    private static long pidAt(FileChannel segment, int offset) throws IOException {
        ByteBuffer field = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        segment.read(field, offset);
        return field.getLong(0);
    }

    private Peer startAndAwaitReady(String mode) {
        Peer child = ChildJvm.start(ExitScenarios.class, mode, name);
        child.awaitReady();
        assertEquals(4, Leftovers.of(name).size(), "the child's buffer exists while it runs");
        return child;
    }

    private static void signal(Peer child, String signal) {
        child.signal(signal);
    }
}
