package io.zerobuffer.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Main class of the executable distribution jar. Starts the OSGi framework on the class path
 * (any {@link FrameworkFactory} registered with {@link ServiceLoader}; the jar carries Apache
 * Felix), installs the bundles — those in a {@value #BUNDLE_DIR} directory beside the jar, in
 * place, when there is one, else the copies packaged under {@value #BUNDLE_DIR} in the jar —
 * starts them, and waits until the framework stops. The jar alone is the whole distribution.
 *
 * <p>Framework properties come from {@value #PROPERTIES} in the jar; a system property of the
 * same name overrides one. Storage is a fresh temporary directory, removed when the framework
 * has stopped.
 *
 * <p>Stopping: the bundle {@code zerobuffer-dist-support} (enabled by the framework property
 * {@code zerobuffer.shutdown.hook}, started right after SCR, see {@value #START_FIRST}) stops the
 * framework on Ctrl-C and SIGTERM, releasing the buffers first. This class adds a shutdown hook
 * of its own that waits for that stop (or does it, when it has not begun) and then removes the
 * storage directory. Uses only the OSGi launching API, so it runs on every Java from 17 on.
 */
public final class Launcher {
    /** Jar directory that holds the bundles. */
    public static final String BUNDLE_DIR = "bundles/";
    /** Jar entry with the framework properties. */
    public static final String PROPERTIES = "zerobuffer-launch.properties";
    /** Framework property: symbolic names started before the others, in this order (comma-separated). */
    public static final String START_FIRST = "zerobuffer.launch.start.first";
    private static final long STOP_WAIT_MS = TimeUnit.SECONDS.toMillis(40);
    private static final long HANDOVER_MS = 5_000;
    private static final String ENGINE_SERVICE = "io.zerobuffer.api.ZeroBufferFactory";

    private Launcher() {
    }

    /**
     * Runs the distribution until the framework stops.
     *
     * @param args ignored
     * @throws Exception when the framework cannot be started; the JVM then exits with status 1
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> properties = frameworkProperties();
        // The format of java.util.logging lines, read once when the first logger is made.
        String format = properties.get("java.util.logging.SimpleFormatter.format");
        if (format != null && System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", format);
        }
        Path storage = Files.createTempDirectory("zerobuffer-osgi-");
        properties.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        properties.putIfAbsent(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);

        Iterator<FrameworkFactory> factories = ServiceLoader.load(FrameworkFactory.class).iterator();
        if (!factories.hasNext()) {
            throw new IllegalStateException("no OSGi framework on the class path (no FrameworkFactory service)");
        }
        Framework framework = factories.next().newFramework(properties);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitStopAndClean(framework, storage),
                "zerobuffer-launcher-cleanup"));
        framework.init();
        try {
            List<Bundle> installed = install(framework.getBundleContext());
            framework.start();
            List<String> first = List.of(properties.getOrDefault(START_FIRST, "").split("\\s*,\\s*"));
            installed.sort(Comparator.comparingInt(b -> {
                int i = first.indexOf(b.getSymbolicName());
                return i < 0 ? first.size() : i;
            }));
            for (Bundle bundle : installed) {
                if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    start(bundle);
                }
            }
            System.err.println("zerobuffer: active: " + installed.stream().filter(b -> b.getState() == Bundle.ACTIVE)
                    .map(Bundle::getSymbolicName).sorted().collect(java.util.stream.Collectors.joining(", ")));
        } catch (BundleException | RuntimeException | IOException e) {
            System.err.println("zerobuffer: could not start the distribution: " + e);
            framework.stop();
            framework.waitForStop(STOP_WAIT_MS);
            deleteTree(storage);
            System.exit(1);
        }
        FrameworkEvent stopped = framework.waitForStop(0);
        deleteTree(storage);
        System.exit(stopped.getType() == FrameworkEvent.ERROR ? 1 : 0);
    }

    private static void start(Bundle bundle) {
        try {
            bundle.start(Bundle.START_ACTIVATION_POLICY);
        } catch (BundleException e) {
            // One bundle that cannot start (e.g. an optional part) leaves the rest running.
            System.err.println("zerobuffer: bundle " + bundle.getSymbolicName() + " did not start: " + e.getMessage());
        }
    }

    /**
     * Installs the bundles: from a {@value #BUNDLE_DIR} directory beside the jar when there is
     * one (as in the build tree, {@code dist/target/bundles}), in place ({@code reference:}
     * locations, nothing copied: the fastest start); else the copies packaged in the jar.
     */
    private static List<Bundle> install(BundleContext context) throws IOException, BundleException {
        List<Bundle> bundles = new ArrayList<>();
        Path home = home();
        Path beside = home.resolveSibling(BUNDLE_DIR);
        if (!Files.isDirectory(home) && Files.isDirectory(beside)) {
            try (Stream<Path> files = Files.list(beside)) {
                for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    bundles.add(context.installBundle("reference:" + jar.toUri()));
                }
            }
            if (!bundles.isEmpty()) {
                return bundles;
            }
        }
        for (String name : bundleNames(home)) {
            URL url = resource(BUNDLE_DIR + name);
            try (InputStream in = url.openStream()) {
                bundles.add(context.installBundle(url.toExternalForm(), in));
            }
        }
        return bundles;
    }

    /** The jar (or class directory) this class was loaded from. */
    private static Path home() throws IOException {
        try {
            return Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException("cannot locate the distribution jar: " + e.getMessage(), e);
        }
    }

    /** The {@code *.jar} entries under {@value #BUNDLE_DIR} of the jar (or directory) this class was loaded from. */
    private static List<String> bundleNames(Path home) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(home)) {
            try (Stream<Path> files = Files.list(home.resolve(BUNDLE_DIR))) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")).forEach(names::add);
            }
        } else {
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(home.toFile())) {
                jar.stream().map(java.util.jar.JarEntry::getName)
                        .filter(n -> n.startsWith(BUNDLE_DIR) && n.endsWith(".jar") && n.indexOf('/', BUNDLE_DIR.length()) < 0)
                        .map(n -> n.substring(BUNDLE_DIR.length())).forEach(names::add);
            }
        }
        if (names.isEmpty()) {
            throw new IOException("no bundles under " + BUNDLE_DIR + " in " + home);
        }
        names.sort(null);
        return names;
    }

    private static URL resource(String name) throws IOException {
        URL url = Launcher.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IOException("'" + name + "' is not in the distribution jar");
        }
        return url;
    }

    private static Map<String, String> frameworkProperties() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = resource(PROPERTIES).openStream()) {
            defaults.load(in);
        }
        Map<String, String> properties = new HashMap<>();
        for (String key : defaults.stringPropertyNames()) {
            properties.put(key, System.getProperty(key, defaults.getProperty(key)));
        }
        return properties;
    }

    /**
     * Shutdown hook. Normally zerobuffer-dist-support's own hook stops the framework (engine
     * first); this one waits for that, then removes the storage. When that stop has not begun
     * within {@value #HANDOVER_MS} ms (a signal that came before the bundle was active, or a
     * distribution without it), it stops the framework itself the same way.
     */
    private static void awaitStopAndClean(Framework framework, Path storage) {
        try {
            long handover = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANDOVER_MS);
            while (running(framework) && System.nanoTime() < handover) {
                Thread.sleep(20);
            }
            if (running(framework)) {
                releaseBuffersFirst(framework.getBundleContext());
                framework.stop();
            }
            framework.waitForStop(STOP_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BundleException | RuntimeException e) {
            System.err.println("zerobuffer: stopping the framework failed: " + e);
        }
        deleteTree(storage);
    }

    private static boolean running(Framework framework) {
        return (framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0;
    }

    /** Stops the bundles that publish the engine's factory first, so every buffer is released before the rest stops. */
    private static void releaseBuffersFirst(BundleContext context) {
        try {
            ServiceReference<?>[] engines = context.getServiceReferences(ENGINE_SERVICE, null);
            for (ServiceReference<?> reference : engines == null ? new ServiceReference<?>[0] : engines) {
                Bundle engine = reference.getBundle();
                if (engine != null && engine.getBundleId() != 0) {
                    engine.stop(Bundle.STOP_TRANSIENT);
                }
            }
        } catch (BundleException | InvalidSyntaxException | IllegalStateException e) {
            System.err.println("zerobuffer: stopping the engine before the framework failed: " + e);
        }
    }

    /** Removes the storage directory; the main thread and the hook may both try, so a missing file is no error. */
    private static synchronized void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("zerobuffer: could not remove " + root + ": " + e);
        }
    }
}
