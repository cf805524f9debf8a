package io.zerobuffer.serve.steps;

/** Stub. */
public final class SystemResourceSteps {
    private final World world;

    /** @param world the scenario state */
    public SystemResourceSteps(World world) {
        this.world = world;
    }
}
