package io.zerobuffer.monitor.fx;

import javafx.application.Platform;

/**
 * Starts the JavaFX toolkit once per JVM (a framework may activate the monitor component more
 * than once, and the toolkit cannot be started twice) and keeps it running when the last window
 * closes.
 */
public final class FxToolkit {
    private static boolean started;
    private static boolean exited;

    private FxToolkit() {
    }

    /**
     * Runs the action on the JavaFX thread, starting the toolkit first if needed.
     *
     * @param action what to do on the JavaFX thread
     */
    public static synchronized void runOnFx(Runnable action) {
        if (exited) {
            throw new IllegalStateException("the JavaFX toolkit was shut down with the framework");
        }
        if (!started) {
            started = true;
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(FxToolkit.class.getClassLoader());
            try {
                Platform.startup(() -> {
                    Platform.setImplicitExit(false);
                    action.run();
                });
                return;
            } catch (IllegalStateException alreadyRunning) {
                // someone else (another bundle, a test) started it: use it
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        Platform.setImplicitExit(false);
        Platform.runLater(action);
    }

    /**
     * Shuts the toolkit down if this class started it: its threads are not daemons and would
     * keep the JVM alive after the framework stopped. It cannot be started again in this JVM.
     * Returns at once: {@link Platform#exit()} runs on a daemon thread, because it blocks when
     * called while the JVM itself is shutting down (JavaFX tears down at the same moment), and a
     * component's deactivation must never wait on the toolkit.
     */
    public static synchronized void shutdown() {
        if (started && !exited) {
            exited = true;
            Thread exit = new Thread(Platform::exit, "zerobuffer-monitor-fx-exit");
            exit.setDaemon(true);
            exit.start();
        }
    }
}
