package io.zerobuffer.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.testsupport.Await;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Karaf features file in a real Apache Karaf 4.4 (unpacked by the build into
 * {@code itest.karaf.home}), driven as a user drives it, at the Karaf console:
 * {@code feature:repo-add} of {@code dist/target/features.xml}, {@code feature:install
 * zerobuffer-demo} (which installs {@code zerobuffer}); the demo's frames flow through its buffer
 * in {@code /dev/shm}; {@code feature:uninstall} removes the buffer; {@code shutdown -f} stops
 * Karaf and nothing is left.
 *
 * <p>Karaf runs as {@code bin/karaf} with its console on a pipe, with fresh data, ports of its
 * own, and offline: its Maven URL handler sees only its own system repository and
 * {@code itest.karaf.repository}, a Maven-layout copy of the feature's bundles made by the build
 * (what {@code mvn install} gives a user in {@code ~/.m2}). Bounded: every step waits for what it
 * expects with a timeout, and the whole test has four minutes (Karaf starts in 10 to 60 s on a
 * busy 2-core machine).
 */
class KarafIT {
    private static final String DEMO_BUFFER = BufferFiles.unique("karaf");
    private static final String PROMPT = "karaf@root()>";

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theFeaturesInstallIntoKarafAndTheDemoStreams() throws Exception {
        Path home = Path.of(ItestConfig.required("itest.karaf.home"));
        Path features = Path.of(ItestConfig.required("itest.karaf.features"));
        Path repository = Path.of(ItestConfig.required("itest.karaf.repository"));
        assertTrue(Files.isExecutable(home.resolve("bin/karaf")), "no Karaf at " + home);
        assertTrue(Files.isRegularFile(features), features + " is missing: build the dist module first");
        assertTrue(Files.isDirectory(repository.resolve("io/zerobuffer")), "no bundles in " + repository);

        configure(home, repository);
        Path data = home.resolveSibling("karaf-data");
        deleteTree(data);
        Files.createDirectories(data);
        Files.deleteIfExists(home.resolve("karaf.pid"));
        Path console = home.resolveSibling("karaf-console.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString())
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(console.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        env.put("KARAF_DATA", data.toString());
        env.put("EXTRA_JAVA_OPTS", "-Dzerobuffer.demo.name=" + DEMO_BUFFER);
        Process karaf = builder.start();
        try (Writer in = new OutputStreamWriter(karaf.getOutputStream(), StandardCharsets.UTF_8)) {
            await(console, data, PROMPT, Duration.ofSeconds(150));
            type(in, "feature:repo-add file:" + features.toAbsolutePath());
            await(console, data, "Adding feature url", Duration.ofSeconds(60));

            type(in, "feature:install zerobuffer-demo");
            assertTrue(Await.holdsWithin(() -> BufferFiles.present(DEMO_BUFFER).size() == BufferFiles.of(DEMO_BUFFER).size(),
                    Duration.ofSeconds(60)), "the demo's buffer did not appear:\n" + tail(console) + karafLog(data));
            await(console, data, "demo: first frame received", Duration.ofSeconds(30));

            type(in, "feature:list -i");
            String listed = await(console, data, "zerobuffer-demo ", Duration.ofSeconds(30));
            assertTrue(listed.lines().anyMatch(l -> l.startsWith("zerobuffer ") && l.contains("Started")), listed);
            assertTrue(listed.lines().anyMatch(l -> l.startsWith("zerobuffer-demo ") && l.contains("Started")), listed);

            type(in, "bundle:list -s");
            String bundles = await(console, data, "zerobuffer-impl-linux", Duration.ofSeconds(30));
            for (String name : List.of("zerobuffer-api", "zerobuffer-impl-linux", "zerobuffer-demo", "com.sun.jna",
                    "org.apache.felix.scr")) {
                assertTrue(bundles.lines().anyMatch(l -> l.contains(name) && l.contains("Active")),
                        name + " is not active:\n" + bundles);
            }

            type(in, "feature:uninstall zerobuffer-demo");
            assertTrue(Await.holdsWithin(() -> BufferFiles.present(DEMO_BUFFER).isEmpty(), Duration.ofSeconds(30)),
                    "the demo's buffer is still there after feature:uninstall: " + BufferFiles.present(DEMO_BUFFER));
            type(in, "shutdown -f");
            assertTrue(karaf.waitFor(60, TimeUnit.SECONDS), "Karaf did not stop:\n" + tail(console));
        } finally {
            stop(karaf);
        }
        assertEquals(List.of(), BufferFiles.present(DEMO_BUFFER), "left behind after Karaf stopped");
    }

    private static void type(Writer in, String command) throws IOException {
        in.write(command + "\n");
        in.flush();
    }

    /** Waits until the console shows {@code text}; returns all it shows. */
    private static String await(Path console, Path data, String text, Duration timeout) throws Exception {
        if (Await.holdsWithin(() -> read(console).contains(text), timeout, Duration.ofMillis(200))) {
            return read(console);
        }
        throw new AssertionError("no '" + text + "' on the Karaf console within " + timeout + ":\n" + tail(console)
                + "\nkaraf.log:\n" + karafLog(data));
    }

    /** bin/karaf is a shell script whose child is the JVM: stop both. */
    private static void stop(Process karaf) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(karaf.descendants().toList());
        all.add(karaf.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                p.destroyForcibly();
            }
        }
    }

    /** Ports of our own (SSH, JMX: another Karaf may run on this host), and Maven URLs resolved offline. */
    private static void configure(Path home, Path repository) throws IOException {
        Path etc = home.resolve("etc");
        replace(etc.resolve("org.apache.karaf.shell.cfg"), "(?m)^sshPort\\s*=.*$", "sshPort = " + freePort());
        replace(etc.resolve("org.apache.karaf.shell.cfg"), "(?m)^sshHost\\s*=.*$", "sshHost = 127.0.0.1");
        replace(etc.resolve("org.apache.karaf.management.cfg"), "(?m)^rmiRegistryPort\\s*=.*$",
                "rmiRegistryPort = " + freePort());
        replace(etc.resolve("org.apache.karaf.management.cfg"), "(?m)^rmiServerPort\\s*=.*$",
                "rmiServerPort = " + freePort());
        // Karaf's own system repository and the build's copy of the bundles; no remote repository.
        Files.writeString(etc.resolve("org.ops4j.pax.url.mvn.cfg"), String.join("\n",
                "org.ops4j.pax.url.mvn.localRepository=" + home.resolveSibling("karaf-m2"),
                "org.ops4j.pax.url.mvn.useFallbackRepositories=false",
                "org.ops4j.pax.url.mvn.defaultRepositories=${karaf.home.uri}${karaf.default.repository}"
                        + "@id=system.repository@snapshots, " + repository.toUri() + "@id=zerobuffer@snapshots",
                "org.ops4j.pax.url.mvn.repositories=", ""));
    }

    private static void replace(Path file, String regex, String replacement) throws IOException {
        String text = Files.readString(file);
        Files.writeString(file, text.replaceAll(regex, Matcher.quoteReplacement(replacement)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static String karafLog(Path data) {
        try {
            List<String> lines = Files.readAllLines(data.resolve("log/karaf.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no karaf.log: " + e + ")";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
