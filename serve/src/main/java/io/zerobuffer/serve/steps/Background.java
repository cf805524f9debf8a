package io.zerobuffer.serve.steps;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Work that runs on its own thread while later steps run: a writer that must keep writing
 * while the reader's steps consume, a duplex server's handler loop.
 */
public final class Background {
    /** The work. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param self the handle, to poll {@link #stopRequested()}
         * @throws Exception anything; kept as {@link #failure()}
         */
        void run(Background self) throws Exception;
    }

    private final String name;
    private final Body body;
    private final World world;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stop;
    private volatile Throwable failure;

    Background(String name, Body body, World world) {
        this.name = name;
        this.body = body;
        this.world = world;
        this.thread = new Thread(this::run, "serve-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            body.run(this);
        } catch (Throwable t) {
            failure = t;
            world.log(3, name + " stopped: " + World.describe(t));
        } finally {
            done.countDown();
        }
    }

    /** @return whether the scenario asked this work to stop */
    public boolean stopRequested() {
        return stop;
    }

    /** @return whether the work has finished */
    public boolean isDone() {
        return done.getCount() == 0;
    }

    /**
     * @param timeout the longest wait
     * @return whether the work finished in time
     */
    public boolean await(Duration timeout) {
        try {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return what the work threw, or {@code null} */
    public Throwable failure() {
        return failure;
    }

    /**
     * Asks the work to stop, interrupts it and waits.
     *
     * @param timeout the longest wait
     * @return whether it finished
     */
    public boolean stopAndJoin(Duration timeout) {
        stop = true;
        if (!await(Duration.ofMillis(Math.min(200, timeout.toMillis())))) {
            thread.interrupt();
        }
        return await(timeout);
    }

    /** @return the name given at start */
    public String name() {
        return name;
    }
}
