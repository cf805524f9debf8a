package io.zerobuffer.monitor.fx;

import javafx.application.Platform;

/**
 * Starts the JavaFX toolkit once per JVM (a framework may activate the monitor component more
 * than once, and the toolkit cannot be started twice) and keeps it running when the last window
 * closes.
 */
public final class FxToolkit {
    /**
     * JavaFX warns "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'"
     * when its classes come from anything but the boot module layer, which inside an OSGi
     * framework is always the case and harmless (the wrapper bundle is the supported way here).
     * This filter drops that one record from the {@code javafx} logger; the reference keeps the
     * logger (and so its filter) alive.
     */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");
    private static final String UNSUPPORTED = "Unsupported JavaFX configuration";

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
            quietUnsupportedConfigurationWarning();
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

    static void quietUnsupportedConfigurationWarning() {
        java.util.logging.Filter previous = JAVAFX_LOG.getFilter();
        JAVAFX_LOG.setFilter(r -> {
            String message = r.getMessage();
            if (message != null && message.startsWith(UNSUPPORTED)) {
                return false;
            }
            return previous == null || previous.isLoggable(r);
        });
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
