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

    /** Default spin limit for {@link WaitStrategy#SPIN_THEN_BLOCK}: 100 µs. */
    public static final Duration DEFAULT_SPIN_LIMIT = ReaderOptions.DEFAULT_SPIN_LIMIT;

    private static final WriterOptions DEFAULTS = new WriterOptions(DEFAULT_WRITE_TIMEOUT, DEFAULT_ATTACH_TIMEOUT,
            WaitStrategy.BLOCKING, DEFAULT_SPIN_LIMIT, true);

    private final Duration writeTimeout;
    private final Duration attachTimeout;
    private final WaitStrategy waitStrategy;
    private final Duration spinLimit;
    private final boolean peerFriendlyWrap;

    private WriterOptions(Duration writeTimeout, Duration attachTimeout, WaitStrategy waitStrategy, Duration spinLimit,
            boolean peerFriendlyWrap) {
        this.writeTimeout = writeTimeout;
        this.attachTimeout = attachTimeout;
        this.waitStrategy = waitStrategy;
        this.spinLimit = spinLimit;
        this.peerFriendlyWrap = peerFriendlyWrap;
    }

    /**
     * @return write timeout 5 s, attach timeout 0, {@link WaitStrategy#BLOCKING}, peer-friendly
     *         wrapping on
     */
    public static WriterOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param timeout how long a frame may wait for ring space before {@link BufferFullException}
     * @return a copy with that write timeout
     * @throws IllegalArgumentException if negative
     */
    public WriterOptions withWriteTimeout(Duration timeout) {
        return new WriterOptions(nonNegative("write timeout", timeout), attachTimeout, waitStrategy, spinLimit,
                peerFriendlyWrap);
    }

    /**
     * @param timeout how long to retry while the buffer does not exist yet or its reader is still
     *                initialising it (readers and writers are often started together)
     * @return a copy with that attach timeout
     * @throws IllegalArgumentException if negative
     */
    public WriterOptions withAttachTimeout(Duration timeout) {
        return new WriterOptions(writeTimeout, nonNegative("attach timeout", timeout), waitStrategy, spinLimit,
                peerFriendlyWrap);
    }

    /**
     * @param strategy how a write waits for ring space when the ring is full
     * @return a copy with that strategy
     * @since 1.1
     */
    public WriterOptions withWaitStrategy(WaitStrategy strategy) {
        return new WriterOptions(writeTimeout, attachTimeout, Objects.requireNonNull(strategy, "wait strategy"),
                spinLimit, peerFriendlyWrap);
    }

    /**
     * @param limit how long one wait for space may spin before it blocks (used by
     *              {@link WaitStrategy#SPIN_THEN_BLOCK})
     * @return a copy with that spin limit
     * @throws IllegalArgumentException if negative
     * @since 1.1
     */
    public WriterOptions withSpinLimit(Duration limit) {
        return new WriterOptions(writeTimeout, attachTimeout, waitStrategy, nonNegative("spin limit", limit),
                peerFriendlyWrap);
    }

    /**
     * Peer-friendly wrapping (on by default): the writer never leaves 1 to 15 bytes at the end of
     * the ring, too few for a wrap marker. The protocol lets a writer wrap there without a
     * marker, and this library's reader accepts that, but the upstream Python and C++ readers
     * fail on it. With this on, a frame that would end 1 to 15 bytes before the end goes to
     * offset 0 behind a wrap marker instead. Only frames too large to be moved so (the tail plus
     * the frame would exceed the ring: frames over {@code (payload − 15) / 2 − 16} bytes, far
     * beyond the advised payload of 3 × the largest frame) still leave such a tail, as the
     * protocol allows, rather than be refused. Turning it off saves a few wasted ring bytes at
     * some wraps and suits only readers of this library.
     *
     * @param on whether to wrap peer-friendly
     * @return a copy with that setting
     * @since 1.2
     */
    public WriterOptions withPeerFriendlyWrap(boolean on) {
        return new WriterOptions(writeTimeout, attachTimeout, waitStrategy, spinLimit, on);
    }

    /**
     * @return whether the writer never leaves a tail of 1 to 15 bytes without a wrap marker
     * @since 1.2
     */
    public boolean peerFriendlyWrap() {
        return peerFriendlyWrap;
    }

    /**
     * @return how a write waits for ring space
     * @since 1.1
     */
    public WaitStrategy waitStrategy() {
        return waitStrategy;
    }

    /**
     * @return how long one wait for space may spin before it blocks
     * @since 1.1
     */
    public Duration spinLimit() {
        return spinLimit;
    }

    /** @return how long a frame may wait for ring space */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** @return how long attaching retries a buffer that is absent or still being created */
    public Duration attachTimeout() {
        return attachTimeout;
    }

    static Duration nonNegative(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " " + value + " is negative");
        }
        return value;
    }

    @Override
    public String toString() {
        return "WriterOptions[writeTimeout=" + writeTimeout + ", attachTimeout=" + attachTimeout + ", waitStrategy="
                + waitStrategy + ", spinLimit=" + spinLimit + ", peerFriendlyWrap=" + peerFriendlyWrap + "]";
    }
}
