package io.zerobuffer.linux.ring;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A clock cheap enough to read on every frame: one plain volatile load of a value that a daemon
 * thread refreshes from {@link System#nanoTime()} every {@link #TICK_NANOS}, as Aeron's cached
 * clocks are refreshed by their conductor. {@code System.nanoTime()} is a {@code clock_gettime}
 * call (a vDSO call of 20–60 ns, more under some hypervisors): a per-frame liveness deadline
 * read from it cost more than the rest of the writer's checks together.
 *
 * <p>The value lags the real clock by up to a tick (more when the machine is so loaded that the
 * ticking thread is not scheduled), so it suits deadlines of tens of milliseconds, such as the
 * writer's per-frame question whether its reader still lives; it never runs ahead.
 *
 * <p>The thread runs only while someone holds the clock ({@link #retain()} ...
 * {@link #release()}), so a bundle whose writers are all closed leaves no thread behind.
 * Thread-safe.
 */
public final class CoarseClock {
    /** How often the value is refreshed. */
    public static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private static volatile long nanos = System.nanoTime();
    private static volatile Thread ticker;
    private static int holders;

    private CoarseClock() {
    }

    /**
     * @return {@link System#nanoTime()} as of the last tick; refreshed only while the clock is
     *         held
     */
    public static long nanoTime() {
        return nanos;
    }

    /** Holds the clock: starts the ticking thread for the first holder. */
    public static synchronized void retain() {
        if (holders++ == 0) {
            nanos = System.nanoTime();
            Thread thread = new Thread(CoarseClock::tick, "zerobuffer-clock");
            thread.setDaemon(true);
            ticker = thread;
            thread.start();
        }
    }

    /** Gives the clock back: the last holder stops the thread. Call once per {@link #retain()}. */
    public static synchronized void release() {
        if (holders == 0) {
            throw new IllegalStateException("CoarseClock released more often than retained");
        }
        if (--holders == 0) {
            Thread thread = ticker;
            ticker = null;
            LockSupport.unpark(thread);
        }
    }

    private static void tick() {
        Thread self = Thread.currentThread();
        while (ticker == self) {
            nanos = System.nanoTime();
            LockSupport.parkNanos(TICK_NANOS);
        }
    }
}
