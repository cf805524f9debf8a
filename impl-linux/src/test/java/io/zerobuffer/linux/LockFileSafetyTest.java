package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.UnsafeFileException;
import io.zerobuffer.linux.posix.FileStatus;
import io.zerobuffer.linux.posix.LockDirectory;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock path planted by another local user (a symbolic link, a FIFO, a directory) is never
 * followed, changed or removed, by a reader or by the stale sweep.
 */
class LockFileSafetyTest {
    private static final byte[] SECRET = "do not touch".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path temp;

    private LinuxZeroBufferFactory factory;
    private String name;
    private Path lockPath;

    @BeforeEach
    void setUp() throws IOException {
        factory = new LinuxZeroBufferFactory();
        name = BufferNames.unique("lockfile");
        LockDirectory.ensure(ObjectNames.LOCK_DIRECTORY, name);
        lockPath = ObjectNames.of(name).lockFile();
    }

    @AfterEach
    void tearDown() throws Exception {
        factory.close();
        Files.deleteIfExists(lockPath);   // the planted link or FIFO itself (never followed)
        deleteDirectoryIfPresent(lockPath);
        TestBuffers.removeRaw(name);
    }

    @Test
    void aSymlinkToAnExistingFileIsRefusedAndTheFileKeepsItsModeAndContent() throws Exception {
        Path target = temp.resolve("victim");
        Files.write(target, SECRET);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(lockPath, target);

        UnsafeFileException e = assertThrows(UnsafeFileException.class,
                () -> factory.createReader(name, BufferConfig.of(0, 1024)));
        assertTrue(e.getMessage().contains(lockPath.toString()) && e.getMessage().contains("symbolic link"),
                e.getMessage());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)),
                "the link's target keeps its mode");
        assertArrayEquals(SECRET, Files.readAllBytes(target), "the link's target keeps its content");
        assertTrue(Files.isSymbolicLink(lockPath), "the planted link is not removed");
        assertFalse(Files.exists(Path.of("/dev/shm", name)), "nothing was created for the buffer");
    }

    @Test
    void aDanglingSymlinkIsRefusedAndItsTargetIsNotCreated() throws Exception {
        Path target = temp.resolve("would-be-created");
        Files.createSymbolicLink(lockPath, target);

        assertThrows(UnsafeFileException.class, () -> factory.createReader(name, BufferConfig.of(0, 1024)));
        assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS), "the link's target was created");
        assertTrue(Files.isSymbolicLink(lockPath), "the planted link is not removed");
    }

    @Test
    void aFifoAtTheLockPathIsRefusedAndKept() throws Exception {
        mkfifo(lockPath);
        UnsafeFileException e = assertThrows(UnsafeFileException.class,
                () -> factory.createReader(name, BufferConfig.of(0, 1024)));
        assertTrue(e.getMessage().contains("FIFO"), e.getMessage());
        assertTrue(Files.exists(lockPath, LinkOption.NOFOLLOW_LINKS), "the FIFO is not removed");
    }

    @Test
    void aDirectoryAtTheLockPathIsRefusedAndKept() throws Exception {
        Files.createDirectory(lockPath);
        UnsafeFileException e = assertThrows(UnsafeFileException.class,
                () -> factory.createReader(name, BufferConfig.of(0, 1024)));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
        assertTrue(Files.isDirectory(lockPath, LinkOption.NOFOLLOW_LINKS), "the directory is not removed");
    }

    @Test
    void theStaleSweepNeitherFollowsNorRemovesASymlinkedLock() throws Exception {
        Path target = temp.resolve("victim");
        Files.write(target, SECRET);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(lockPath, target);

        StaleSweep.sweepAll();
        String other = BufferNames.unique("lockfile-other");
        factory.createReader(other, BufferConfig.of(0, 1024)).close();   // a reader's own sweep

        assertTrue(Files.isSymbolicLink(lockPath), "the sweep removed the planted link");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertArrayEquals(SECRET, Files.readAllBytes(target));
        Leftovers.assertNone(other);
    }

    @Test
    void theStaleSweepLeavesAFifoAtALockPathAlone() throws Exception {
        mkfifo(lockPath);
        StaleSweep.sweepAll();
        assertTrue(Files.exists(lockPath, LinkOption.NOFOLLOW_LINKS), "the sweep removed the FIFO");
    }

    @Test
    void afterAReaderRanTheLockDirectoryIsNeverWritableByOthersWithoutTheStickyBit() throws Exception {
        factory.createReader(name, BufferConfig.of(0, 1024)).close();
        int mode = (Integer) Files.getAttribute(ObjectNames.LOCK_DIRECTORY, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        int owner = (Integer) Files.getAttribute(ObjectNames.LOCK_DIRECTORY, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        assumeTrue(owner == FileStatus.currentUid(), "the lock directory belongs to another user: only logged");
        assertTrue((mode & 0022) == 0 || (mode & 01000) != 0, "others may delete lock files in "
                + ObjectNames.LOCK_DIRECTORY + ": mode " + Integer.toOctalString(mode & 07777));
    }

    static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo " + path);
    }

    private static void deleteDirectoryIfPresent(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
        }
    }
}
