package io.zerobuffer.monitor.osgi;

import io.zerobuffer.api.BufferDirectory;
import io.zerobuffer.monitor.fx.FxToolkit;
import io.zerobuffer.monitor.fx.MonitorWindow;
import java.util.logging.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Opens the monitor window inside an OSGi framework, on the {@link BufferDirectory} service,
 * when a display is present. Without one ({@code DISPLAY} and {@code WAYLAND_DISPLAY} unset) it
 * logs one line and does nothing else: no toolkit, no thread. Closing the window leaves the
 * framework running; stopping the bundle closes the window, and a framework shutdown also ends
 * the JavaFX toolkit so that the JVM can exit.
 *
 * <p>The framework property {@value #SELECT_PROPERTY} names a buffer to select when the window
 * opens (the distribution sets it to the demo's buffer).
 */
@Component(immediate = true)
public final class MonitorComponent {
    private static final Logger LOG = Logger.getLogger(MonitorComponent.class.getName());
    /** Framework property: the buffer the window opens on. */
    public static final String SELECT_PROPERTY = "zerobuffer.monitor.select";

    private final BufferDirectory directory;
    private final BundleContext context;
    private volatile MonitorWindow window;
    private volatile boolean active;

    /**
     * @param directory the buffer view
     * @param context   this bundle's context (to tell a framework shutdown from a bundle stop)
     */
    @Activate
    public MonitorComponent(@Reference BufferDirectory directory, BundleContext context) {
        this.directory = directory;
        this.context = context;
        if (!displayPresent()) {
            LOG.info("ZeroBuffer monitor: no display (DISPLAY is not set), so no window; "
                    + "in a terminal use `zerobuffer monitor --text`");
            return;
        }
        active = true;
        String select = context.getProperty(SELECT_PROPERTY);
        FxToolkit.runOnFx(() -> {
            if (active) {
                window = MonitorWindow.show(new javafx.stage.Stage(), directory, 100,
                        select == null || select.isBlank() ? null : select.strip());
                LOG.info("ZeroBuffer monitor: window open on " + System.getenv("DISPLAY"));
            }
        });
    }

    @Deactivate
    void deactivate() {
        active = false;
        MonitorWindow w = window;
        window = null;
        if (w != null) {
            javafx.application.Platform.runLater(w::close);
        }
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        if (system != null && system.getState() == Bundle.STOPPING) {
            // the framework is going down: JavaFX's non-daemon threads must not keep the JVM up
            FxToolkit.shutdown();
        }
    }

    /** @return whether this component asked JavaFX for a window */
    boolean windowRequested() {
        return active;
    }

    /** @return whether a window can be shown */
    static boolean displayPresent() {
        String x = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        return (x != null && !x.isBlank()) || (wayland != null && !wayland.isBlank());
    }
}
