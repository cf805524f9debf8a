package io.zerobuffer.linux.posix;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The libc calls this library makes, bound through JNA. Pointers travel as {@code long}
 * addresses. Fixed-signature calls use JNA direct mapping (the cheapest JNA binding: the hot
 * semaphore calls are here); the variadic ones ({@code open}, {@code sem_open}) cannot be
 * direct-mapped and go through {@link Variadic}. After a call returns -1, {@link #errno()} holds
 * the error number.
 */
final class LibC {
    static final int O_RDONLY = 0;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_NOCTTY = 0400;
    static final int O_NONBLOCK = 04000;
    static final int O_DIRECTORY = 0200000;
    static final int O_NOFOLLOW = 0400000;
    static final int O_CLOEXEC = 02000000;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    static final int MAP_PRIVATE = 2;
    static final int MAP_FIXED = 0x10;
    static final int MAP_ANONYMOUS = 0x20;
    static final int MAP_NORESERVE = 0x4000;
    /** Prefault the page tables of the whole mapping (same value on x86-64 and aarch64). */
    static final int MAP_POPULATE = 0x8000;
    static final long MAP_FAILED = -1L;
    static final int LOCK_EX = 2;
    static final int LOCK_NB = 4;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int ENOTDIR = 20;
    static final int EISDIR = 21;
    static final int ELOOP = 40;
    static final int EOVERFLOW = 75;
    static final int ENOSPC = 28;
    static final int ENOSYS = 38;
    static final int EOPNOTSUPP = 95;
    static final int ETIMEDOUT = 110;

    static {
        Native.register(LibC.class, NativeLibrary.getInstance("c", LibC.class.getClassLoader()));
    }

    /** Variadic libc functions, bound by interface mapping. */
    interface Variadic extends Library {
        /** The binding. */
        Variadic INSTANCE = Native.load("c", Variadic.class);

        int open(String path, int flags, Object... mode);

        Pointer sem_open(String name, int oflag, Object... modeAndValue);
    }

    private LibC() {
    }

    static native int shm_open(String name, int oflag, int mode);

    static native int shm_unlink(String name);

    static native int ftruncate(int fd, long length);

    static native int fchmod(int fd, int mode);

    static native int fallocate(int fd, int mode, long offset, long length);

    static native long mmap(long address, long length, int prot, int flags, int fd, long offset);

    static native int munmap(long address, long length);

    static native int close(int fd);

    static native int unlink(String path);

    static native int flock(int fd, int operation);

    static native int sem_post(long sem);

    static native int sem_trywait(long sem);

    static native int sem_timedwait(long sem, long absoluteTimeout);

    static native int sem_close(long sem);

    static native int sem_unlink(String name);

    static native int kill(int pid, int signal);

    static native int getpid();

    static native int geteuid();

    static native int getegid();

    static native int umask(int mask);

    static native long pread(int fd, long buffer, long count, long offset);

    static native String gnu_get_libc_version();

    /** @return errno of the last native call on this thread */
    static int errno() {
        return Native.getLastError();
    }

    /**
     * @param errno an error number
     * @return its text, e.g. "No such file or directory (errno 2)"
     */
    static String describe(int errno) {
        return strerror(errno) + " (errno " + errno + ")";
    }

    private static String strerror(int errno) {
        switch (errno) {
            case EPERM: return "Operation not permitted";
            case ENOENT: return "No such file or directory";
            case ESRCH: return "No such process";
            case EINTR: return "Interrupted system call";
            case EAGAIN: return "Resource temporarily unavailable";
            case EACCES: return "Permission denied";
            case EEXIST: return "File exists";
            case ENOTDIR: return "Not a directory";
            case EISDIR: return "Is a directory";
            case ELOOP: return "Too many levels of symbolic links";
            case EOVERFLOW: return "Value too large for defined data type";
            case ETIMEDOUT: return "Connection timed out";
            case ENOSPC: return "No space left on device";
            case ENOSYS: return "Function not implemented";
            case EOPNOTSUPP: return "Operation not supported";
            default: return "error";
        }
    }
}
