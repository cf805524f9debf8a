package io.zerobuffer.bridge.aeron;

import io.zerobuffer.api.BridgeInfo;
import io.zerobuffer.api.ZeroBufferFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The thread, Aeron life cycle and logging shared by both ends. */
abstract class AbstractBridge implements Bridge {
    static final Logger LOG = Logger.getLogger(AbstractBridge.class.getPackageName());

    final ZeroBufferFactory factory;
    final BridgeSettings settings;
    final BridgeCounters counters;
    volatile boolean running = true;
    volatile boolean peerConnected;
    private volatile Throwable failure;
    private Thread thread;
    private final BridgeDescription description;
    AeronMedia media;

    AbstractBridge(ZeroBufferFactory factory, BridgeSettings settings, String label) {
        this.factory = factory;
        this.settings = settings;
        this.counters = new BridgeCounters(label + " '" + settings.bufferName() + "'",
                settings.progressPeriod().toNanos(), settings.role() == Role.SEND, LOG::info);
        this.description = new BridgeDescription(settings.bufferName(), roleName());
    }

    @Override
    public final synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("bridge already started");
        }
        media = AeronMedia.start(settings);
        LOG.info(() -> (media.embedded() ? "embedded Aeron media driver in " : "Aeron media driver in ")
                + media.directory());
        thread = new Thread(this::runLoop, "zerobuffer-bridge-" + settings.role().name().toLowerCase()
                + "-" + settings.bufferName());
        thread.start();
    }

    private void runLoop() {
        try {
            run();
        } catch (Throwable e) {
            if (running) {
                failure = e;
                LOG.log(Level.SEVERE, "bridge '" + settings.bufferName() + "' stopped: " + e, e);
            }
        } finally {
            releaseLocal();
            description.remove();
        }
    }

    /** @return {@code send} or {@code receive} */
    final String roleName() {
        return settings.role() == Role.SEND ? BridgeInfo.SEND : BridgeInfo.RECEIVE;
    }

    /**
     * Describes this end next to the lock files, for monitors (see {@link BridgeDescription}).
     *
     * @param remote the remote end, or {@code "-"} if none is known
     */
    final void describe(String remote) {
        try {
            description.write(new BridgeInfo(settings.bufferName(), roleName(), settings.channel(), remote,
                    settings.streamId(), ProcessHandle.current().pid()));
        } catch (IllegalArgumentException e) {
            LOG.info(() -> "bridge '" + settings.bufferName() + "' not described for monitors: " + e.getMessage());
        }
    }

    /** The bridge loop; returns when {@link #running} turns false. */
    abstract void run();

    /** Releases the local buffer end (called on the bridge thread when the loop ends). */
    abstract void releaseLocal();

    @Override
    public final BridgeSettings settings() {
        return settings;
    }

    @Override
    public final BridgeCounters counters() {
        return counters;
    }

    @Override
    public final boolean isPeerConnected() {
        return peerConnected;
    }

    @Override
    public final Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info(() -> settings.role().name().toLowerCase() + " '" + settings.bufferName() + "' stopped: "
                + counters.frames() + " frames, " + counters.bytes() + " bytes, " + counters.dropped() + " dropped, "
                + counters.gaps() + " gaps, peer lost " + counters.peerLosses() + " times");
        AeronMedia m = media;
        if (m != null) {
            m.close();
            media = null;
        }
    }
}
