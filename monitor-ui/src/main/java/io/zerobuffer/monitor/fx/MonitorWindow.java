package io.zerobuffer.monitor.fx;

import io.zerobuffer.api.BufferDirectory;
import io.zerobuffer.monitor.MonitorModel;
import io.zerobuffer.monitor.NameFilter;
import java.time.Duration;
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
     * @param directory  where the buffers come from (any implementation)
     * @param intervalMs refresh period
     * @param select     buffer to select first, or null
     * @return the window
     */
    public static MonitorWindow show(Stage stage, BufferDirectory directory, long intervalMs, String select) {
        return show(stage, directory, intervalMs, select, null, MonitorModel.DEFAULT_STALL);
    }

    /**
     * @param stage      the stage to use
     * @param directory  where the buffers come from (any implementation)
     * @param intervalMs refresh period
     * @param select     buffer to select first, or null
     * @param filter     the filter box's first text, or null
     * @param stallAfter how long a live reader may leave unread frames untouched before stalled
     * @return the window
     */
    public static MonitorWindow show(Stage stage, BufferDirectory directory, long intervalMs, String select,
            String filter, Duration stallAfter) {
        MonitorModel model = new MonitorModel(directory, stallAfter, false);
        MonitorView view = new MonitorView(model, select);
        if (filter != null) {
            view.filterBox().setText(filter);
            model.filter(NameFilter.of(filter));
        }
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
