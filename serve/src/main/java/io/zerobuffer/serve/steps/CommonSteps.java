package io.zerobuffer.serve.steps;

/**
 * Steps every feature's background uses. They prepare nothing that the scenario's own steps do
 * not prepare: each scenario runs in fresh processes.
 */
public final class CommonSteps {
    private final World world;

    /** @param world the scenario state */
    public CommonSteps(World world) {
        this.world = world;
    }

    /** Background of most features. */
    @Given("the test environment is initialized")
    public void environmentInitialised() {
        world.log(2, "environment ready: names end in " + world.name(""));
    }

    /** Background of most features. */
    @Given("all processes are ready")
    public void processesReady() {
        world.log(2, "process ready, role '" + world.role() + "'");
    }

    /** Feature 02's background: the names must carry the orchestrator's HostPid and FeatureId. */
    @Given("we run in harmony")
    public void weRunInHarmony() {
        String pid = System.getenv("HARMONY_HOST_PID");
        String feature = System.getenv("HARMONY_FEATURE_ID");
        StepFailure.expect(pid != null && feature != null, "expected HARMONY_HOST_PID and HARMONY_FEATURE_ID in the "
                + "environment, saw HARMONY_HOST_PID=" + pid + " HARMONY_FEATURE_ID=" + feature);
    }

    /** Feature 04.12's setup. */
    @Given("the system is ready")
    public void systemReady() {
        world.log(2, "system ready");
    }

    /** Feature 11's background. */
    @Given("stress test environment is prepared")
    public void stressEnvironment() {
        world.log(2, "stress environment: iteration counts and durations are bounded by "
                + StressSteps.MAX_SECONDS_PROPERTY);
    }

    /** Feature 14's background. */
    @Given("benchmark environment is prepared")
    public void benchmarkEnvironment() {
        world.log(2, "benchmark environment: measurement time is bounded by " + BenchmarkSteps.SECONDS_PROPERTY);
    }

    /** Feature 12's background: the checks read the shared header directly. */
    @Given("we are in DEBUG mode for protocol compliance tests")
    public void debugMode() {
        world.log(2, "protocol compliance: steps read the OIEB directly");
    }

    /**
     * The orchestrator sleeps itself on this step; the definition serves other orchestrators.
     *
     * @param seconds how long
     * @throws InterruptedException if interrupted
     */
    @Then("wait for '{int}' seconds")
    public void waitFor(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }
}
