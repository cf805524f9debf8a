package io.zerobuffer.bridge.aeron;

import io.zerobuffer.api.ZeroBufferFactory;

/**
 * One end of a bridge, running on its own thread until closed. Create with {@link #create}.
 */
public interface Bridge extends AutoCloseable {

    /**
     * @param factory  the engine that creates (send) or attaches to (receive) the local buffer
     * @param settings what to bridge
     * @return the bridge end, not started
     */
    static Bridge create(ZeroBufferFactory factory, BridgeSettings settings) {
        return settings.role() == Role.SEND ? new SendBridge(factory, settings) : new ReceiveBridge(factory, settings);
    }

    /** Starts the bridge thread (connects Aeron, creates or attaches the local buffer). */
    void start();

    /** @return the settings */
    BridgeSettings settings();

    /** @return the counters */
    BridgeCounters counters();

    /** @return whether the far end is connected now */
    boolean isPeerConnected();

    /**
     * @return the error that stopped the bridge thread, or {@code null} while it runs or if it
     *         stopped because it was closed
     */
    Throwable failure();

    /** Stops the thread and releases the local buffer, Aeron and an embedded driver. Idempotent. */
    @Override
    void close();
}
