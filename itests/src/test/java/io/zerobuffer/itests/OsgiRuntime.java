package io.zerobuffer.itests;

import io.zerobuffer.api.ZeroBufferFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A real OSGi framework in this JVM: whichever {@link FrameworkFactory} the classpath offers
 * (the build puts exactly one there per run, Felix or Equinox), with the bundles listed in the
 * system property {@code itest.bundles} installed and started.
 *
 * <p>The api package and the Configuration Admin API are exported by the system bundle from
 * this classpath, so the tests and the bundles see the same {@code ZeroBufferFactory},
 * {@code Reader} and {@code ConfigurationAdmin} classes.
 */
final class OsgiRuntime implements AutoCloseable {
    /**
     * Shared with the bundles: the api and the Configuration Admin API (class identity with the
     * tests), and {@code sun.misc}, which the engine uses for allocation-free frame views (as
     * the distribution does; Felix does not export it by default).
     */
    static final String SYSTEM_PACKAGES_EXTRA = "io.zerobuffer.api;version=" + apiVersion()
            + ",org.osgi.service.cm;version=1.6.1,sun.misc";
    static final String ENGINE_BSN = "zerobuffer-impl-linux";

    private final Framework framework;
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    /** @return the version the api bundle on this classpath exports its package with */
    static String apiVersion() {
        try {
            Path jar = Path.of(ZeroBufferFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (JarFile file = new JarFile(jar.toFile())) {
                String exports = file.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
                Matcher version = Pattern.compile("io\\.zerobuffer\\.api;[^,]*?version=\"?([0-9.]+)").matcher(exports);
                if (!version.find()) {
                    throw new IllegalStateException(jar + " exports no io.zerobuffer.api version: " + exports);
                }
                return version.group(1);
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the api bundle's manifest", e);
        }
    }

    private OsgiRuntime(Framework framework) {
        this.framework = framework;
    }

    /**
     * @param label names the storage directory
     * @return a started framework with every bundle started
     */
    static OsgiRuntime launch(String label) throws BundleException, IOException {
        List<FrameworkFactory> factories = new ArrayList<>();
        ServiceLoader.load(FrameworkFactory.class).forEach(factories::add);
        if (factories.size() != 1) {
            throw new IllegalStateException("expected exactly one OSGi framework on the classpath, found " + factories);
        }
        Path storage = Path.of(System.getProperty("itest.storage", "target/osgi-storage")).resolve(label);
        Files.createDirectories(storage);
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SYSTEM_PACKAGES_EXTRA);
        Framework framework = factories.get(0).newFramework(config);
        framework.init();
        BundleContext context = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        for (String path : ItestConfig.required("itest.bundles").split(",")) {
            bundles.add(context.installBundle(Path.of(path.trim()).toUri().toString()));
        }
        framework.start();
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
        return new OsgiRuntime(framework);
    }

    Framework framework() {
        return framework;
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** @return the installed bundle of that symbolic name */
    Bundle bundle(String symbolicName) {
        for (Bundle bundle : context().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " installed");
    }

    /**
     * Waits for a service and gets it for the system bundle.
     *
     * @return the service
     * @throws AssertionError if none appeared in time
     */
    <T> T service(Class<T> type, String filter, Duration timeout) throws InterruptedException {
        ServiceTracker<T, T> tracker = tracker(type, filter);
        T service = tracker.waitForService(timeout.toMillis());
        if (service == null) {
            throw new AssertionError("no " + type.getSimpleName() + (filter == null ? "" : " " + filter)
                    + " service within " + timeout);
        }
        return service;
    }

    /** @return the references now registered (not waiting) */
    <T> List<ServiceReference<T>> references(Class<T> type, String filter) {
        try {
            return new ArrayList<>(context().getServiceReferences(type, filter));
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private <T> ServiceTracker<T, T> tracker(Class<T> type, String filter) {
        ServiceTracker<T, T> tracker;
        try {
            tracker = filter == null ? new ServiceTracker<>(context(), type, null)
                    : new ServiceTracker<>(context(), context().createFilter(
                            "(&(" + Constants.OBJECTCLASS + "=" + type.getName() + ")" + filter + ")"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        tracker.open();
        synchronized (trackers) {
            trackers.add(tracker);
        }
        return tracker;
    }

    /** Stops the framework and waits for it to be stopped. */
    @Override
    public void close() throws BundleException, InterruptedException {
        synchronized (trackers) {
            if (framework.getState() == Bundle.ACTIVE) {
                trackers.forEach(ServiceTracker::close);
            }
            trackers.clear();
        }
        framework.stop();
        FrameworkEvent event = framework.waitForStop(TimeUnit.SECONDS.toMillis(30));
        if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
            throw new AssertionError("framework did not stop within 30 s");
        }
    }
}
