package io.zerobuffer.serve.steps;

/** Stub. */
public final class SynchronizationSteps {
    private final World world;

    /** @param world the scenario state */
    public SynchronizationSteps(World world) {
        this.world = world;
    }
}
