package io.zerobuffer.api;

/**
 * How a reader waits for a frame and a writer waits for ring space.
 *
 * <p>Both strategies speak the same protocol: every semaphore post is still consumed exactly
 * once, so either side may use either strategy whatever its peer (of any language) uses.
 */
public enum WaitStrategy {
    /**
     * Block on the protocol's semaphore at once (the default). Burns no CPU while idle; each
     * wake-up costs a scheduler round trip: on a 2-vCPU VM about 3 µs one way when both
     * processes share a CPU and about 25–30 µs when they sit on different CPUs.
     */
    BLOCKING,

    /**
     * First spin on the shared counters (the writer's frame count, the free ring bytes) for up
     * to the spin limit, and consume the semaphore post without blocking once the counter moved;
     * block as {@link #BLOCKING} does when the limit passes. Cuts the wake-up latency to the
     * cost of a cache-line transfer when the two processes run on different CPUs, at the price
     * of keeping a CPU busy for up to the spin limit per wait. Useless, even harmful, when both
     * processes share one CPU: the spinner then holds the CPU the peer needs.
     */
    SPIN_THEN_BLOCK
}
