package io.zerobuffer.bridge.aeron;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bridge end in its own JVM ({@code java <Aeron options> -cp target/classes:<runtime> BridgeMain
 * ...}), optionally inside a network namespace; its stderr goes to a file the test reads.
 */
final class BridgeProcess implements AutoCloseable {
    private static final String CLASSPATH = Paths.get("target", "classes").toAbsolutePath() + File.pathSeparator
            + read(Paths.get("target", "runtime-classpath.txt")).trim();
    private static final Pattern STOPPED = Pattern.compile(
            "stopped: frames=(\\d+) bytes=(\\d+) dropped=(\\d+) gaps=(\\d+) peer_losses=(\\d+)");

    private final Process process;
    private final Path log;
    private final String what;
    private final String[] args;

    private BridgeProcess(Process process, Path log, String what, String[] args) {
        this.process = process;
        this.log = log;
        this.what = what;
        this.args = args;
    }

    /**
     * @param namespace a network namespace to run in, or {@code null}
     * @param args      BridgeMain's arguments
     */
    static BridgeProcess start(String namespace, String... args) {
        return start(namespace, List.of(), args);
    }

    /**
     * @param namespace  a network namespace to run in, or {@code null}
     * @param jvmOptions extra JVM options (e.g. Aeron's debug loss generators)
     * @param args       BridgeMain's arguments
     */
    static BridgeProcess start(String namespace, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        if (namespace != null) {
            command.addAll(List.of("ip", "netns", "exec", namespace));
        }
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(System.getProperty("aeron.jvm.options",
                "--add-opens java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED")
                .split(" ")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Xmx256m", "-cp", CLASSPATH, BridgeMain.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--progress-seconds", "2"));
        String what = "bridge " + String.join(" ", args);
        try {
            Path log = Files.createTempFile("zbt-bridge-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new BridgeProcess(process, log, what, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a UDP port nothing on 127.0.0.1 is bound to right now */
    static int freePort() {
        for (int i = 0; i < 50; i++) {
            int port = 41000 + ThreadLocalRandom.current().nextInt(8000);
            try (DatagramSocket socket = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (SocketException taken) {
                // next
            }
        }
        throw new IllegalStateException("no free UDP port found");
    }

    /** @return the log so far */
    String log() {
        return Files.exists(log) ? read(log) : "";
    }

    /**
     * Waits for a log line containing {@code text} (its {@code occurrence}-th appearance).
     *
     * @return the wall-clock millis when the test saw it
     */
    long awaitLog(String text, int occurrence, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String content = log();
            int found = 0;
            int from = 0;
            while ((from = content.indexOf(text, from)) >= 0) {
                found++;
                from += text.length();
            }
            if (found >= occurrence) {
                return System.currentTimeMillis();
            }
            if (!process.isAlive()) {
                fail(what + " exited (" + process.exitValue() + ") before logging '" + text + "':\n" + log());
            }
            sleep(10);
        }
        fail(what + ": no '" + text + "' (#" + occurrence + ") within " + timeout + ":\n" + log());
        return 0;
    }

    /**
     * Waits for a log line that {@code pattern} finds something in.
     *
     * @return the matcher of that line, found
     */
    Matcher awaitLogMatching(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : log().split("\n")) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
            if (!process.isAlive()) {
                fail(what + " exited (" + process.exitValue() + ") before logging /" + pattern + "/:\n" + log());
            }
            sleep(50);
        }
        fail(what + ": no line matching /" + pattern + "/ within " + timeout + ":\n" + log());
        return null;
    }

    /** kill -9, then removes the embedded driver directory the killed process left. */
    void kill() {
        long pid = process.pid();
        process.destroyForcibly();
        waitFor();
        try (var entries = Files.newDirectoryStream(Path.of("/dev/shm"), "zerobuffer-aeron-" + pid + "-*")) {
            for (Path dir : entries) {
                try (var tree = Files.walk(dir)) {
                    tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            System.err.println("could not remove the Aeron directory of killed process " + pid + ": " + e);
        }
        deleteLog();
    }

    /**
     * SIGTERM, then the counters of its last line.
     *
     * @return frames, bytes, dropped, gaps, peer losses
     */
    long[] stop() {
        process.destroy();
        waitFor();
        Matcher m = STOPPED.matcher(log());
        if (!m.find()) {
            fail(what + ": no final counters in its log:\n" + log());
        }
        long[] values = new long[5];
        for (int i = 0; i < 5; i++) {
            values[i] = Long.parseLong(m.group(i + 1));
        }
        deleteLog();
        return values;
    }

    private void waitFor() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(what + " did not exit:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteLog();
        deleteDescription();
    }

    /** Removes the monitor description a killed end leaves behind, if it is this process's. */
    private void deleteDescription() {
        if (args.length < 2) {
            return;
        }
        Path file = Path.of("/tmp/zerobuffer", args[1] + "." + args[0] + ".bridge");
        try {
            if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && Files.readString(file).contains("\npid=" + process.pid() + "\n")) {
                Files.delete(file);
            }
        } catch (IOException ignored) {
            // gone already
        }
    }

    private void deleteLog() {
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
