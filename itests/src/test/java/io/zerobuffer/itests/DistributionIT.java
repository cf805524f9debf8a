package io.zerobuffer.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.testsupport.Await;
import io.zerobuffer.testsupport.Peer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The executable distribution as a user runs it: {@code java -jar zerobuffer.jar} with no
 * display (the monitor skips itself with one line), the demo's frames flowing, then SIGTERM (what Ctrl-C's SIGINT also triggers: the
 * JVM's shutdown hooks) and nothing left in {@code /dev/shm} or {@code /tmp/zerobuffer}.
 *
 * <p>Once for every Java in the system property {@code itest.dist.javas} (comma-separated
 * {@code java} binaries; the build gives the build's own Java and the Java 25 of these machines):
 * the launcher must run on 17 and on the current LTS alike. A listed binary that is missing fails
 * the test rather than skipping it. The first runs the jar where the build left it (bundles
 * installed in place from {@code dist/target/bundles}), the others a copy of the jar alone in an
 * empty directory (the bundles packaged inside it): the whole distribution is that one file.
 */
class DistributionIT {
    /** Not the default name: a user's own run (or another build) may be streaming on this host. */
    static final String DEMO_BUFFER = BufferFiles.unique("dist");

    static Stream<Arguments> javas() {
        String javas = System.getProperty("itest.dist.javas", System.getProperty("itest.peer.java", "java"));
        List<String> list = Stream.of(javas.split(",")).map(String::strip).filter(j -> !j.isEmpty()).toList();
        return java.util.stream.IntStream.range(0, list.size()).mapToObj(i -> Arguments.of(list.get(i), i > 0));
    }

    @ParameterizedTest(name = "{0}, jar alone: {1}")
    @MethodSource("javas")
    void theDistributionStreamsHeadlessAndLeavesNothingBehindOnSigterm(String java, boolean jarAlone) throws Exception {
        assertTrue(java.equals("java") || Files.isExecutable(Path.of(java)), "no Java at " + java);
        Path built = Path.of(ItestConfig.required("itest.dist.jar"));
        assertTrue(Files.isRegularFile(built), built + " is missing: build the dist module first");
        Path dir = Path.of(System.getProperty("itest.storage", "target/osgi-storage")).resolveSibling("dist-run");
        Files.createDirectories(dir);
        Path jar = built;
        if (jarAlone) {
            Path alone = Files.createDirectories(dir.resolve("alone"));
            jar = Files.copy(built, alone.resolve("zerobuffer.jar"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = dir.resolve("zerobuffer-" + java.replaceAll("[^A-Za-z0-9.]+", "_") + ".log");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(java, "-Djava.io.tmpdir=" + tmp,
                "-Djava.awt.headless=true", "-Dzerobuffer.demo.name=" + DEMO_BUFFER, "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("DISPLAY");
        Process process = builder.start();
        try {
            assertTrue(Await.holdsWithin(() -> read(log).contains("demo: first frame received"), Duration.ofSeconds(60),
                    Duration.ofMillis(20)),
                    "no first frame within 60 s:\n" + read(log));
            BufferFiles.assertAllPresent(DEMO_BUFFER);
            assertTrue(read(log).contains("buffer '" + DEMO_BUFFER + "' created"), read(log));
            assertTrue(Await.holdsWithin(() -> read(log).contains("frames/s"), Duration.ofSeconds(20), Duration.ofMillis(20)),
                    "no frames/s line:\n" + read(log));
            String rateLine = read(log).lines().filter(l -> l.contains("frames/s")).findFirst().orElseThrow();
            double fps = Double.parseDouble(rateLine.replaceAll(".*demo: ([0-9.]+) frames/s.*", "$1"));
            assertTrue(fps > 20 && fps < 40, "the demo should run near 30 frames/s: " + rateLine);
            assertTrue(rateLine.contains(" 0 errors"), rateLine);
            // Every bundle started, the Aeron bridge among them (idle: no zerobuffer.bridge configuration).
            String active = read(log).lines().filter(l -> l.startsWith("zerobuffer: active: ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no list of active bundles:\n" + read(log)));
            for (String bundle : List.of("zerobuffer-bridge-aeron", "zerobuffer-impl-linux", "zerobuffer-api",
                    "org.apache.felix.scr", "org.apache.felix.configadmin")) {
                assertTrue(List.of(active.substring("zerobuffer: active: ".length()).split(", ")).contains(bundle),
                        bundle + " is not active: " + active);
            }
            // Headless, the monitor bundle says so once and stays out of the way.
            assertEquals(1, read(log).lines().filter(l -> l.contains("monitor") && l.contains("no display")).count(),
                    read(log));
        } finally {
            process.destroy(); // SIGTERM
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        String output = read(log);
        assertTrue(output.contains("zerobuffer: signal received, stopping the OSGi framework"), output);
        assertTrue(output.contains("removed") && output.contains("demo: stopped after"),
                "the demo did not stop cleanly:\n" + output);
        assertTrue(output.contains("zerobuffer: framework stopped"), "the framework did not stop:\n" + output);
        assertEquals(List.of(), BufferFiles.present(DEMO_BUFFER), "left behind after SIGTERM:\n" + output);
        // The framework's storage (a temporary directory) is removed too.
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("zerobuffer-osgi")).toList(),
                    "framework storage left behind:\n" + output);
        }
        // No component failed on the way (SCR reports those as "ERROR : bundle ..." with a stack trace).
        assertTrue(output.lines().noneMatch(l -> l.startsWith("ERROR") || l.contains("Exception")), output);
    }

    /**
     * The Aeron bridge inside the distribution, configured from its command line: a send end
     * (reader of buffer A) and a receive end (writer of buffer B) over 127.0.0.1; the CLI writer
     * (a plain JVM) writes sequential-pattern frames into A, the CLI reader reads and checks every
     * byte of them out of B.
     */
    @org.junit.jupiter.api.Test
    void aBridgeConfiguredOnTheCommandLineCarriesFrames() throws Exception {
        Path built = Path.of(ItestConfig.required("itest.dist.jar"));
        Path dir = Files.createDirectories(Path.of(System.getProperty("itest.storage", "target/osgi-storage"))
                .resolveSibling("dist-bridge"));
        Path log = dir.resolve("zerobuffer-bridge.log");
        String near = BufferFiles.unique("dist-bridge-a");
        String far = BufferFiles.unique("dist-bridge-b");
        String channel = "aeron:udp?endpoint=127.0.0.1:" + (41000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(8000));
        int frames = 50;
        Peer reader = ToolsCli.start("reader", far, "-n", String.valueOf(frames), "-s", "1000", "--verify", "sequential",
                "--buffer-size", String.valueOf(1 << 20), "--timeout-ms", "60000", "--json-output");
        assertTrue(Await.holdsWithin(() -> !BufferFiles.present(far).isEmpty(), Duration.ofSeconds(30)),
                "the CLI reader did not create " + far + ": " + reader.output());
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java",
                "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")), "-Djava.awt.headless=true",
                "-Dzerobuffer.demo.name=" + BufferFiles.unique("dist-bridge-demo"),
                "-Dzerobuffer.bridge.a.role=send", "-Dzerobuffer.bridge.a.name=" + near,
                "-Dzerobuffer.bridge.a.channel=" + channel, "-Dzerobuffer.bridge.a.payload.size=4194304",
                "-Dzerobuffer.bridge.b.role=receive", "-Dzerobuffer.bridge.b.name=" + far,
                "-Dzerobuffer.bridge.b.channel=" + channel, "-jar", built.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("DISPLAY");
        Process process = builder.start();
        try {
            assertTrue(Await.holdsWithin(() -> read(log).contains("receiver connected"), Duration.ofSeconds(60)),
                    "the send end never saw its receiver:\n" + read(log));
            Peer writer = ToolsCli.start("writer", near, "-n", String.valueOf(frames), "-s", "1000", "--pattern", "sequential");
            assertEquals(0, writer.awaitExit(Duration.ofSeconds(60)), writer.output());
            assertEquals(0, reader.awaitExit(Duration.ofSeconds(60)), reader.output() + "\n" + read(log));
            String json = reader.output().replaceAll("\\s", "");
            assertTrue(json.contains("\"frames_read\":" + frames + ","), reader.output());
            assertTrue(json.contains("\"verification_errors\":0,"), reader.output());
        } finally {
            process.destroy(); // SIGTERM
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        String output = read(log);
        assertTrue(output.contains("bridge configuration 'a' from the command line"), output);
        assertTrue(output.contains("zerobuffer: framework stopped"), "the framework did not stop:\n" + output);
        assertEquals(List.of(), BufferFiles.present(near), "left behind after SIGTERM:\n" + output);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
