package io.zerobuffer.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A separate, non-OSGi JVM on the other side of a buffer: the project's command-line
 * {@code writer} or {@code reader} (docs/CLI.md), started on the class path the
 * {@code ./zerobuffer} launcher uses. Its output goes to a file under {@code target/peer-logs}.
 */
final class Peer {
    private final Process process;
    private final Path log;

    private Peer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param args the command and its arguments, e.g. {@code writer NAME -n 10}
     * @return the started process
     */
    static Peer cli(String... args) throws IOException {
        Path logs = Path.of(System.getProperty("itest.storage", "target/osgi-storage")).resolveSibling("peer-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve(args[0] + "-" + args[1].replace('/', '_') + ".log");
        List<String> command = new ArrayList<>(List.of(System.getProperty("itest.peer.java", "java"), "-cp",
                required("itest.peer.classpath"), "io.zerobuffer.tools.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Peer(process, log);
    }

    /**
     * @param seconds the longest wait
     * @return the exit code
     * @throws AssertionError if the process did not end in time (it is killed)
     */
    int waitFor(int seconds) throws InterruptedException, IOException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("peer did not end within " + seconds + " s: " + output());
        }
        return process.exitValue();
    }

    /** @return what the process printed */
    String output() throws IOException {
        return Files.readString(log);
    }

    /** The CLI's {@code sequential} pattern: byte j of frame i (from 0) is (i + j) mod 256. */
    static byte sequential(long frameIndex, int offset) {
        return (byte) (frameIndex + offset);
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException("system property " + property + " is not set (run through Maven: "
                    + "mvn -pl itests -am verify): " + value);
        }
        return value;
    }
}
