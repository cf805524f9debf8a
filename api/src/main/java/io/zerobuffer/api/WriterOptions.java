package io.zerobuffer.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a writer attaches and waits. Immutable and thread-safe; change a value with a
 * {@code with...} method.
 */
public final class WriterOptions {
    /** Default: 5 s for a frame to find room in the ring. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);
    /** Default: attach at once or fail. */
    public static final Duration DEFAULT_ATTACH_TIMEOUT = Duration.ZERO;

    private static final WriterOptions DEFAULTS = new WriterOptions(DEFAULT_WRITE_TIMEOUT, DEFAULT_ATTACH_TIMEOUT);

    private final Duration writeTimeout;
    private final Duration attachTimeout;

    private WriterOptions(Duration writeTimeout, Duration attachTimeout) {
        this.writeTimeout = writeTimeout;
        this.attachTimeout = attachTimeout;
    }

    /** @return write timeout 5 s, attach timeout 0 */
    public static WriterOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param timeout how long a frame may wait for ring space before {@link BufferFullException}
     * @return a copy with that write timeout
     * @throws IllegalArgumentException if negative
     */
    public WriterOptions withWriteTimeout(Duration timeout) {
        return new WriterOptions(nonNegative("write timeout", timeout), attachTimeout);
    }

    /**
     * @param timeout how long to retry while the buffer does not exist yet or its reader is still
     *                initialising it (readers and writers are often started together)
     * @return a copy with that attach timeout
     * @throws IllegalArgumentException if negative
     */
    public WriterOptions withAttachTimeout(Duration timeout) {
        return new WriterOptions(writeTimeout, nonNegative("attach timeout", timeout));
    }

    /** @return how long a frame may wait for ring space */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** @return how long attaching retries a buffer that is absent or still being created */
    public Duration attachTimeout() {
        return attachTimeout;
    }

    private static Duration nonNegative(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " " + value + " is negative");
        }
        return value;
    }

    @Override
    public String toString() {
        return "WriterOptions[writeTimeout=" + writeTimeout + ", attachTimeout=" + attachTimeout + "]";
    }
}
