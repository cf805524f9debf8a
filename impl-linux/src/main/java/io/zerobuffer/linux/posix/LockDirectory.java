package io.zerobuffer.linux.posix;

import io.zerobuffer.api.UnsafeFileException;
import io.zerobuffer.api.ZeroBufferException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The directory of the readers' lock files, {@code /tmp/zerobuffer}, shared by every local user
 * and every implementation. Created with mode 1777 (sticky, like {@code /tmp}): everyone may
 * create lock files, only a file's owner may delete or replace it.
 *
 * <p>An existing directory is checked with {@code lstat}: a symbolic link or a non-directory is
 * an {@link UnsafeFileException} (a reader cannot keep its lock files safe there). A directory
 * that others may write without the sticky bit (the upstream peers create it 0777 or with the
 * umask's bits) is usable, but any user can then delete or replace another's lock file: when it
 * belongs to this process's user the sticky bit is added (no right a peer needs is taken away),
 * otherwise a WARNING is logged once on {@code java.util.logging} logger
 * {@code io.zerobuffer.linux.posix} naming the directory, its mode and owner. Refusing to run
 * there would break interoperation with peers for a risk that the rest of the engine contains:
 * lock files are never followed or chmod-ed, and a buffer with a live party is never removed.
 * Thread-safe.
 */
public final class LockDirectory {
    private static final Logger LOG = Logger.getLogger(LockDirectory.class.getPackageName());
    private static final int STICKY_ALL = 01777;
    private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

    private LockDirectory() {
    }

    /**
     * Creates the directory (mode 1777 whatever the umask) or checks the existing one.
     *
     * @param directory  the lock directory
     * @param bufferName the buffer being created (for messages)
     * @throws UnsafeFileException if the path is a symbolic link or not a directory
     * @throws ZeroBufferException if it cannot be created
     */
    public static void ensure(Path directory, String bufferName) {
        boolean created = false;
        try {
            Files.createDirectory(directory);
            created = true;
        } catch (FileAlreadyExistsException exists) {
            // checked below
        } catch (IOException e) {
            throw new ZeroBufferException(bufferName, "cannot create the lock directory " + directory + ": " + e, e);
        }
        FileStatus status;
        try {
            status = FileStatus.lstat(directory);
        } catch (IOException e) {
            throw new ZeroBufferException(bufferName, "cannot examine the lock directory " + directory + ": " + e, e);
        }
        if (status == null) {
            throw new ZeroBufferException(bufferName, "the lock directory " + directory + " vanished while being created");
        }
        if (!status.isDirectory()) {
            throw new UnsafeFileException(bufferName, "the lock directory " + directory + " is " + status.type() + " ("
                    + status.describe() + "), not a directory; it is not used, followed or removed");
        }
        if (created) {
            chmod(directory, STICKY_ALL, bufferName);
        } else if (status.isWritableByOthersWithoutStickyBit()) {
            if (status.uid() == FileStatus.currentUid()) {
                chmod(directory, status.permissions() | 01000, bufferName);
                LOG.info(() -> "lock directory " + directory + " was " + status.describe()
                        + ": the sticky bit was added, so that only a lock file's owner may delete it");
            } else if (WARNED.add(directory)) {
                LOG.warning(() -> "lock directory " + directory + " is writable by other users without the sticky bit ("
                        + status.describe() + "): any local user can delete or replace another's lock file; "
                        + "its owner should run: chmod 1777 " + directory);
            }
        }
    }

    /** Sets the mode of a directory this process owns, through a descriptor that did not follow a link. */
    private static void chmod(Path directory, int mode, String bufferName) {
        int fd = LibC.Variadic.INSTANCE.open(directory.toString(),
                LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw new UnsafeFileException(bufferName, "the lock directory " + directory + " could not be opened without "
                    + "following a link: " + LibC.describe(LibC.errno()));
        }
        try {
            FileStatus opened = FileStatus.fstat(fd, directory);
            if (opened.isDirectory() && opened.uid() == FileStatus.currentUid() && LibC.fchmod(fd, mode) != 0) {
                throw new NativeCallException(bufferName, "fchmod", directory + ", " + FileStatus.octal(mode), LibC.errno());
            }
        } catch (IOException e) {
            throw new ZeroBufferException(bufferName, "cannot examine the lock directory " + directory + ": " + e, e);
        } finally {
            LibC.close(fd);
        }
    }
}
