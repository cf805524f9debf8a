package io.zerobuffer.linux.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.testsupport.Await;
import io.zerobuffer.testsupport.OpenFiles;
import io.zerobuffer.testsupport.Peer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ProcessWatch} and {@link PeerLiveness} against real processes: a {@code sleep} started
 * by a shell that reaps it only when told to (its stdin ends), so the test sees it alive, killed
 * but not reaped (a zombie), and reaped.
 */
class ProcessWatchTest {
    /**
     * Starts a sleep in the background, prints its pid, and reaps it only once stdin ends; then
     * prints REAPED and waits for stdin again (at its end at once).
     */
    private static final String PARENT = "sleep 600 & echo $!; read x; wait; echo REAPED; read y";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Peer parent;
    private long child;

    @BeforeEach
    void setUp() {
        parent = Peer.command("sh", "-c", PARENT);
        child = Long.parseLong(parent.awaitLine("").trim());
    }

    @AfterEach
    void tearDown() {
        ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        parent.close();
    }

    @Test
    void aLiveChildIsAliveAKilledOneIsDeadAsAZombieAndAfterItIsReaped() {
        try (ProcessWatch watch = ProcessWatch.of(child)) {
            assertTrue(watch.isAlive(), "sleep " + child + " runs");
            assertTrue(watch.isAlive(), "asked again");

            ProcessHandle.of(child).orElseThrow().destroyForcibly();
            Await.await(() -> stateOf(child) == 'Z', WAIT, "sleep " + child + " to be a zombie after kill -9");
            assertFalse(watch.isAlive(), "a zombie is dead");
            assertFalse(Processes.isAlive(child), "as Processes.isAlive says");

            parent.closeStdin();
            parent.awaitLine("REAPED");
            assertFalse(Files.exists(Path.of("/proc/" + child)), "reaped");
            assertFalse(watch.isAlive(), "a reaped process is dead");
        }
    }

    @Test
    void aWatchOpenedBeforeTheReapSeesTheDeathThroughItsOwnDescriptor() throws IOException {
        try (ProcessWatch watch = ProcessWatch.of(child)) {
            assertTrue(watch.isAlive());
            ProcessHandle.of(child).orElseThrow().destroyForcibly();
            parent.closeStdin();
            parent.awaitLine("REAPED");
            long before = openDescriptors();
            assertFalse(watch.isAlive(), "the read of a reaped process's stat fails: dead");
            assertEquals(before - 1, openDescriptors(), "a dead process's watch gives its descriptor back at once");
        }
    }

    @Test
    void aPidWithNoProcessIsDeadAndTheOwnPidAliveWithoutADescriptor() throws IOException {
        long before = openDescriptors();
        try (ProcessWatch self = ProcessWatch.of(ProcessHandle.current().pid());
                ProcessWatch zero = ProcessWatch.of(0);
                ProcessWatch negative = ProcessWatch.of(-5);
                ProcessWatch tooLarge = ProcessWatch.of(1L << 40)) {
            assertTrue(self.isAlive(), "this process");
            assertFalse(zero.isAlive(), "pid 0: nobody attached");
            assertFalse(negative.isAlive(), "a negative pid");
            assertFalse(tooLarge.isAlive(), "a pid above the int range");
            assertEquals(before, openDescriptors(), "none of these needs a descriptor");
        }
        ProcessHandle.of(child).orElseThrow().destroyForcibly();
        parent.closeStdin();
        parent.awaitLine("REAPED");
        try (ProcessWatch gone = ProcessWatch.of(child)) {
            assertFalse(gone.isAlive(), "a pid whose process is gone at open");
        }
    }

    @Test
    void closingGivesTheDescriptorBackAndAClosedWatchRefusesToAnswer() throws IOException {
        ProcessWatch.of(child).close();
        long before = openDescriptors();
        ProcessWatch last = null;
        for (int i = 0; i < 200; i++) {
            try (ProcessWatch watch = ProcessWatch.of(child)) {
                assertTrue(watch.isAlive());
                last = watch;
            }
        }
        assertEquals(before, openDescriptors(), "200 watches opened and closed leave no descriptor behind");
        ProcessWatch closed = last;
        assertThrows(IllegalStateException.class, closed::isAlive);
        closed.close();
    }

    @Test
    void askingAboutALiveProcessAllocatesNothing() {
        try (ProcessWatch watch = ProcessWatch.of(child)) {
            for (int i = 0; i < 10; i++) {
                assertEquals(50_000, ask(watch, 50_000));
            }
            long first = allocatedBytes();
            long overhead = allocatedBytes() - first;
            long before = allocatedBytes();
            int alive = ask(watch, 100_000);
            long allocated = allocatedBytes() - before - overhead;
            assertEquals(100_000, alive);
            assertTrue(allocated < 1024, "100,000 questions allocated " + allocated + " bytes");
        }
    }

    /** @return how many of {@code count} questions answered alive (a method of its own: compiled after warm-up) */
    private static int ask(ProcessWatch watch, int count) {
        int alive = 0;
        for (int i = 0; i < count; i++) {
            alive += watch.isAlive() ? 1 : 0;
        }
        return alive;
    }

    @Test
    void peerLivenessFollowsThePidItIsAskedAboutAndHoldsOneDescriptorAtMost() throws IOException {
        long self = ProcessHandle.current().pid();
        long before = openDescriptors();
        try (PeerLiveness liveness = new PeerLiveness()) {
            assertTrue(liveness.test(child));
            assertEquals(before + 1, openDescriptors(), "one watch open");
            assertTrue(liveness.test(child));
            assertTrue(liveness.test(self), "another pid: the watch moves");
            assertEquals(before, openDescriptors(), "the own pid needs no descriptor; the old one is closed");
            assertTrue(liveness.test(child));
            ProcessHandle.of(child).orElseThrow().destroyForcibly();
            Await.await(() -> !liveness.test(child), WAIT, "sleep " + child + " to be seen dead after kill -9");
            assertFalse(liveness.test(0), "pid 0");
        }
        assertEquals(before, openDescriptors(), "closed: nothing held");
    }

    /** @return the state letter of /proc/PID/stat, 0 if it cannot be read */
    private static char stateOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** @return this process's descriptors on a /proc/PID/stat file: the watches' */
    private static long openDescriptors() throws IOException {
        return OpenFiles.count("/proc/\\d+/stat");
    }

    private static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
