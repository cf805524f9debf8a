package io.zerobuffer.linux;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.StampedLock;

/**
 * Keeps a buffer's resources (semaphore handles, the mapping's contents) in place while any call
 * is inside it, so that a {@code close()} from another thread never releases them under a
 * running call. Calls hold the guard shared ({@link #enter()} / {@link #exit(long)}); the first
 * {@code close} wakes blocked waiters, then takes it exclusively and releases the resources
 * exactly once; a concurrent {@code close} waits for that and does nothing else (it never wakes
 * waiters through handles that may already be closed).
 *
 * <p>The views the engine handed out ({@code Frame.data()}, {@code metadata()}, {@code acquire()}
 * slots) are not calls and are not guarded: their memory is kept mapped by the mapping itself
 * (see {@code SharedMemory}), so a thread using one while another closes reads stale bytes or
 * zeros, never a fault. Thread-safe.
 */
final class MappingGuard {
    private final StampedLock lock = new StampedLock();
    private final String closedMessage;
    private final AtomicBoolean closing = new AtomicBoolean();
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
     * @return whether this call did the closing; {@code false} once the resources are
     *         released by another call
     */
    boolean close(Runnable wakeWaiters, Runnable release) {
        if (!closing.compareAndSet(false, true)) {
            // another close is under way: return when it is done, as it will
            while (!closed) {
                Thread.yield();
            }
            lock.unlockWrite(lock.writeLock());
            return false;
        }
        long stamp;
        try {
            wakeWaiters.run();
        } finally {
            stamp = lock.writeLock();
        }
        try {
            closed = true;
            release.run();
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
