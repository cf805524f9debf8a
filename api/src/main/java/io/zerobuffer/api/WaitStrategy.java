package io.zerobuffer.api;

/**
 * How a reader waits for a frame and a writer waits for ring space.
 *
 * <p>Both strategies speak the same protocol: every semaphore post is still consumed exactly
 * once, so either side may use either strategy whatever its peer (of any language) uses.
 */
public enum WaitStrategy {
    /**
     * Block on the protocol's semaphore (the default); a read that finds nothing yields the CPU
     * once before it sleeps. Burns no CPU while idle; a wake-up costs a scheduler round trip:
     * measured on a 2-vCPU VM, a request/response round trip (two wake-ups) takes about 6 µs
     * when both processes share a CPU and 25–45 µs when they sit on different CPUs.
     */
    BLOCKING,

    /**
     * First spin on the shared counters (the writer's frame count, the free ring bytes) for up
     * to the spin limit, and consume the semaphore post without blocking once the counter moved;
     * block as {@link #BLOCKING} does when the limit passes. The spin yields the CPU every 64
     * pauses. Cuts the wake-up latency to a few cache-line transfers when the two processes run
     * on different CPUs (a 64-byte round trip in 0.4 µs instead of 25–45 µs on that VM), at the
     * price of keeping a CPU busy for up to the spin limit per wait. Buys nothing when both
     * processes share one CPU: a spinner cannot see a peer that is not running.
     */
    SPIN_THEN_BLOCK
}
