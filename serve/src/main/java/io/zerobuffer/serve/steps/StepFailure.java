package io.zerobuffer.serve.steps;

/** A step's check failed: the message says which value was expected and which was seen. */
public final class StepFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was expected and what was seen */
    public StepFailure(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the exception seen
     */
    public StepFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param what     the value checked
     * @param expected the value expected
     * @param actual   the value seen
     * @throws StepFailure if they differ
     */
    public static void expectEqual(String what, Object expected, Object actual) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            throw new StepFailure(what + ": expected " + expected + ", saw " + actual);
        }
    }

    /**
     * @param condition the check
     * @param message   what was expected and what was seen, used if the check fails
     * @throws StepFailure if the condition is false
     */
    public static void expect(boolean condition, String message) {
        if (!condition) {
            throw new StepFailure(message);
        }
    }
}
