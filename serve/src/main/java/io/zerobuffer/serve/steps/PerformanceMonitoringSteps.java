package io.zerobuffer.serve.steps;

/** Stub. */
public final class PerformanceMonitoringSteps {
    private final World world;

    /** @param world the scenario state */
    public PerformanceMonitoringSteps(World world) {
        this.world = world;
    }
}
