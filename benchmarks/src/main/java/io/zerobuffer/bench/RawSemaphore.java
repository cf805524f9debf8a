package io.zerobuffer.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A named POSIX semaphore used through libc only (JNA direct mapping), independent of the
 * engine: the data-less ping-pong on two of these is the floor for any design that blocks.
 */
final class RawSemaphore implements AutoCloseable {
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int ETIMEDOUT = 110;
    private static final int EINTR = 4;

    static {
        Native.register(RawSemaphore.class, NativeLibrary.getInstance("c", RawSemaphore.class.getClassLoader()));
    }

    interface Variadic extends Library {
        Variadic INSTANCE = Native.load("c", Variadic.class);

        Pointer sem_open(String name, int oflag, Object... modeAndValue);
    }

    private static native int sem_post(long sem);

    private static native int sem_timedwait(long sem, long timespec);

    private static native int sem_close(long sem);

    private static native int sem_unlink(String name);

    private final long handle;
    private final ByteBuffer timespec = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
    private final long timespecAddress = Pointer.nativeValue(Native.getDirectBufferPointer(timespec));

    private RawSemaphore(long handle) {
        this.handle = handle;
    }

    static RawSemaphore create(String name) {
        sem_unlink("/" + name);
        Pointer p = Variadic.INSTANCE.sem_open("/" + name, O_CREAT | O_EXCL, 0600, 0);
        if (p == null) {
            throw new IllegalStateException("sem_open(/" + name + ", O_CREAT|O_EXCL) failed, errno " + Native.getLastError());
        }
        return new RawSemaphore(Pointer.nativeValue(p));
    }

    /** @return the semaphore, or null if it does not exist (yet) */
    static RawSemaphore open(String name) {
        Pointer p = Variadic.INSTANCE.sem_open("/" + name, 0);
        return p == null ? null : new RawSemaphore(Pointer.nativeValue(p));
    }

    static void unlink(String name) {
        sem_unlink("/" + name);
    }

    void post() {
        if (sem_post(handle) != 0) {
            throw new IllegalStateException("sem_post failed, errno " + Native.getLastError());
        }
    }

    /** Waits at most 30 s (a dead peer must not hang the harness). */
    void await() {
        long deadline = System.currentTimeMillis() * 1_000_000L + 30_000_000_000L;
        timespec.putLong(0, deadline / 1_000_000_000L);
        timespec.putLong(8, deadline % 1_000_000_000L);
        while (sem_timedwait(handle, timespecAddress) != 0) {
            int errno = Native.getLastError();
            if (errno == ETIMEDOUT) {
                throw new IllegalStateException("semaphore ping-pong: no post within 30 s");
            }
            if (errno != EINTR) {
                throw new IllegalStateException("sem_timedwait failed, errno " + errno);
            }
        }
    }

    @Override
    public void close() {
        sem_close(handle);
    }
}
