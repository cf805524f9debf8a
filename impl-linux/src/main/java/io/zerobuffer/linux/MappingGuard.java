package io.zerobuffer.linux;

import java.util.concurrent.TimeUnit;
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
    /** How long closing waits for the calls inside to leave (they leave within a wait slice once woken). */
    static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;
    private volatile boolean released;

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
            while (!released) {
                Thread.yield();
            }
            return false;
        }
        RuntimeException wakeFailure = null;
        try {
            wakeWaiters.run();
        } catch (RuntimeException e) {
            wakeFailure = e; // release all the same, then report it
        }
        long stamp = awaitCalls();
        try {
            closed = true;
            release.run();
        } finally {
            released = true;
            if (stamp != 0) {
                lock.unlockWrite(stamp);
            }
        }
        if (wakeFailure != null) {
            throw wakeFailure;
        }
        return true;
    }

    /**
     * Waits until no call is inside. A woken call leaves within a wait slice; a shared hold still
     * there after {@link #CLOSE_WAIT_NANOS} belongs to no call: the JVM reported a fault of a
     * truncated segment late, between a call taking the guard and giving it back, and unwound
     * the call past the give-back. Closing then goes ahead without the exclusive hold rather
     * than never.
     *
     * @return the exclusive stamp, 0 if closing goes ahead without it
     */
    private long awaitCalls() {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        try {
            while (true) {
                try {
                    long stamp = lock.tryWriteLock(100, TimeUnit.MILLISECONDS);
                    if (stamp != 0) {
                        return stamp;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return 0;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
