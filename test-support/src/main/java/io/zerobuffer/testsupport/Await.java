package io.zerobuffer.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for something another thread or process does, instead of sleeping for a guessed time: polls with
 * short parks and fails with a message and the last state it saw.
 */
public final class Await {
    /** How long one poll parks. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private Await() {
    }

    /**
     * Waits until {@code condition} holds.
     *
     * @param condition polled until it returns true
     * @param timeout the longest wait
     * @param message what was awaited, for the failure
     * @throws AssertionError if the condition did not hold within {@code timeout}
     */
    public static void await(BooleanSupplier condition, Duration timeout, String message) {
        await(condition::getAsBoolean, Boolean::booleanValue, timeout, message);
    }

    /**
     * Waits until the observed state satisfies {@code done}.
     *
     * @param observe reads the state, once per poll
     * @param done whether that state is the one awaited
     * @param timeout the longest wait
     * @param message what was awaited, for the failure
     * @param <T> the state's type
     * @return the state that satisfied {@code done}
     * @throws AssertionError if it did not within {@code timeout}; the message names the last state observed
     */
    public static <T> T await(Supplier<T> observe, Predicate<? super T> done, Duration timeout, String message) {
        return await(observe, done, timeout, Duration.ofNanos(PARK_NANOS), message);
    }

    /**
     * Waits until the observed state satisfies {@code done}, observing at most once per {@code interval}: for
     * an observation that costs (a scan of {@code /dev/shm}, a sample of rates).
     *
     * @param observe reads the state, once per poll
     * @param done whether that state is the one awaited
     * @param timeout the longest wait
     * @param interval the pause between two observations
     * @param message what was awaited, for the failure
     * @param <T> the state's type
     * @return the state that satisfied {@code done}
     * @throws AssertionError if it did not within {@code timeout}; the message names the last state observed
     */
    public static <T> T await(Supplier<T> observe, Predicate<? super T> done, Duration timeout, Duration interval,
            String message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = observe.get();
        while (!done.test(last)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(message + ": not within " + timeout.toMillis() + " ms; last observed: " + last);
            }
            LockSupport.parkNanos(interval.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                throw new AssertionError(message + ": interrupted while waiting; last observed: " + last);
            }
            last = observe.get();
        }
        return last;
    }

    /**
     * For a test that reports a condition that did not come as part of its own assertion message (computed
     * after the wait).
     *
     * @param condition polled until it returns true
     * @param timeout the longest wait
     * @return whether the condition held within {@code timeout}
     */
    public static boolean holdsWithin(BooleanSupplier condition, Duration timeout) {
        return holdsWithin(condition, timeout, Duration.ofNanos(PARK_NANOS));
    }

    /**
     * @param condition polled until it returns true
     * @param timeout the longest wait
     * @param interval the pause between two polls, for a condition that costs (reading a log file)
     * @return whether the condition held within {@code timeout}
     */
    public static boolean holdsWithin(BooleanSupplier condition, Duration timeout, Duration interval) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(interval.toNanos());
        }
        return true;
    }

    /**
     * Waits until a thread is inside a call: until its stack holds a frame of every one of {@code frames} at once.
     * This orders a test's next step after another thread has reached a wait, e.g.
     * {@code awaitInside(reader, timeout, "sem_timedwait")} before the test posts or kills.
     *
     * @param thread the thread to watch
     * @param timeout the longest wait
     * @param frames method names, plain ({@code sem_timedwait}) or with the class's simple name
     *        ({@code LinuxWriter.attach})
     * @throws AssertionError if it was not within {@code timeout}; the message shows the thread's last stack
     */
    public static void awaitInside(Thread thread, Duration timeout, String... frames) {
        await(() -> stack(thread), stack -> containsAll(stack, frames), timeout,
                thread.getName() + " to be inside " + String.join(" and ", frames));
    }

    private static List<String> stack(Thread thread) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement frame : thread.getStackTrace()) {
            String type = frame.getClassName();
            frames.add(type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethodName());
        }
        return frames;
    }

    private static boolean containsAll(List<String> stack, String... frames) {
        for (String wanted : frames) {
            boolean found = false;
            for (String frame : stack) {
                if (frame.equals(wanted) || frame.endsWith("." + wanted)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
