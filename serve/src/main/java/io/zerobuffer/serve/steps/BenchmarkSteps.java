package io.zerobuffer.serve.steps;

/** Stub. */
public final class BenchmarkSteps {
    static final String SECONDS_PROPERTY = "zerobuffer.serve.bench.seconds";
    private final World world;

    /** @param world the scenario state */
    public BenchmarkSteps(World world) {
        this.world = world;
    }
}
