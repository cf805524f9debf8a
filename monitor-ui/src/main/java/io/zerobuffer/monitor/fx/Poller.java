package io.zerobuffer.monitor.fx;

import io.zerobuffer.monitor.MonitorModel;
import io.zerobuffer.monitor.MonitorSnapshot;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Polls the model on its own daemon thread and hands the newest snapshot to the JavaFX thread.
 * At most one hand-over is queued at a time: when the UI thread is slow, intermediate
 * snapshots are dropped instead of piling up, so the window never lags behind.
 */
final class Poller implements AutoCloseable {
    private final MonitorModel model;
    private final long intervalMs;
    private final Consumer<MonitorSnapshot> view;
    private final AtomicReference<MonitorSnapshot> latest = new AtomicReference<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "zerobuffer-monitor-poll");
        t.setDaemon(true);
        return t;
    });

    Poller(MonitorModel model, long intervalMs, Consumer<MonitorSnapshot> view) {
        this.model = model;
        this.intervalMs = intervalMs;
        this.view = view;
    }

    void start() {
        executor.scheduleWithFixedDelay(this::pollOnce, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void pollOnce() {
        try {
            latest.set(model.poll());
            if (!queued.getAndSet(true)) {
                Platform.runLater(() -> {
                    queued.set(false);
                    view.accept(latest.get());
                });
            }
        } catch (Throwable t) {
            // never let one bad poll stop the schedule; the model reports its own errors
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
