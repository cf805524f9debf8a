package io.zerobuffer.linux;

import java.util.concurrent.locks.StampedLock;

/**
 * Keeps a buffer's mapping alive while any call is inside it, so that a {@code close()} from
 * another thread never unmaps memory under a running call. Calls hold the guard shared
 * ({@link #enter()} / {@link #exit(long)}); closing wakes blocked waiters, then takes it
 * exclusively and releases the resources exactly once. Thread-safe.
 */
final class MappingGuard {
    private final StampedLock lock = new StampedLock();
    private final String closedMessage;
    private volatile boolean closed;

    /**
     * @param closedMessage the message of the {@link IllegalStateException} a call on a closed
     *                      object throws, e.g. "buffer 'video': reader is closed"
     */
    MappingGuard(String closedMessage) {
        this.closedMessage = closedMessage;
    }

    /**
     * @return the stamp to give back to {@link #exit(long)}
     * @throws IllegalStateException if closed
     */
    long enter() {
        long stamp = lock.readLock();
        if (closed) {
            lock.unlockRead(stamp);
            throw new IllegalStateException(closedMessage);
        }
        return stamp;
    }

    /** @param stamp from {@link #enter()} */
    void exit(long stamp) {
        lock.unlockRead(stamp);
    }

    /** @return the lock itself, for code that must hold it without the closed check (a frame's release) */
    StampedLock lock() {
        return lock;
    }

    /** @return whether {@link #close(Runnable, Runnable)} has run */
    boolean isClosed() {
        return closed;
    }

    /**
     * Closes once: wakes waiters (without the lock, so they can leave), waits for every call to
     * leave, then releases.
     *
     * @param wakeWaiters makes blocked calls return
     * @param release     frees the resources; runs at most once, with no call inside
     * @return whether this call did the closing
     */
    boolean close(Runnable wakeWaiters, Runnable release) {
        if (closed) {
            return false;
        }
        wakeWaiters.run();
        long stamp = lock.writeLock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            release.run();
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
