package io.zerobuffer.serve.steps;

import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every step class of the serve, one per feature area, with the scenario state they share.
 */
public final class Steps {
    /** The step classes, in the order of the features they serve. */
    public static final List<Class<?>> CLASSES = List.of(
            CommonSteps.class,
            BasicCommunicationSteps.class,
            ProcessLifecycleSteps.class,
            ErrorHandlingSteps.class,
            EdgeCaseSteps.class,
            CorruptionSteps.class,
            SynchronizationSteps.class,
            SystemResourceSteps.class,
            PlatformSteps.class,
            PerformanceMonitoringSteps.class,
            AdvancedErrorSteps.class,
            StressSteps.class,
            ProtocolComplianceSteps.class,
            DuplexChannelSteps.class,
            BenchmarkSteps.class);

    private static final StepRegistry REGISTRY = new StepRegistry(CLASSES);

    private final World world;
    private final Map<Class<?>, Object> instances = new HashMap<>();

    /** @param world the scenario state the step classes share */
    public Steps(World world) {
        this.world = world;
    }

    /** @return the registry of every step class */
    public StepRegistry registry() {
        return REGISTRY;
    }

    /** @return the scenario state */
    public World world() {
        return world;
    }

    private Object instance(Class<?> type) {
        return instances.computeIfAbsent(type, t -> {
            try {
                return t.getConstructor(World.class).newInstance(world);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("creating " + t.getSimpleName() + " failed", e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(t.getSimpleName() + " needs a public constructor taking the World", e);
            }
        });
    }

    /**
     * Executes one step.
     *
     * @param text       the step text without its keyword
     * @param context    the context the orchestrator carried from the previous step
     * @param parameters the step's parameters (tables, when the orchestrator sends them)
     * @return the executeStep result: success, error, context, logs
     */
    public Map<String, Object> execute(String text, Map<String, String> context, Map<String, String> parameters) {
        world.context().putAll(context);
        world.parameters(parameters);
        Map<String, Object> result = new LinkedHashMap<>();
        if (text == null) {
            result.put("success", false);
            result.put("error", "executeStep without a Step text");
        } else {
            try {
                REGISTRY.execute(text, this::instance);
                result.put("success", true);
                result.put("error", null);
            } catch (Throwable t) {
                String error = t instanceof StepFailure || t instanceof StepRegistry.UnknownStepException
                        ? t.getMessage() : "unexpected " + World.describe(t);
                world.log(4, "step failed: " + text + ": " + error);
                result.put("success", false);
                result.put("error", error);
            }
        }
        result.put("context", new LinkedHashMap<>(world.context()));
        result.put("logs", world.drainLogs());
        return result;
    }

    /** Ends the scenario: closes everything and forgets the step classes' state. */
    public void cleanup() {
        world.reset();
        instances.clear();
    }
}
