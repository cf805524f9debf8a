package io.zerobuffer.linux.ring;

/**
 * A counting wake-up between the two sides of a ring: the protocol's named semaphores. One
 * {@link #post()} per event; each successful wait consumes one.
 */
public interface Signal {

    /** Signals one event. */
    void post();

    /**
     * Waits for one event and consumes it.
     *
     * @param timeoutNanos the longest wait; 0 or less only polls
     * @return whether an event was consumed
     */
    boolean await(long timeoutNanos);
}
