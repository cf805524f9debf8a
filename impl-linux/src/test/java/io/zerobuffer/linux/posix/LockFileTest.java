package io.zerobuffer.linux.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.UnsafeFileException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock file and lock directory rules, on a private directory. */
class LockFileTest {
    @TempDir
    Path temp;

    @Test
    void anExistingLockFileIsLockedWithItsModeUnchanged() throws Exception {
        Path path = temp.resolve("x.lock");
        Files.write(path, new byte[0]);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r-----"));
        try (LockFile lock = LockFile.acquire("x", path, 0666, 0)) {
            assertNotNull(lock);
            assertFalse(lock.created());
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)),
                    "a file this process did not create was chmod-ed");
        }
    }

    @Test
    void aNewLockFileGetsExactlyTheRequestedModeWhateverTheUmask() throws Exception {
        int previous = LibC.umask(077);
        try {
            for (int mode : new int[] {0666, 0660, 0600}) {
                Path path = temp.resolve("m" + Integer.toOctalString(mode) + ".lock");
                try (LockFile lock = LockFile.acquire("x", path, mode, 0)) {
                    assertTrue(lock.created());
                    assertEquals(mode, FileStatus.lstat(path).permissions(), "mode of " + path);
                }
            }
        } finally {
            LibC.umask(previous);
        }
    }

    @Test
    void aHeldLockIsNotTakenTwiceAndTheSweepSkipsIt() throws Exception {
        Path path = temp.resolve("held.lock");
        try (LockFile first = LockFile.acquire("x", path, 0666, 0)) {
            assertNull(LockFile.acquire("x", path, 0666, 0), "flock is per open file description");
            assertNull(LockFile.tryExisting(path));
            assertNull(LockFile.tryCreate("x", path), "the path exists");
        }
        LockFile swept = LockFile.tryExisting(path);
        assertNotNull(swept, "an unheld lock can be taken by the sweep");
        assertTrue(swept.deleteAndRelease());
        assertFalse(Files.exists(path));
    }

    @Test
    void deleteAndReleaseNeverRemovesAPathThatNamesAnotherFileNow() throws Exception {
        Path path = temp.resolve("replaced.lock");
        LockFile lock = LockFile.acquire("x", path, 0666, 0);
        Files.delete(path);
        Path target = temp.resolve("target");
        Files.write(target, new byte[] {1});
        Files.createSymbolicLink(path, target);
        assertFalse(lock.deleteAndRelease());
        assertTrue(Files.isSymbolicLink(path));
        assertTrue(Files.exists(target));
    }

    @Test
    void aNewLockDirectoryIsStickyAndWorldWritableWhateverTheUmask() throws Exception {
        Path dir = temp.resolve("locks");
        int previous = LibC.umask(077);
        try {
            LockDirectory.ensure(dir, "x");
        } finally {
            LibC.umask(previous);
        }
        assertEquals(01777, FileStatus.lstat(dir).permissions());
    }

    @Test
    void anOwnLockDirectoryWithoutTheStickyBitGetsIt() throws Exception {
        Path dir = temp.resolve("locks");
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        LockDirectory.ensure(dir, "x");
        assertEquals(01777, FileStatus.lstat(dir).permissions());
    }

    @Test
    void aLockDirectoryThatIsASymlinkOrAFileIsRefused() throws Exception {
        Path real = temp.resolve("real");
        Files.createDirectory(real);
        Path link = temp.resolve("link");
        Files.createSymbolicLink(link, real);
        UnsafeFileException e = assertThrows(UnsafeFileException.class, () -> LockDirectory.ensure(link, "x"));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        Path file = temp.resolve("file");
        Files.write(file, new byte[0]);
        assertThrows(UnsafeFileException.class, () -> LockDirectory.ensure(file, "x"));
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS));
    }
}
