package io.zerobuffer.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a reader waits for frames. Immutable and thread-safe; change a value with a
 * {@code with...} method.
 *
 * @since 1.1
 */
public final class ReaderOptions {
    /** Default spin limit for {@link WaitStrategy#SPIN_THEN_BLOCK}: 100 µs. */
    public static final Duration DEFAULT_SPIN_LIMIT = Duration.ofNanos(100_000);

    private static final ReaderOptions DEFAULTS = new ReaderOptions(WaitStrategy.BLOCKING, DEFAULT_SPIN_LIMIT);

    private final WaitStrategy waitStrategy;
    private final Duration spinLimit;

    private ReaderOptions(WaitStrategy waitStrategy, Duration spinLimit) {
        this.waitStrategy = waitStrategy;
        this.spinLimit = spinLimit;
    }

    /** @return {@link WaitStrategy#BLOCKING}, spin limit {@link #DEFAULT_SPIN_LIMIT} */
    public static ReaderOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param strategy how {@link Reader#read} waits for the next frame
     * @return a copy with that strategy
     */
    public ReaderOptions withWaitStrategy(WaitStrategy strategy) {
        return new ReaderOptions(Objects.requireNonNull(strategy, "wait strategy"), spinLimit);
    }

    /**
     * @param limit how long one wait may spin before it blocks (used by
     *              {@link WaitStrategy#SPIN_THEN_BLOCK})
     * @return a copy with that spin limit
     * @throws IllegalArgumentException if negative
     */
    public ReaderOptions withSpinLimit(Duration limit) {
        return new ReaderOptions(waitStrategy, WriterOptions.nonNegative("spin limit", limit));
    }

    /** @return how a read waits */
    public WaitStrategy waitStrategy() {
        return waitStrategy;
    }

    /** @return how long one wait may spin before it blocks */
    public Duration spinLimit() {
        return spinLimit;
    }

    @Override
    public String toString() {
        return "ReaderOptions[waitStrategy=" + waitStrategy + ", spinLimit=" + spinLimit + "]";
    }
}
