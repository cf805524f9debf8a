package io.zerobuffer.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A running {@link PlainPeer} process, its output in a file under {@code target/peer-logs}. */
final class Peer {
    private final Process process;
    private final Path log;

    private Peer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param args {@link PlainPeer} arguments
     * @return the started process
     */
    static Peer start(String... args) throws IOException {
        Path logs = Path.of(System.getProperty("itest.storage", "target/osgi-storage")).resolveSibling("peer-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve(String.join("-", args).replace('/', '_') + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                System.getProperty("itest.peer.java", "java"), "-cp", required("itest.peer.classpath"),
                PlainPeer.class.getName()));
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

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException("system property " + property + " is not set (run through Maven: "
                    + "mvn -pl itests -am verify): " + value);
        }
        return value;
    }
}
