import io.zerobuffer.api.BufferDirectory;
import io.zerobuffer.linux.LinuxBufferDirectory;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts Felix with SCR, the JavaFX wrapper bundle and the monitor bundle, and publishes a
 * LinuxBufferDirectory as the BufferDirectory service from the launcher (the api and engine
 * packages come from the class path as system packages). Used by osgi-smoke.sh.
 *   java -cp felix.jar:api:impl-linux:jna OsgiSmoke.java BUNDLE.jar:BUNDLE.jar... SECONDS
 */
public class OsgiSmoke {
    /** The api package version the api bundle exports (system property zerobuffer.api.jar names the jar). */
    private static String apiVersion() throws java.io.IOException {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(System.getProperty("zerobuffer.api.jar"))) {
            String exports = jar.getManifest().getMainAttributes().getValue("Export-Package");
            java.util.regex.Matcher version = java.util.regex.Pattern
                    .compile("io\\.zerobuffer\\.api;version=\"([^\"]+)\"").matcher(exports);
            if (!version.find()) {
                throw new IllegalStateException("no io.zerobuffer.api export in " + exports);
            }
            return version.group(1);
        }
    }

    public static void main(String[] args) throws Exception {
        String storage = Files.createTempDirectory("zerobuffer-felix").toString();
        Map<String, String> config = Map.of(
                "org.osgi.framework.storage", storage,
                "org.osgi.framework.storage.clean", "onFirstInit",
                "org.osgi.framework.system.packages.extra",
                "io.zerobuffer.api;version=" + apiVersion() + ",io.zerobuffer.linux;version=0.1.0");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        BundleContext context = framework.getBundleContext();
        LinuxBufferDirectory directory = new LinuxBufferDirectory();
        context.registerService(BufferDirectory.class, directory, null);
        List<Bundle> bundles = new ArrayList<>();
        for (String jar : args[0].split(":")) {
            bundles.add(context.installBundle(new File(jar).toURI().toString()));
        }
        for (Bundle b : bundles) {
            b.start();
        }
        Thread.sleep(1500);
        for (Bundle b : bundles) {
            System.out.println("bundle " + b.getSymbolicName() + " " + b.getVersion() + " "
                    + (b.getState() == Bundle.ACTIVE ? "ACTIVE" : "state " + b.getState()));
        }
        Thread.sleep(Long.parseLong(args[1]) * 1000);
        framework.stop();
        framework.waitForStop(10_000);
        directory.close();
        Thread[] threads = new Thread[Thread.activeCount() + 8];
        int n = Thread.enumerate(threads);
        List<String> alive = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!threads[i].isDaemon() && threads[i] != Thread.currentThread() && !threads[i].getName().equals("DestroyJavaVM")) {
                alive.add(threads[i].getName());
            }
        }
        Thread.sleep(500);
        System.out.println("framework stopped; non-daemon threads left: " + alive);
        // no System.exit: the JVM must end on its own (a JavaFX toolkit left running would hang it)
    }
}
