package io.zerobuffer.linux.posix;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.zerobuffer.api.UnsafeFileException;
import io.zerobuffer.linux.ring.Signal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A glibc POSIX named semaphore ({@code sem_open("/NAME")}, the file {@code /dev/shm/sem.NAME}).
 *
 * <p>A post with no waiter to wake and a wait that finds the value positive are done in Java
 * on the semaphore's memory, exactly as glibc does them (see {@link SemaphoreWord}); only a
 * post that must wake a waiter and a wait that must block call into libc.
 *
 * <p>{@link #post()}, {@link #tryAcquire()} and {@link #await(long)} allocate nothing: the
 * timeout structure is a direct buffer owned by the instance. A post that would pass
 * {@code SEM_VALUE_MAX} fails with EOVERFLOW in glibc; the semaphore is signalled already, so
 * that is treated as success. Not thread-safe for {@code await} (one waiter per instance).
 *
 * <p><b>A damaged semaphore file.</b> Another process can truncate {@code /dev/shm/sem.NAME}
 * under the mapping glibc made of it; the next access to the semaphore word then faults. In the
 * Java paths that surfaces as the JVM's {@code InternalError} for a faulting memory access (the
 * engine reports it as a corrupted buffer); inside glibc's own {@code sem_post} or
 * {@code sem_timedwait} it kills the process, in every implementation of the protocol, since
 * they all use glibc semaphores. {@link #damage()} tells a truncated or replaced file by path;
 * the engine asks at attach and at every wait slice, which narrows that window but cannot close
 * it: a truncation between the check and glibc's next access still crashes the process.
 */
public final class NamedSemaphore implements Signal, AutoCloseable {
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final String bufferName;
    private final String name;
    private final long handle;
    private final ByteBuffer timespec;
    private final long timespecAddress;
    private final SemaphoreWord word;
    /** Inode and size of the semaphore file when it was opened ({@code -1} if unknown). */
    private final long inode;
    private final long fileSize;
    private boolean closed;

    private NamedSemaphore(String bufferName, String name, long handle) {
        this.bufferName = bufferName;
        this.name = name;
        this.handle = handle;
        Map<String, Object> identity = identityOf(fileOf(name));
        this.inode = identity == null ? -1 : (Long) identity.get("ino");
        this.fileSize = identity == null ? -1 : (Long) identity.get("size");
        this.timespec = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        this.timespecAddress = Pointer.nativeValue(Native.getDirectBufferPointer(timespec));
        this.word = SemaphoreWord.ENABLED ? new SemaphoreWord(handle) : null;
    }

    /**
     * @return whether posts and non-blocking waits that need no kernel help are done in Java on
     *         the semaphore's memory rather than through a native call (see {@link SemaphoreWord})
     */
    public static boolean isFastPathEnabled() {
        return SemaphoreWord.ENABLED;
    }

    /**
     * Creates a semaphore exclusively with value 0 and mode 0666 whatever the umask; see
     * {@link #create(String, String, int)}.
     *
     * @param bufferName the buffer it belongs to (for messages)
     * @param name       the semaphore name without the leading slash, e.g. {@code sem-w-video}
     * @return the semaphore, or {@code null} if one of that name exists already
     * @throws NativeCallException if the OS refuses
     */
    public static NamedSemaphore create(String bufferName, String name) {
        return create(bufferName, name, 0666);
    }

    /**
     * Creates a semaphore exclusively with value 0 and exactly {@code mode} whatever the umask.
     * {@code sem_open} applies the umask, so the mode is set again afterwards on the new file,
     * through a descriptor opened with {@code O_NOFOLLOW} and checked to be the regular file
     * this process owns; a file that is not is left alone and the creation fails.
     *
     * @param bufferName the buffer it belongs to (for messages)
     * @param name       the semaphore name without the leading slash, e.g. {@code sem-w-video}
     * @param mode       permission bits, e.g. {@code 0660}
     * @return the semaphore, or {@code null} if one of that name exists already
     * @throws NativeCallException if the OS refuses
     */
    public static NamedSemaphore create(String bufferName, String name, int mode) {
        Pointer handle = LibC.Variadic.INSTANCE.sem_open("/" + name, LibC.O_CREAT | LibC.O_EXCL, mode, 0);
        if (handle == null) {
            int errno = Native.getLastError();
            if (errno == LibC.EEXIST) {
                return null;
            }
            throw new NativeCallException(bufferName, "sem_open", "/" + name, errno);
        }
        NamedSemaphore semaphore = new NamedSemaphore(bufferName, name, Pointer.nativeValue(handle));
        try {
            setMode(bufferName, fileOf(name), mode);
        } catch (RuntimeException e) {
            semaphore.close();
            unlink(name);
            throw e;
        }
        return semaphore;
    }

    private static void setMode(String bufferName, Path file, int mode) {
        int fd = LibC.Variadic.INSTANCE.open(file.toString(),
                LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_NONBLOCK | LibC.O_NOCTTY | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw new NativeCallException(bufferName, "open", file + ", to set its mode", LibC.errno());
        }
        try {
            FileStatus status = FileStatus.fstat(fd, file);
            if (!status.isRegularFile() || status.uid() != FileStatus.currentUid()) {
                throw new UnsafeFileException(bufferName, file + " is " + status.type() + " ("
                        + status.describe() + ") right after this process created it; its mode was not changed");
            }
            if (status.permissions() != mode && LibC.fchmod(fd, mode) != 0) {
                throw new NativeCallException(bufferName, "fchmod", file + ", " + FileStatus.octal(mode), LibC.errno());
            }
        } catch (IOException e) {
            throw new NativeCallException(bufferName, "fstat", file.toString(), LibC.ENOENT);
        } finally {
            LibC.close(fd);
        }
    }

    /**
     * Opens an existing semaphore.
     *
     * @param bufferName the buffer it belongs to (for messages)
     * @param name       the semaphore name without the leading slash
     * @return the semaphore, or {@code null} if none of that name exists
     * @throws io.zerobuffer.api.BufferAccessDeniedException if this process's user may not open it
     * @throws NativeCallException if the OS refuses otherwise
     */
    public static NamedSemaphore open(String bufferName, String name) {
        Pointer handle = LibC.Variadic.INSTANCE.sem_open("/" + name, 0);
        if (handle == null) {
            int errno = Native.getLastError();
            if (errno == LibC.ENOENT) {
                return null;
            }
            if (errno == LibC.EACCES) {
                throw SharedMemory.accessDenied(bufferName, fileOf(name), true);
            }
            throw new NativeCallException(bufferName, "sem_open", "/" + name, errno);
        }
        return new NamedSemaphore(bufferName, name, Pointer.nativeValue(handle));
    }

    /**
     * Removes a semaphore's name.
     *
     * @param name the semaphore name without the leading slash
     * @return whether one was removed
     */
    public static boolean unlink(String name) {
        return LibC.sem_unlink("/" + name) == 0;
    }

    /**
     * @param name the semaphore name without the leading slash
     * @return its file, {@code /dev/shm/sem.NAME}
     */
    public static Path fileOf(String name) {
        return SharedMemory.DIRECTORY.resolve("sem." + name);
    }

    /** @return the semaphore name without the leading slash */
    public String name() {
        return name;
    }

    /**
     * Increments the semaphore {@code count} times: with the fast path one compare-and-swap
     * (after one native post when a waiter may be asleep), otherwise {@code count} posts.
     */
    @Override
    public void post(int count) {
        if (word != null && count > 1) {
            if (word.tryPost(count)) {
                return;
            }
            post();
            if (word.tryPost(count - 1)) {
                return;
            }
            count--;
        }
        for (int i = 0; i < count; i++) {
            post();
        }
    }

    /** Increments the semaphore, waking one waiter. */
    @Override
    public void post() {
        if (word != null && word.tryPost()) {
            return;
        }
        if (LibC.sem_post(handle) != 0) {
            int errno = LibC.errno();
            if (errno != LibC.EOVERFLOW) {
                throw new NativeCallException(bufferName, "sem_post", "/" + name, errno);
            }
        }
    }

    /** @return whether the semaphore was positive and has been decremented, without waiting */
    public boolean tryAcquire() {
        if (word != null) {
            return word.tryWait();
        }
        while (LibC.sem_trywait(handle) != 0) {
            int errno = LibC.errno();
            if (errno == LibC.EAGAIN) {
                return false;
            }
            if (errno != LibC.EINTR) {
                throw new NativeCallException(bufferName, "sem_trywait", "/" + name, errno);
            }
        }
        return true;
    }

    /**
     * Takes every pending post: with the Java fast path in one compare-and-swap however large
     * the count (up to {@code SEM_VALUE_MAX} after a long stream), else with at most
     * {@link #DRAIN_LIMIT} {@code sem_trywait} calls.
     *
     * @return whether the value is now 0
     */
    @Override
    public boolean drain() {
        if (word != null) {
            word.drain();
            return true;
        }
        return Signal.super.drain();
    }

    /**
     * Waits until the semaphore is positive and decrements it.
     *
     * @param timeoutNanos the longest wait; 0 or less only tries
     * @return whether it was decremented, {@code false} on timeout
     */
    @Override
    public boolean await(long timeoutNanos) {
        if (timeoutNanos <= 0) {
            return tryAcquire();
        }
        if (word != null && word.tryWait()) {
            return true;
        }
        long deadline = System.currentTimeMillis() * 1_000_000L + timeoutNanos;
        timespec.putLong(0, deadline / NANOS_PER_SECOND);
        timespec.putLong(8, deadline % NANOS_PER_SECOND);
        while (LibC.sem_timedwait(handle, timespecAddress) != 0) {
            int errno = LibC.errno();
            if (errno == LibC.ETIMEDOUT) {
                return false;
            }
            if (errno != LibC.EINTR) {
                throw new NativeCallException(bufferName, "sem_timedwait", "/" + name, errno);
            }
        }
        return true;
    }

    /**
     * Compares the semaphore file with the one opened.
     *
     * @return {@code null} when the file is absent (removed by its owner), or still the opened
     *         inode at its opened size; otherwise what was found against what was expected
     */
    public String damage() {
        if (closed || inode < 0) {
            return null;
        }
        Map<String, Object> found = identityOf(fileOf(name));
        if (found == null) {
            return null;
        }
        long foundInode = (Long) found.get("ino");
        long foundSize = (Long) found.get("size");
        if (foundInode != inode) {
            return fileOf(name) + " was replaced: inode " + foundInode + " found, " + inode + " expected";
        }
        if (foundSize < fileSize) {
            return fileOf(name) + " was truncated: size " + foundSize + " bytes found, " + fileSize + " expected";
        }
        return null;
    }

    private static Map<String, Object> identityOf(Path path) {
        try {
            return Files.readAttributes(path, "unix:size,ino", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /** Closes this process's handle (the semaphore itself stays until unlinked). Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.sem_close(handle);
        }
    }
}
