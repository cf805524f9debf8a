package io.zerobuffer.distribution;

import io.zerobuffer.api.ZeroBufferFactory;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Makes Ctrl-C (SIGINT) and SIGTERM stop the framework cleanly, so every component is
 * deactivated and every buffer removed before the JVM exits (without a hook a signal ends the
 * JVM with the framework running and leaves shared memory behind). The distribution's launcher
 * starts this bundle right after SCR and only waits for this stop. Only active when the framework property
 * {@value #PROPERTY} is {@code true}, as the distribution sets it: in someone else's framework
 * this bundle never installs a JVM-wide hook.
 *
 * <p>It logs to standard output, not {@code java.util.logging}: the JDK resets its handlers in
 * a shutdown hook of its own, racing this one, and the lines that prove a clean stop would be
 * lost.
 */
@Component(immediate = true)
public final class SignalShutdownComponent {
    /** Framework property that enables the hook. */
    public static final String PROPERTY = "zerobuffer.shutdown.hook";
    private static final long STOP_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(30);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Thread hook;

    /** @param context this bundle's context */
    @Activate
    public SignalShutdownComponent(BundleContext context) {
        if (Boolean.parseBoolean(context.getProperty(PROPERTY))) {
            Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
            hook = new Thread(() -> stopAndWait(system), "zerobuffer-shutdown-hook");
            Runtime.getRuntime().addShutdownHook(hook);
        } else {
            hook = null;
        }
    }

    /**
     * Stops (transiently) the bundles that publish {@link ZeroBufferFactory} before the rest of
     * the framework: their users are deactivated first and every buffer is removed, so that a
     * bundle that blocks later in the shutdown (seen: a JavaFX window whose toolkit the JVM is
     * tearing down at the same moment) cannot leave shared memory behind when the JVM gives up.
     */
    private static void releaseBuffersFirst(BundleContext systemContext) {
        try {
            for (ServiceReference<ZeroBufferFactory> reference : systemContext.getServiceReferences(
                    ZeroBufferFactory.class, null)) {
                Bundle engine = reference.getBundle();
                if (engine != null && engine.getBundleId() != 0) {
                    engine.stop(Bundle.STOP_TRANSIENT);
                }
            }
        } catch (BundleException | InvalidSyntaxException | IllegalStateException e) {
            log("SEVERE ", "stopping the engine before the framework failed: " + e);
        }
    }

    /** Removes the hook when the framework or this bundle stops normally. */
    @Deactivate
    void deactivate() {
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook is running (or about to) and will wait for the stop
            }
        }
    }

    private static void stopAndWait(Bundle system) {
        log("INFO   ", "signal received, stopping the OSGi framework");
        releaseBuffersFirst(system.getBundleContext());
        try {
            system.stop();
        } catch (BundleException | IllegalStateException e) {
            log("SEVERE ", "stopping the framework failed: " + e);
            return;
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_TIMEOUT_MS);
        while ((system.getState() & (Bundle.ACTIVE | Bundle.STOPPING | Bundle.STARTING)) != 0) {
            if (System.nanoTime() > end) {
                log("WARNING", "the framework did not stop within " + STOP_TIMEOUT_MS + " ms");
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log("INFO   ", "framework stopped");
    }

    private static void log(String level, String message) {
        System.out.println(LocalTime.now().format(TIME) + " " + level + " zerobuffer: " + message);
        System.out.flush();
    }
}
