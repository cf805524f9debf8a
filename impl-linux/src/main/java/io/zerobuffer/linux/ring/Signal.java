package io.zerobuffer.linux.ring;

/**
 * A counting wake-up between the two sides of a ring: the protocol's named semaphores. One
 * {@link #post()} per event; each successful wait consumes one.
 */
public interface Signal {

    /** Signals one event. */
    void post();

    /**
     * Signals {@code count} events: to the waiter the same as {@code count} calls of
     * {@link #post()}. This default makes those calls.
     *
     * @param count events, at least 1
     */
    default void post(int count) {
        for (int i = 0; i < count; i++) {
            post();
        }
    }

    /**
     * Waits for one event and consumes it.
     *
     * @param timeoutNanos the longest wait; 0 or less only polls
     * @return whether an event was consumed
     */
    boolean await(long timeoutNanos);

    /** How many events {@link #drain()} consumes at most when it must take them one by one. */
    int DRAIN_LIMIT = 64;

    /**
     * Consumes every pending event, so that the next {@link #await(long)} sleeps until the next
     * {@link #post()}. For a waiter whose wake-ups are only hints (it re-checks its condition
     * after each one), such as a writer facing a full ring while {@code sem-r} holds the posts
     * of every release it never waited for (docs/PROTOCOL.md §5a).
     *
     * <p>This default takes events one at a time, at most {@link #DRAIN_LIMIT} of them.
     *
     * @return {@code true} if no event is pending any more; {@code false} if the count could be
     *         lowered only in part
     */
    default boolean drain() {
        for (int i = 0; i < DRAIN_LIMIT; i++) {
            if (!await(0)) {
                return true;
            }
        }
        return false;
    }
}
