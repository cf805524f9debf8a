package io.zerobuffer.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on this JVM's classpath, for scenarios that could crash the JVM running them: the
 * crash becomes an exit status (134 for SIGABRT after a fatal error, 139 for SIGSEGV) that the
 * test asserts on.
 */
final class ChildJvm {
    final Process process;
    private final Path output;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * @param main the class whose main method runs
     * @param args its arguments
     * @return the started child; its stdout and stderr go to one temporary file
     */
    static ChildJvm start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-XX:ErrorFile=/dev/null");
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("zb-child-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new ChildJvm(process, output);
    }

    /** @return the exit status, after waiting up to {@code seconds} (killing it then, status -1) */
    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    /** @return everything the child printed so far */
    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    /** @return the first line starting with the prefix, or null */
    String line(String prefix) {
        for (String line : output().split("\n")) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }

    void delete() {
        try {
            Files.deleteIfExists(output);
        } catch (IOException ignored) {
            // a temporary file
        }
    }
}
