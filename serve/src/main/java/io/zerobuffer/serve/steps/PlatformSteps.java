package io.zerobuffer.serve.steps;

/** Stub. */
public final class PlatformSteps {
    private final World world;

    /** @param world the scenario state */
    public PlatformSteps(World world) {
        this.world = world;
    }
}
