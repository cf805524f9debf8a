package io.zerobuffer.serve.steps;

/** Stub. */
public final class AdvancedErrorSteps {
    private final World world;

    /** @param world the scenario state */
    public AdvancedErrorSteps(World world) {
        this.world = world;
    }
}
