package io.zerobuffer.serve.steps;

/** Stub. */
public final class StressSteps {
    static final String MAX_SECONDS_PROPERTY = "zerobuffer.serve.stress.seconds";
    private final World world;

    /** @param world the scenario state */
    public StressSteps(World world) {
        this.world = world;
    }
}
