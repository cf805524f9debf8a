package io.zerobuffer.serve.steps;

/** Stub. */
public final class DuplexChannelSteps {
    private final World world;

    /** @param world the scenario state */
    public DuplexChannelSteps(World world) {
        this.world = world;
    }
}
