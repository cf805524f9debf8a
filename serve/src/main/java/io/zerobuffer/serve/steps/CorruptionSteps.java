package io.zerobuffer.serve.steps;

/** Stub. */
public final class CorruptionSteps {
    private final World world;

    /** @param world the scenario state */
    public CorruptionSteps(World world) {
        this.world = world;
    }
}
