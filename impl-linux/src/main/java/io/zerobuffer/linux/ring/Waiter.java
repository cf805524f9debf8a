package io.zerobuffer.linux.ring;

import java.util.concurrent.TimeUnit;

/**
 * How either party of the ring waits for the other: spin, then yield, then block in slices. The
 * one place for the policy and its numbers, so that {@link RingReader} and {@link RingWriter}
 * read as the protocol alone.
 *
 * <ol>
 *   <li><b>Spin</b> (the spin-then-block strategy only): {@link Thread#onSpinWait()} pauses,
 *       polling the shared cache line the other party writes once every
 *       {@code pausesPerPoll} pauses (polling it on every pause would steal the line from the
 *       party writing it per frame); every {@link #PAUSES_PER_YIELD} pauses the deadline is
 *       read and the CPU yielded, so a peer pinned to the same CPU can run.</li>
 *   <li><b>Yield once</b> (the blocking strategy): one {@code sched_yield} before sleeping, so a
 *       peer sharing the CPU finishes more frames before this party becomes a waiter on the
 *       semaphore (see {@link io.zerobuffer.linux.posix.NamedSemaphore}).</li>
 *   <li><b>Block</b> on the semaphore for at most {@link #WAIT_SLICE_NANOS} at a time; between
 *       slices the caller checks the other party's liveness and the segment.</li>
 * </ol>
 *
 * Not thread-safe: one per waiting party.
 */
final class Waiter {
    /** Longest single block on a semaphore before the other party's liveness is checked again. */
    static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Spin pauses between two yields of the CPU (and reads of the clock). A power of two. */
    static final int PAUSES_PER_YIELD = 64;

    /** What a spin waits for. */
    interface Condition {
        /** @return whether the wait is over; polled every few pauses */
        boolean met();

        /** @return whether to stop spinning at once (the party is closing) */
        boolean abandoned();
    }

    private final int pollMask;
    private final Condition condition;

    /**
     * @param pausesPerPoll spin pauses between two polls of the condition (a power of two,
     *                      at most {@link #PAUSES_PER_YIELD})
     * @param condition     what the spin waits for
     */
    Waiter(int pausesPerPoll, Condition condition) {
        if (Integer.bitCount(pausesPerPoll) != 1 || pausesPerPoll > PAUSES_PER_YIELD) {
            throw new IllegalArgumentException("pausesPerPoll " + pausesPerPoll
                    + " must be a power of two, at most " + PAUSES_PER_YIELD);
        }
        this.pollMask = pausesPerPoll - 1;
        this.condition = condition;
    }

    /**
     * Spins until the condition is met, the limit passes or the wait is abandoned.
     *
     * @param limitNanos the longest spin
     * @return whether the condition was met
     */
    boolean spin(long limitNanos) {
        long deadline = System.nanoTime() + limitNanos;
        for (int pause = 1; ; pause++) {
            if ((pause & pollMask) == 0 && condition.met()) {
                return true;
            }
            if ((pause & (PAUSES_PER_YIELD - 1)) == 0) {
                if (condition.abandoned() || System.nanoTime() - deadline >= 0) {
                    return false;
                }
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Yields the CPU once and polls the condition.
     *
     * @return whether the condition was met after the yield
     */
    boolean yieldOnce() {
        Thread.yield();
        return condition.met();
    }
}
