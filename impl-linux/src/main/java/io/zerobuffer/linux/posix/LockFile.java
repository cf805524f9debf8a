package io.zerobuffer.linux.posix;

import io.zerobuffer.api.BufferAccessDeniedException;
import io.zerobuffer.api.UnsafeFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock file held with {@code flock(LOCK_EX|LOCK_NB)}, the lock the C++, C# and Python readers
 * take. Not {@code fcntl}: the two kinds do not see each other on Linux, and
 * {@link java.nio.channels.FileChannel#lock()} is {@code fcntl}.
 *
 * <p>The lock directory is shared by every local user, so a lock path may be a trap planted by
 * another one. This class never follows a symbolic link ({@code O_NOFOLLOW}), never opens a
 * path that {@code lstat} does not show as a regular file (a FIFO or a device could block or
 * act on open) and checks the opened descriptor again; it sets the mode only of a file it has
 * just created itself ({@code O_CREAT|O_EXCL}, then {@code fchmod}); and it deletes the path
 * only while it still names the file it holds. A non-regular lock path is an
 * {@link UnsafeFileException}: nothing is followed, changed or removed. Not thread-safe.
 */
public final class LockFile implements AutoCloseable {
    private static final long CONTENTION_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final int OPEN_EXISTING = LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_NONBLOCK | LibC.O_NOCTTY
            | LibC.O_CLOEXEC;
    private static final int CREATE = LibC.O_CREAT | LibC.O_EXCL | LibC.O_RDWR | LibC.O_NOFOLLOW | LibC.O_NOCTTY
            | LibC.O_CLOEXEC;

    private final Path path;
    private final int fd;
    private final FileStatus held;
    private final boolean created;
    private boolean closed;

    private LockFile(Path path, int fd, FileStatus held, boolean created) {
        this.path = path;
        this.fd = fd;
        this.held = held;
        this.created = created;
    }

    /**
     * Creates the file with {@code mode} (exactly, whatever the umask) or opens the existing
     * one (its mode unchanged), and takes its lock. Retries when the file was swept away between
     * open and lock, so the lock held always belongs to the file at {@code path}; and for up to
     * {@code contentionNanos} while another process holds the lock, since a stale sweep holds it
     * for an instant while a live owner holds it for good.
     *
     * @param bufferName      the buffer (for messages)
     * @param path            the lock file
     * @param mode            permission bits of a file this call creates, e.g. {@code 0666}
     * @param contentionNanos how long to retry a lock held by another process
     * @return the held lock, or {@code null} if another process still holds it after that
     * @throws UnsafeFileException         if the path is a symbolic link or not a regular file
     * @throws BufferAccessDeniedException if the existing file may not be opened by this user
     * @throws NativeCallException         if the OS refuses otherwise
     */
    public static LockFile acquire(String bufferName, Path path, int mode, long contentionNanos) {
        long deadline = System.nanoTime() + contentionNanos;
        while (true) {
            LockFile lock = createExclusive(bufferName, path, mode);
            if (lock == null) {
                lock = openExisting(bufferName, path, true);
                if (lock == null) {
                    continue; // swept between our two opens: create it again
                }
            }
            if (!lock.lock(bufferName)) {
                if (System.nanoTime() - deadline >= 0) {
                    return null;
                }
                LockSupport.parkNanos(CONTENTION_RETRY_NANOS);
            } else if (lock.stillNamesItsFile()) {
                return lock;
            } else {
                lock.close();
            }
        }
    }

    /**
     * Takes the lock of an existing, regular lock file without creating it (the stale sweep).
     *
     * @param path the lock file
     * @return the held lock, or {@code null} if the file is gone, is not a regular file, cannot
     *         be opened, or another process holds it
     */
    public static LockFile tryExisting(Path path) {
        LockFile lock;
        try {
            lock = openExisting("", path, false);
        } catch (RuntimeException refused) {
            return null;
        }
        if (lock == null) {
            return null;
        }
        try {
            if (lock.lock("") && lock.stillNamesItsFile()) {
                return lock;
            }
        } catch (RuntimeException e) {
            // flock refused: treat as not ours to sweep
        }
        lock.close();
        return null;
    }

    /**
     * Creates the lock file of a buffer that has none and takes its lock (the orphan sweep holds
     * it while it removes the buffer's objects, then deletes it).
     *
     * @param bufferName the buffer (for messages)
     * @param path       the lock file
     * @return the held lock, or {@code null} if a file exists at the path already or another
     *         process locked the new file first
     * @throws NativeCallException if the OS refuses
     */
    public static LockFile tryCreate(String bufferName, Path path) {
        LockFile lock = createExclusive(bufferName, path, 0666);
        if (lock == null) {
            return null;
        }
        if (lock.lock(bufferName) && lock.stillNamesItsFile()) {
            return lock;
        }
        lock.close();
        return null;
    }

    /** @return a new file's lock object (not locked yet), or {@code null} if the path exists */
    private static LockFile createExclusive(String bufferName, Path path, int mode) {
        int fd = LibC.Variadic.INSTANCE.open(path.toString(), CREATE, mode);
        if (fd < 0) {
            int errno = LibC.errno();
            if (errno == LibC.EEXIST) {
                return null;
            }
            if (errno == LibC.EACCES) {
                String directory;
                try {
                    FileStatus status = FileStatus.lstat(path.getParent());
                    directory = status == null ? "missing" : status.describe();
                } catch (IOException e) {
                    directory = e.toString();
                }
                throw new BufferAccessDeniedException(bufferName, "lock file " + path + " may not be created by "
                        + FileStatus.currentUser() + " in " + path.getParent() + " (" + directory
                        + "); its owner should run: chmod 1777 " + path.getParent());
            }
            throw new NativeCallException(bufferName, "open", path + ", O_CREAT|O_EXCL", errno);
        }
        // Ours alone: created just now, and O_EXCL|O_NOFOLLOW never reuses an existing file or link.
        if (LibC.fchmod(fd, mode) != 0) {
            int errno = LibC.errno();
            LibC.close(fd);
            throw new NativeCallException(bufferName, "fchmod", path + ", " + FileStatus.octal(mode), errno);
        }
        try {
            return new LockFile(path, fd, FileStatus.fstat(fd, path), true);
        } catch (IOException e) {
            LibC.close(fd);
            throw new NativeCallException(bufferName, "fstat", path.toString(), LibC.ENOENT);
        }
    }

    /**
     * @return the existing file's lock object (not locked yet), or {@code null} if the path is
     *         gone; refuses anything but a regular file
     */
    private static LockFile openExisting(String bufferName, Path path, boolean explain) {
        FileStatus before;
        try {
            before = FileStatus.lstat(path);
        } catch (IOException e) {
            throw new UnsafeFileException(bufferName, "cannot examine lock file " + path + ": " + e);
        }
        if (before == null) {
            return null;
        }
        if (!before.isRegularFile()) {
            throw notRegular(bufferName, before);
        }
        int fd = LibC.Variadic.INSTANCE.open(path.toString(), OPEN_EXISTING);
        if (fd < 0) {
            int errno = LibC.errno();
            if (errno == LibC.ENOENT) {
                return null;
            }
            if (errno == LibC.ELOOP) {
                throw new UnsafeFileException(bufferName, "lock file " + path
                        + " became a symbolic link while it was being opened; it was not followed");
            }
            if (errno == LibC.EACCES && explain) {
                throw new BufferAccessDeniedException(bufferName, "lock file " + path + " (" + before.describe()
                        + ") may not be opened by " + FileStatus.currentUser()
                        + ": a reader of another user owns or owned this name");
            }
            throw new NativeCallException(bufferName, "open", path.toString(), errno);
        }
        FileStatus opened;
        try {
            opened = FileStatus.fstat(fd, path);
        } catch (IOException e) {
            LibC.close(fd);
            return null;
        }
        if (!opened.isRegularFile() || !opened.sameFileAs(before)) {
            LibC.close(fd);
            if (!opened.isRegularFile()) {
                throw notRegular(bufferName, opened);
            }
            return null; // replaced between lstat and open: look again
        }
        return new LockFile(path, fd, opened, false);
    }

    private static UnsafeFileException notRegular(String bufferName, FileStatus found) {
        return new UnsafeFileException(bufferName, "lock file " + found.path() + " is " + found.type() + " ("
                + found.describe() + "), not a regular file; it is neither followed nor removed: "
                + "its owner or root must remove it");
    }

    /** @return whether the lock was taken; false if another process holds it */
    private boolean lock(String bufferName) {
        if (LibC.flock(fd, LibC.LOCK_EX | LibC.LOCK_NB) != 0) {
            int errno = LibC.errno();
            if (errno == LibC.EAGAIN) {
                LibC.close(fd);
                closed = true;
                return false;
            }
            close();
            throw new NativeCallException(bufferName, "flock", path.toString(), errno);
        }
        return true;
    }

    /** @return whether the path still names the file this lock holds (never follows a link) */
    private boolean stillNamesItsFile() {
        try {
            return held.sameFileAs(FileStatus.lstat(path));
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the lock file's path */
    public Path path() {
        return path;
    }

    /** @return whether this process created the file (rather than opening one left by another) */
    public boolean created() {
        return created;
    }

    /**
     * Deletes the file while still holding the lock, then releases it. The path is deleted only
     * while it still names the file held. Idempotent.
     *
     * @return whether the file was deleted (false when another user's file in a sticky directory
     *         may not be deleted, or the path names another file now)
     */
    public boolean deleteAndRelease() {
        boolean deleted = false;
        if (!closed) {
            try {
                if (stillNamesItsFile()) {
                    deleted = Files.deleteIfExists(path);
                }
            } catch (IOException ignored) {
                // another user's file in a sticky directory: the lock is released all the same
            }
            close();
        }
        return deleted;
    }

    /** Releases the lock and keeps the file. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
