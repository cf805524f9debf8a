package io.zerobuffer.monitor.fx;

import io.zerobuffer.api.BufferDirectory;
import io.zerobuffer.monitor.Directories;
import java.time.Duration;
import javafx.application.Application;
import javafx.stage.Stage;

/** The standalone window ({@code zerobuffer monitor}) over this host's {@code /dev/shm}. */
public final class MonitorApp extends Application {
    private static volatile long interval = 100;
    private static volatile String select;
    private static volatile String filter;
    private static volatile Duration stall = Duration.ofSeconds(5);
    private BufferDirectory directory;
    private MonitorWindow window;

    /**
     * Starts JavaFX and blocks until the window is closed.
     *
     * @param intervalMs refresh period
     * @param selectName buffer to select first, or null
     * @param filterText the filter box's first text, or null
     * @param stallAfter how long a live reader may leave unread frames untouched before stalled
     */
    public static void launchStandalone(long intervalMs, String selectName, String filterText, Duration stallAfter) {
        interval = intervalMs;
        select = selectName;
        filter = filterText;
        stall = stallAfter;
        Application.launch(MonitorApp.class);
    }

    @Override
    public void start(Stage stage) {
        directory = Directories.open();
        window = MonitorWindow.show(stage, directory, interval, select, filter, stall);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (directory != null) {
            Directories.close(directory);
        }
    }
}
