package io.zerobuffer.linux;

import io.zerobuffer.api.BufferCorruptedException;
import io.zerobuffer.linux.posix.NamedSemaphore;
import io.zerobuffer.linux.posix.SharedMemory;
import java.util.concurrent.TimeUnit;

/**
 * Notices a buffer's shared memory or semaphore files being truncated or replaced under this
 * process's mappings by another process, and reports it as {@link BufferCorruptedException}.
 *
 * <p>An access to a page past the new end of a truncated file faults. The JVM turns such a
 * fault inside a Java memory access into an {@code InternalError} ("a fault occurred in a recent
 * unsafe memory access operation"); {@link #fault(InternalError)} turns that into the named
 * error. A few accesses would not be turned into an error by the JVM but kill it: a
 * compare-and-set run by the interpreter, and glibc's semaphore calls. So the engine compares
 * the files with what it mapped ({@link #check()}) at attach, before its compare-and-set on
 * {@code writer_pid}, before a closing post, and at every wait slice (at most every
 * {@value #CHECK_INTERVAL_MILLIS} ms: a few {@code stat} calls, never on the per-frame path).
 *
 * <p>What is left: a truncation between a check and the next such access still kills the
 * process. For the segment that window is a few instructions at attach and detach; for a
 * semaphore it lasts until the next wait slice, as in every implementation of the protocol
 * (they all use glibc semaphores). Thread-safe.
 */
final class SegmentIntegrity {
    static final long CHECK_INTERVAL_MILLIS = 50;
    private static final long CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(CHECK_INTERVAL_MILLIS);

    private final String buffer;
    private final SharedMemory memory;
    private final NamedSemaphore[] semaphores;
    private volatile String damage;
    private long lastCheck = System.nanoTime() - CHECK_INTERVAL_NANOS;

    /**
     * @param buffer     the buffer name, for messages
     * @param memory     its mapped segment
     * @param semaphores its semaphores
     */
    SegmentIntegrity(String buffer, SharedMemory memory, NamedSemaphore... semaphores) {
        this.buffer = buffer;
        this.memory = memory;
        this.semaphores = semaphores.clone();
    }

    /** @return what was found damaged, {@code null} if nothing (yet) */
    String damage() {
        String found = damage;
        if (found != null) {
            return found;
        }
        found = memory.damage();
        for (int i = 0; found == null && i < semaphores.length; i++) {
            found = semaphores[i].damage();
        }
        if (found != null) {
            damage = found;
        }
        return found;
    }

    /** @return whether damage was found by an earlier check or fault */
    boolean isDamaged() {
        return damage != null;
    }

    /** @throws BufferCorruptedException if a file was truncated or replaced */
    void check() {
        String found = damage();
        if (found != null) {
            throw new BufferCorruptedException(buffer, found);
        }
    }

    /** {@link #check()}, at most every {@value #CHECK_INTERVAL_MILLIS} ms: for wait slices and polls. */
    void checkAtWaitSlice() {
        long now = System.nanoTime();
        if (damage == null && now - lastCheck < CHECK_INTERVAL_NANOS) {
            return;
        }
        lastCheck = now;
        check();
    }

    /**
     * @param fault what the JVM threw for an access inside the engine
     * @return the named error to throw instead, or {@code null} if the fault is not the JVM's
     *         report of a faulting memory access and nothing is damaged (rethrow it as it is)
     */
    BufferCorruptedException fault(InternalError fault) {
        String found = damage();
        boolean memoryFault = fault.getMessage() != null && fault.getMessage().contains("unsafe memory access");
        if (found == null && !memoryFault) {
            return null;
        }
        if (found == null) {
            // In compiled code the JVM reports a fault late, at the thread's next transition into
            // the VM: it may come from an earlier access, even to another buffer.
            found = "an access to shared memory faulted (" + fault.getMessage() + "); this buffer's files look"
                    + " intact, so the fault may come from an earlier access of this thread to another buffer";
        }
        return new BufferCorruptedException(buffer, found, fault);
    }

    /**
     * The named error for what a call inside the mapping threw.
     *
     * @param failure an {@code InternalError} (a faulting access) or a {@link BufferCorruptedException}
     * @return the named error when the buffer's files were damaged under the mapping
     * @throws BufferCorruptedException or InternalError: the failure itself when it is not about
     *         damaged files (a corrupt field: the reader or writer stays open)
     */
    BufferCorruptedException named(Throwable failure) {
        if (failure instanceof InternalError) {
            BufferCorruptedException named = fault((InternalError) failure);
            if (named == null) {
                throw (InternalError) failure;
            }
            return named;
        }
        if (!isDamaged()) {
            throw (BufferCorruptedException) failure;
        }
        return (BufferCorruptedException) failure;
    }

    /**
     * Closes the reader or writer when its files are found damaged (its buffer cannot be used any
     * more); a fault reported without damage here (the JVM may report an earlier fault late, from
     * an access to another buffer) leaves it open.
     *
     * @param damaged the error about to be thrown
     * @param close   closes the reader or writer
     * @return the error to throw, with a failure of the close suppressed in it
     */
    BufferCorruptedException closeIfDamaged(BufferCorruptedException damaged, Runnable close) {
        if (!isDamaged()) {
            return damaged;
        }
        try {
            close.run();
        } catch (RuntimeException | InternalError e) {
            damaged.addSuppressed(e);
        }
        return damaged;
    }

    /**
     * Makes the JVM report now a fault it holds for this thread (a transition into the VM), so
     * that it does not surface in the middle of a close or between taking and giving back a
     * lock. In compiled code the JVM lets a faulting access continue and throws its
     * {@code InternalError} only at the thread's next call into the VM runtime (an exception
     * being dispatched): a second fault reported while the first one's exception unwinds a
     * {@code finally} would skip what the {@code finally} gives back. The fault itself is found
     * again by {@link #damage()}.
     */
    static void reportLateFault() {
        try {
            deliverPendingFault();
        } catch (InternalError reportedLate) {
            // an earlier access faulted: its buffer's damage() tells what happened
        }
    }

    /**
     * Has the JVM throw here a fault report it holds for this thread. A return from a call into
     * the VM runtime checks for one (a return from a native method does not check for this
     * kind); allocating a two-dimensional array whose sizes the compiler cannot see is always
     * such a call, and a cheap one (an empty array). The engine does it on rare paths and, on the
     * per-frame path, when its {@link FaultProbe} says one is due (every {@value FaultProbe#INTERVAL}
     * frames, at most once per {@value FaultProbe#MIN_PERIOD_MILLIS} ms), so that compiled code that
     * went on past a fault reports it within the engine, as {@link BufferCorruptedException}.
     *
     * @throws InternalError the JVM's report of a faulting access, if one is pending
     */
    static void deliverPendingFault() {
        probeSink = new byte[probeLength][probeLength];
    }

    /** Always 0; not final, so that the compiler cannot expand the probe's allocation inline. */
    private static int probeLength;
    @SuppressWarnings("unused")
    private static volatile byte[][] probeSink;

    /**
     * Runs one access to the shared memory on a path that must not fail (closing), and has a
     * fault in it reported here rather than at a later transition.
     *
     * @param access the access
     * @return whether it completed without a fault
     */
    static boolean touch(Runnable access) {
        try {
            access.run();
            deliverPendingFault();
            return true;
        } catch (InternalError fault) {
            return false;
        }
    }
}
