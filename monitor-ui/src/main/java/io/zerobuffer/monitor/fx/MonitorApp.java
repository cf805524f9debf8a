package io.zerobuffer.monitor.fx;

import io.zerobuffer.linux.LinuxBufferDirectory;
import io.zerobuffer.monitor.BufferSource;
import javafx.application.Application;
import javafx.stage.Stage;

/** The standalone window ({@code zerobuffer monitor}) over this host's {@code /dev/shm}. */
public final class MonitorApp extends Application {
    private static volatile long interval = 100;
    private static volatile String select;
    private LinuxBufferDirectory directory;
    private MonitorWindow window;

    /**
     * Starts JavaFX and blocks until the window is closed.
     *
     * @param intervalMs refresh period
     * @param selectName buffer to select first, or null
     */
    public static void launchStandalone(long intervalMs, String selectName) {
        interval = intervalMs;
        select = selectName;
        Application.launch(MonitorApp.class);
    }

    @Override
    public void start(Stage stage) {
        directory = new LinuxBufferDirectory();
        window = MonitorWindow.show(stage, BufferSource.of(directory), interval, select);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (directory != null) {
            directory.close();
        }
    }
}
