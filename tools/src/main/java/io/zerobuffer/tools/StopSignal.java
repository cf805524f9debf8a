package io.zerobuffer.tools;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets Ctrl-C or SIGTERM end a command in order: the JVM's shutdown hook raises the flag, the
 * command's loop sees it, prints its result and closes its buffers (a reader removes the shared
 * memory and semaphores it owns), and the hook waits for that, bounded, before the JVM exits.
 */
final class StopSignal implements AutoCloseable {
    private static final long GRACE_MILLIS = 3000;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private StopSignal() {
        hook = new Thread(() -> {
            requested = true;
            try {
                finished.await(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "zerobuffer-stop");
    }

    /** @return a signal whose shutdown hook is installed */
    static StopSignal install() {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** @return whether the process was asked to stop */
    boolean requested() {
        return requested;
    }

    /** Marks the command finished: the hook no longer waits. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that the latch is down
        }
    }
}
