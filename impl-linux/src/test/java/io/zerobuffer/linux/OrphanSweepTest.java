package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.linux.layout.OiebDescriptor;
import io.zerobuffer.linux.posix.NamedSemaphore;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import io.zerobuffer.testsupport.Peer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Orphans (docs/PROTOCOL.md §5): buffers whose lock file is gone or unheld and whose reader and writer
 * are both dead are removed by the next reader's sweep; nothing with a live party, nothing that
 * is not a v1 buffer, nothing this process may not remove.
 */
class OrphanSweepTest {
    private final List<String> names = new ArrayList<>();
    private LinuxZeroBufferFactory factory;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        io.zerobuffer.linux.posix.LockDirectory.ensure(ObjectNames.LOCK_DIRECTORY, "test");
    }

    @AfterEach
    void tearDown() throws IOException {
        factory.close();
        for (String name : names) {
            TestBuffers.removeRaw(name);
        }
    }

    private String name(String what) {
        String name = BufferNames.unique(what);
        names.add(name);
        return name;
    }

    /** @return a pid no process can have: above the kernel's pid_max */
    static long deadPid() throws IOException {
        // a stream, not Files.readString: a sysctl file read at an offset returns a single byte
        try (java.io.InputStream in = new java.io.FileInputStream("/proc/sys/kernel/pid_max")) {
            long pid = Long.parseLong(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim()) + 1;
            assertFalse(io.zerobuffer.linux.posix.Processes.isAlive(pid), "pid " + pid);
            return pid;
        }
    }

    /** Writes a v1 segment (1 KiB ring) with those pids, as a dead reader would leave it. */
    static void orphanSegment(String name, long readerPid, long writerPid) throws IOException {
        ByteBuffer segment = ByteBuffer.allocate(OiebDescriptor.OIEB_SIZE + 1024).order(ByteOrder.LITTLE_ENDIAN);
        segment.putInt(OiebDescriptor.OIEB_SIZE_OFFSET, OiebDescriptor.OIEB_SIZE);
        segment.put(OiebDescriptor.VERSION_MAJOR_OFFSET, (byte) 1);
        segment.putLong(OiebDescriptor.PAYLOAD_SIZE_OFFSET, 1024);
        segment.putLong(OiebDescriptor.PAYLOAD_FREE_BYTES_OFFSET, 1024);
        segment.putLong(OiebDescriptor.READER_PID_OFFSET, readerPid);
        segment.putLong(OiebDescriptor.WRITER_PID_OFFSET, writerPid);
        TestBuffers.writeRawSegment(name, segment);
    }

    static void orphanSemaphores(String name) {
        ObjectNames objects = ObjectNames.of(name);
        NamedSemaphore.create(name, objects.dataReady()).close();
        NamedSemaphore.create(name, objects.spaceFreed()).close();
    }

    private static Path shm(String name) {
        return Path.of("/dev/shm", name);
    }

    private static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** What any reader's creation runs first. */
    private void createAnotherReader() {
        String other = name("other");
        factory.createReader(other, BufferConfig.of(0, 1024)).close();
    }

    @Test
    void aBufferWhoseLockFileIsGoneAndWhosePartiesAreDeadIsSwept() throws Exception {
        String name = name("orphan-nolock");
        try (Peer reader = Peer.start(PeerProcess.class, "read-and-hold", name, "4096")) {
            reader.awaitLine("READY");
            reader.kill9();
        }
        Files.delete(ObjectNames.of(name).lockFile());   // anyone could have
        assertEquals(3, Leftovers.of(name).size(), "segment and both semaphores are left");
        createAnotherReader();
        Leftovers.assertNone(name);
    }

    @Test
    void aBufferWithAnUnheldLockFileAndDeadPartiesIsSwept() throws Exception {
        String name = name("orphan-unheld");
        orphanSegment(name, deadPid(), deadPid());
        orphanSemaphores(name);
        Files.write(ObjectNames.of(name).lockFile(), new byte[0]);
        createAnotherReader();
        Leftovers.assertNone(name);
    }

    @Test
    void semaphoresWithoutASegmentAreSwept() throws Exception {
        String name = name("orphan-sems");
        orphanSemaphores(name);
        createAnotherReader();
        Leftovers.assertNone(name);
    }

    @Test
    void aLiveWriterKeepsItsBufferAlthoughItsReaderDiedAndItsLockFileIsGone() throws Exception {
        String name = name("orphan-livewriter");
        orphanSegment(name, deadPid(), ProcessHandle.current().pid());
        orphanSemaphores(name);
        createAnotherReader();
        assertEquals(3, Leftovers.of(name).size(), "a live writer's buffer stays: " + Leftovers.of(name));
        assertFalse(exists(ObjectNames.of(name).lockFile()), "no lock file is left by the sweep");
        assertTrue(StaleSweep.sweep(true).stream().noneMatch(f -> f.buffer().equals(name)));
    }

    @Test
    void aFileThatIsNotAV1BufferIsNeverTouched() throws Exception {
        String zero = name("notv1-zero");
        TestBuffers.writeRawSegment(zero, ByteBuffer.allocate(4096));   // a creator that died before its header
        String other = name("notv1-other");
        ByteBuffer bytes = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(0, 128).put(4, (byte) 2);                         // another major version
        TestBuffers.writeRawSegment(other, bytes);
        orphanSemaphores(other);
        createAnotherReader();
        assertTrue(exists(shm(zero)) && exists(shm(other)), "a non-v1 file was removed");
        assertEquals(3, Leftovers.of(other).size(), "the semaphores of a non-v1 segment stay too");
    }

    @Test
    void aDryRunReportsWhatItWouldRemoveAndWhyAndChangesNothing() throws Exception {
        String name = name("orphan-dry");
        long dead = deadPid();
        orphanSegment(name, dead, 0);
        orphanSemaphores(name);
        List<StaleSweep.Finding> findings = mine(StaleSweep.sweep(true), name);
        assertEquals(3, findings.size(), findings.toString());
        for (StaleSweep.Finding f : findings) {
            assertEquals(StaleSweep.Outcome.WOULD_REMOVE, f.outcome(), f.toString());
            assertTrue(f.reason().contains("reader " + dead + " dead") && f.reason().contains("writer none (pid 0)")
                    && f.reason().contains("lock file missing"), f.reason());
        }
        assertEquals(3, Leftovers.of(name).size(), "a dry run changed something");
        List<StaleSweep.Finding> removed = mine(StaleSweep.sweep(false), name);
        assertEquals(List.of(StaleSweep.Outcome.REMOVED, StaleSweep.Outcome.REMOVED, StaleSweep.Outcome.REMOVED),
                removed.stream().map(StaleSweep.Finding::outcome).collect(Collectors.toList()), removed.toString());
        Leftovers.assertNone(name);
    }

    @Test
    void anotherUsersOrphanInTheStickyDirectoryIsReportedNotRemoved() throws Exception {
        assumeTrue(OtherUser.available(), "needs root and setpriv to run a second uid: skipped");
        String name = name("orphan-otheruser");
        orphanSegment(name, deadPid(), deadPid());
        orphanSemaphores(name);
        OtherUser.Result result = OtherUser.run(OtherUser.UID, SweepProbe.class, name);
        List<String> refused = result.lines().stream().filter(l -> l.startsWith("REFUSED")).collect(Collectors.toList());
        assertEquals(3, refused.size(), "segment and both semaphores reported: " + result);
        assertTrue(refused.get(0).contains("uid 65534 (nobody)") && refused.get(0).contains("may not remove"),
                refused.get(0));
        assertEquals(3, Leftovers.of(name).size(), "another user's files were removed");
        assertFalse(exists(ObjectNames.of(name).lockFile()), "the sweeping user's own lock file is not left behind");
        createAnotherReader();   // root's own reader may and does remove them
        Leftovers.assertNone(name);
    }

    @Test
    void aConcurrentCreatorOfTheSameNameIsNeverSweptAndNeverFails() throws Exception {
        String name = name("orphan-race");
        AtomicBoolean running = new AtomicBoolean(true);
        List<Throwable> sweepFailures = new CopyOnWriteArrayList<>();
        Thread sweeper = new Thread(() -> {
            while (running.get()) {
                try {
                    StaleSweep.sweep(false);
                } catch (Throwable t) {
                    sweepFailures.add(t);
                }
            }
        });
        sweeper.start();
        try {
            long dead = deadPid();
            for (int i = 0; i < 150; i++) {
                if (i % 2 == 0) {
                    orphanSegment(name, dead, dead);   // an orphan of the very name being created
                    try {
                        orphanSemaphores(name);
                    } catch (io.zerobuffer.linux.posix.NativeCallException sweptAtOnce) {
                        // made without a lock, as an orphan is: the sweeper may remove it before it is complete
                    }
                }
                Reader reader = factory.createReader(name, BufferConfig.of(0, 2048));
                Writer writer = factory.attachWriter(name);
                writer.write(new byte[] {(byte) i});
                try (Frame frame = reader.read(Duration.ofSeconds(5))) {
                    assertNotNull(frame, "iteration " + i + ": the live buffer was swept");
                    assertEquals((byte) i, frame.data().get(0));
                }
                assertEquals(3, Leftovers.of(name).size() - (exists(ObjectNames.of(name).lockFile()) ? 1 : 0),
                        "iteration " + i + ": " + Leftovers.of(name));
                assertTrue(exists(ObjectNames.of(name).lockFile()), "iteration " + i + ": the live reader's lock file");
                writer.close();
                reader.close();
            }
        } finally {
            running.set(false);
            sweeper.join();
        }
        assertEquals(List.of(), sweepFailures);
    }

    private static List<StaleSweep.Finding> mine(List<StaleSweep.Finding> all, String name) {
        return all.stream().filter(f -> f.buffer().equals(name)).collect(Collectors.toList());
    }

    /** Runs a sweep and prints its findings about one buffer, one per line: {@code OUTCOME path: reason}. */
    public static final class SweepProbe {
        private SweepProbe() {
        }

        public static void main(String[] args) {
            for (StaleSweep.Finding f : StaleSweep.sweep(false)) {
                if (f.buffer().equals(args[0])) {
                    System.out.println(f);
                }
            }
        }
    }
}
