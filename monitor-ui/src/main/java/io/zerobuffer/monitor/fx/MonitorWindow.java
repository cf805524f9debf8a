package io.zerobuffer.monitor.fx;

import io.zerobuffer.monitor.BufferSource;
import io.zerobuffer.monitor.MonitorModel;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** A stage showing a {@link MonitorView} fed by a {@link Poller}. Create and close on the JavaFX thread. */
public final class MonitorWindow implements AutoCloseable {
    private final Stage stage;
    private final Poller poller;
    private final MonitorView view;

    private MonitorWindow(Stage stage, Poller poller, MonitorView view) {
        this.stage = stage;
        this.poller = poller;
        this.view = view;
    }

    /**
     * Fills the stage, shows it and starts polling; polling stops when the stage is hidden.
     *
     * @param stage      the stage to use
     * @param source     where the buffers come from
     * @param intervalMs refresh period
     * @param select     buffer to select first, or null
     * @return the window
     */
    public static MonitorWindow show(Stage stage, BufferSource source, long intervalMs, String select) {
        MonitorModel model = new MonitorModel(source);
        MonitorView view = new MonitorView(model, select);
        Poller poller = new Poller(model, intervalMs, view::apply);
        stage.setTitle("ZeroBuffer monitor");
        stage.setScene(new Scene(view, 1180, 760));
        stage.setOnHidden(e -> poller.close());
        stage.show();
        poller.start();
        return new MonitorWindow(stage, poller, view);
    }

    /** @return the view */
    public MonitorView view() {
        return view;
    }

    /** Stops polling and closes the stage. JavaFX thread. */
    @Override
    public void close() {
        poller.close();
        stage.close();
    }
}
