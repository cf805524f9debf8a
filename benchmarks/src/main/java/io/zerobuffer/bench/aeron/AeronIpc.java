package io.zerobuffer.bench.aeron;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * What the Aeron IPC peer programs share: the channel, the embedded media driver and the
 * idle strategies.
 *
 * <p>The driver runs embedded in the reader's (or echo's) process, {@link ThreadingMode#SHARED}:
 * one agent thread for conductor, sender and receiver, idling with a {@link BackoffIdleStrategy}
 * (spin, yield, then park up to 1 ms). On a 2-CPU machine the dedicated mode's three spinning
 * threads would take the CPUs the two sides measure on; over IPC the data path does not pass
 * through the driver at all, whose conductor only advances the publication limit (a window of
 * half a term, 32 MiB here, so a parked conductor does not stall the writer).
 *
 * <p>The channel {@code aeron:ipc?term-length=64m|mtu=65504|sparse=false}: a 64 MiB term like
 * the 64 MiB ring of the ZeroBuffer one-way cell, the largest MTU, so that large messages are split
 * into as few fragments as Aeron allows, and term files allocated when the publication is made
 * rather than page by page on first write.
 */
final class AeronIpc {
    static final String CHANNEL = "aeron:ipc?term-length=64m|mtu=65504|sparse=false";

    private AeronIpc() {
    }

    static MediaDriver launchDriver(String directory) {
        return MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(directory)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy())
                .printConfigurationOnStart(false));
    }

    /** A fresh Aeron directory under /dev/shm for one run. */
    static String directory(String kind) {
        return "/dev/shm/zb-aeron-" + kind + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    /** {@code spin}: busy spin; {@code blocking} (or anything else): Aeron's default backoff (spin, yield, park). */
    static IdleStrategy idle(String wait) {
        return wait.equals("spin") ? new BusySpinIdleStrategy() : new BackoffIdleStrategy();
    }
}
