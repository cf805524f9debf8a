package io.zerobuffer.linux.posix;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * Whether one known process lives, asked as often as needed without allocating: the process's
 * {@code /proc/PID/stat} is opened once, and each question is one {@code pread(2)} of its first
 * bytes into native memory owned by the watch, and a look at the state letter after the command
 * name.
 *
 * <pre>
 *   /proc/PID/stat:  "4242 (java) S 4200 4242 ..."
 *                              ^ ^
 *        last ')' of the name -+ +- state: Z (zombie) or X (dead) = dead, any other = alive
 * </pre>
 *
 * <p>The answers are those of {@link Processes#isAlive(long)}: a pid of 0 or below (or above the
 * int range) is dead, this process's own pid is alive, a zombie (killed, not yet reaped) is
 * dead, and a process of another user counts. An open {@code /proc/PID} descriptor refers to the
 * very process that had the pid when it was opened: once that process is reaped, the read fails
 * ({@code ESRCH}) and the watch answers dead for good, even when the pid is reused meanwhile. A
 * pid with no process at open is dead for good too. Where {@code /proc/PID/stat} exists but
 * cannot be opened (for example {@code /proc} mounted with {@code hidepid=1}), or a read brings
 * no state letter, the question falls back to {@link Processes#isAlive(long)}, which allocates.
 *
 * <p>Costs: opening allocates (a path, a buffer) and takes a descriptor until {@link #close()};
 * a question is one system call. Not thread-safe: one thread asks, and {@link #close()} must not
 * run concurrently with a question.
 */
public final class ProcessWatch implements AutoCloseable {
    /**
     * Bytes read per question: the pid (at most 10 digits), " (", the command name (at most 15
     * bytes, any of them may be ')'), ") " and the state letter fit in 30.
     */
    private static final int PREFIX_LENGTH = 64;
    /** No descriptor: the answer is fixed, or the watch is closed. */
    private static final int NONE = -1;

    private final long pid;
    private final ByteBuffer prefix;
    private final long prefixAddress;
    private final boolean fallback;
    /** The answer when no descriptor is open and no fallback is needed. */
    private boolean alive;
    private int fd;
    private boolean closed;

    private ProcessWatch(long pid, int fd, boolean alive, boolean fallback) {
        this.pid = pid;
        this.fd = fd;
        this.alive = alive;
        this.fallback = fallback;
        if (fd >= 0) {
            this.prefix = ByteBuffer.allocateDirect(PREFIX_LENGTH);
            this.prefixAddress = Pointer.nativeValue(Native.getDirectBufferPointer(prefix));
        } else {
            this.prefix = null;
            this.prefixAddress = 0;
        }
    }

    /**
     * Starts watching a process.
     *
     * @param pid a pid from a buffer header
     * @return the watch; {@link #close()} it to give back its descriptor
     */
    public static ProcessWatch of(long pid) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            return new ProcessWatch(pid, NONE, false, false);
        }
        if (pid == Processes.currentPid()) {
            return new ProcessWatch(pid, NONE, true, false);
        }
        int fd = LibC.Variadic.INSTANCE.open("/proc/" + pid + "/stat", LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd >= 0) {
            return new ProcessWatch(pid, fd, true, false);
        }
        int errno = LibC.errno();
        if (errno == LibC.ENOENT || errno == LibC.ESRCH) {
            return new ProcessWatch(pid, NONE, false, false);
        }
        return new ProcessWatch(pid, NONE, false, true);
    }

    /** @return the pid watched */
    public long pid() {
        return pid;
    }

    /**
     * @return whether the process lives (not a zombie): one {@code pread(2)}, no allocation
     * @throws IllegalStateException if the watch is closed
     */
    public boolean isAlive() {
        if (closed) {
            throw new IllegalStateException("watch of process " + pid + " is closed");
        }
        if (fd < 0) {
            return fallback ? Processes.isAlive(pid) : alive;
        }
        long n;
        do {
            n = LibC.pread(fd, prefixAddress, PREFIX_LENGTH, 0);
        } while (n < 0 && LibC.errno() == LibC.EINTR);
        int state = n > 0 ? stateLetter((int) n) : -1;
        if (state > 0 && state != 'Z' && state != 'X') {
            return true;
        }
        if (state > 0 || (n < 0 && LibC.errno() == LibC.ESRCH)) {
            // a zombie, or reaped: dead from now on
            closeDescriptor();
            alive = false;
            return false;
        }
        return Processes.isAlive(pid);
    }

    /** @return the state letter after the last ')' of the bytes read, -1 if there is none */
    private int stateLetter(int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (prefix.get(i) == ')') {
                return i + 2 < length ? prefix.get(i + 2) : -1;
            }
        }
        return -1;
    }

    private void closeDescriptor() {
        if (fd >= 0) {
            LibC.close(fd);
            fd = NONE;
        }
    }

    /** Gives back the descriptor. Idempotent. */
    @Override
    public void close() {
        closed = true;
        closeDescriptor();
    }

    @Override
    public String toString() {
        return "ProcessWatch[" + pid + (closed ? ", closed]" : "]");
    }
}
