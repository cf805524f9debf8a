package io.zerobuffer.linux.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock file held with {@code flock(LOCK_EX|LOCK_NB)}, the lock the C++, C# and Python readers
 * take. Not {@code fcntl}: the two kinds do not see each other on Linux, and
 * {@link java.nio.channels.FileChannel#lock()} is {@code fcntl}. Not thread-safe.
 */
public final class LockFile implements AutoCloseable {
    private static final long CONTENTION_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Path path;
    private final int fd;
    private boolean closed;

    private LockFile(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /**
     * Opens or creates the file (mode 0666) and takes its lock. Retries when the file was
     * swept away between open and lock, so the lock held always belongs to the file at
     * {@code path}; and for up to {@code contentionNanos} while another process holds the lock,
     * since a stale sweep holds it for an instant while a live owner holds it for good.
     *
     * @param bufferName      the buffer (for messages)
     * @param path            the lock file
     * @param contentionNanos how long to retry a lock held by another process
     * @return the held lock, or {@code null} if another process still holds it after that
     * @throws NativeCallException if the OS refuses
     */
    public static LockFile acquire(String bufferName, Path path, long contentionNanos) {
        long deadline = System.nanoTime() + contentionNanos;
        while (true) {
            int fd = LibC.Variadic.INSTANCE.open(path.toString(), LibC.O_CREAT | LibC.O_RDWR | LibC.O_CLOEXEC, LibC.MODE_RW_ALL);
            if (fd < 0) {
                throw new NativeCallException(bufferName, "open", path.toString(), com.sun.jna.Native.getLastError());
            }
            LibC.fchmod(fd, LibC.MODE_RW_ALL);
            LockFile lock = lock(bufferName, path, fd);
            if (lock == null) {
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
     * Takes the lock of an existing file without creating it (the stale sweep).
     *
     * @param path the lock file
     * @return the held lock, or {@code null} if the file is gone or another process holds it
     */
    public static LockFile tryExisting(Path path) {
        int fd = LibC.Variadic.INSTANCE.open(path.toString(), LibC.O_RDWR | LibC.O_CLOEXEC);
        if (fd < 0) {
            return null;
        }
        LockFile lock = lock("", path, fd);
        if (lock != null && !lock.stillNamesItsFile()) {
            lock.close();
            return null;
        }
        return lock;
    }

    private static LockFile lock(String bufferName, Path path, int fd) {
        if (LibC.flock(fd, LibC.LOCK_EX | LibC.LOCK_NB) != 0) {
            int errno = LibC.errno();
            LibC.close(fd);
            if (errno == LibC.EAGAIN) {
                return null;
            }
            throw new NativeCallException(bufferName, "flock", path.toString(), errno);
        }
        return new LockFile(path, fd);
    }

    private boolean stillNamesItsFile() {
        try {
            Object named = Files.getAttribute(path, "unix:ino");
            Object held = Files.getAttribute(Path.of("/proc/self/fd/" + fd), "unix:ino");
            return named.equals(held);
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }

    /** @return the lock file's path */
    public Path path() {
        return path;
    }

    /** Deletes the file while still holding the lock, then releases it. Idempotent. */
    public void deleteAndRelease() {
        if (!closed) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // another user's file in a sticky directory: the lock is released all the same
            }
            close();
        }
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
