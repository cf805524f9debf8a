package io.zerobuffer.serve.steps;

/** Stub. */
public final class ProtocolComplianceSteps {
    private final World world;

    /** @param world the scenario state */
    public ProtocolComplianceSteps(World world) {
        this.world = world;
    }
}
