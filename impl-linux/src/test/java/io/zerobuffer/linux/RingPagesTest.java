package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import io.zerobuffer.testsupport.Peer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A new ring has its pages when it is created, and the writer's and reader's mappings have their
 * page tables when they attach: the frames of the first lap through the ring take no page faults
 * (before, the first lap of a 64 MiB ring took one fault per 4 KiB page in the writer, about 16,000,
 * each allocating and zeroing a page). Measured with the kernel's per-thread count of minor faults
 * ({@code /proc/thread-self/stat}) around the first lap.
 */
class RingPagesTest {
    private static final int RING = 64 << 20;
    private static final int PAGE = 4096;
    private static final int FRAME = (1 << 20) - 16;

    private LinuxZeroBufferFactory factory;
    private String name;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        name = BufferNames.unique("pages");
    }

    @AfterEach
    void tearDown() {
        factory.close();
        Leftovers.assertNone(name);
    }

    @Test
    void aNewRingHasAllItsPagesInSharedMemory() throws IOException, InterruptedException {
        try (Reader reader = factory.createReader(name, BufferConfig.of(4096, RING))) {
            long allocated = allocatedBytes(Path.of("/dev/shm", name));
            assertTrue(allocated >= RING, "/dev/shm/" + name + " has " + allocated + " bytes allocated, the ring "
                    + RING + ": its pages would be allocated by whoever first touches them");
        }
    }

    @Test
    void theFirstLapThroughTheRingTakesNoPageFaults() throws IOException {
        byte[] source = new byte[FRAME];
        source[0] = 1;
        source[FRAME - 1] = 2;
        try (Reader reader = factory.createReader(name, BufferConfig.of(4096, RING));
                Writer writer = factory.attachWriter(name, WriterOptions.defaults())) {
            int frames = RING / (FRAME + 16) - 1;
            long before = minorFaultsOfThisThread();
            for (int i = 0; i < frames; i++) {
                writer.write(source, 0, FRAME);
            }
            long writing = minorFaultsOfThisThread() - before;
            before = minorFaultsOfThisThread();
            long checksum = 0;
            for (int i = 0; i < frames; i++) {
                try (Frame frame = reader.read(Duration.ofSeconds(5))) {
                    checksum += frame.data().get(0) + frame.data().get(FRAME - 1);
                }
            }
            long reading = minorFaultsOfThisThread() - before;
            assertEquals(3L * frames, checksum, "every frame read back");
            long pages = (long) frames * FRAME / PAGE;
            // a few faults of the JVM's own (stacks, code) may fall in; one per page of the ring may not
            assertTrue(writing < pages / 20, "writing " + frames + " frames of " + FRAME + " bytes over " + pages
                    + " ring pages took " + writing + " page faults");
            assertTrue(reading < frames, "reading them took " + reading + " page faults");
        }
    }

    /**
     * A ring larger than the free space of {@code /dev/shm} is refused when the buffer is
     * created, naming the call and ENOSPC, instead of being created sparse and failing the
     * first process to touch a page that cannot be had, in the middle of the stream. Run in a
     * child JVM with a mount namespace of its own, whose {@code /dev/shm} is an 8 MiB tmpfs (root
     * only: the namespace and the mount need it).
     */
    @Test
    void aRingLargerThanTheFreeSharedMemoryIsRefusedWhenCreated() {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare")),
                "needs root and unshare for a private /dev/shm");
        Peer child = Peer.java(SharedMemorySpaceScenario.class)
                .wrapper("/usr/bin/unshare", "--mount", "--propagation", "private", "sh", "-c",
                        "mount -t tmpfs -o size=8m zerobuffer-test /dev/shm && exec \"$0\" \"$@\"")
                .jvmOptions("-Xmx128m", "-XX:ErrorFile=/dev/null", "-XX:-CreateCoredumpOnCrash")
                .args(name, Long.toString(16 << 20)).mergeStderr().start();
        int exit = child.awaitExit(Duration.ofSeconds(60));
        assertEquals(0, exit, child.output());
        String refused = child.line("refused ");
        assertNotNull(refused, "a 16 MiB ring in an 8 MiB /dev/shm was created:\n" + child.output());
        assertTrue(refused.contains("fallocate") && refused.contains("No space left on device"), refused);
    }

    /** Field 10 of {@code /proc/thread-self/stat}: minor faults of the calling thread. */
    private static long minorFaultsOfThisThread() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"), StandardCharsets.US_ASCII);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[7]);
    }

    /** {@code stat -c %b}, in bytes: what the file system has allocated to the file. */
    private static long allocatedBytes(Path file) throws IOException, InterruptedException {
        Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
        String out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertTrue(stat.waitFor(10, TimeUnit.SECONDS) && stat.exitValue() == 0, out);
        String[] parts = out.split(" ");
        return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
    }
}
