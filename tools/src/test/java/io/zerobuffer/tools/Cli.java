package io.zerobuffer.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the commands as separate JVM processes, as a shell script would: {@code java -cp
 * target/classes:<runtime class path> io.zerobuffer.tools.Main COMMAND ARGS}. Output goes to
 * files (no pipe can fill up and stall a process).
 */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String CLASSPATH = classpath();
    private static final List<Running> STARTED = new ArrayList<>();

    private Cli() {
    }

    /** @return a buffer name no other test (or test run) uses */
    static String bufferName(String what) {
        return "zbt-" + what + "-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }

    /** A started command. */
    static final class Running {
        private final Process process;
        private final Path out;
        private final Path err;
        private final String what;

        Running(Process process, Path out, Path err, String what) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.what = what;
        }

        Process process() {
            return process;
        }

        /** Waits for the exit (failing the test after {@code timeout}) and collects the output. */
        Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    fail(what + " did not exit within " + timeout + "; stderr:\n" + read(err));
                }
                return new Result(what, process.exitValue(), read(out), read(err));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        Result await() {
            return await(Duration.ofSeconds(60));
        }
    }

    /** A finished command. */
    record Result(String what, int exit, String stdout, String stderr) {
        /** @return stdout parsed as one JSON document (fails if stdout holds anything else) */
        JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError(what + ": stdout is not one JSON document: " + e.getMessage()
                        + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr, e);
            }
        }

        /** Fails with the output unless the exit code is {@code expected}. */
        Result expectExit(int expected) {
            if (exit != expected) {
                fail(what + " exited " + exit + ", expected " + expected + "\nstdout:\n" + stdout + "\nstderr:\n"
                        + stderr);
            }
            return this;
        }

        /** Asserts a usage message and no stack trace on stderr. */
        Result expectUsageWithoutStackTrace() {
            assertTrue(stderr.contains("Usage:"), what + ": no usage on stderr:\n" + stderr);
            assertTrue(!stderr.contains("Exception") && !stderr.contains("\tat "),
                    what + ": stack trace on stderr:\n" + stderr);
            return this;
        }
    }

    /** Starts {@code zerobuffer ARGS} (the Java entry point) as a process. */
    static Running start(String... args) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", CLASSPATH, Main.class.getName()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("zbt-out-", ".txt");
            Path err = Files.createTempFile("zbt-err-", ".txt");
            out.toFile().deleteOnExit();
            err.toFile().deleteOnExit();
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            Running running = new Running(process, out, err, String.join(" ", args));
            synchronized (STARTED) {
                STARTED.add(running);
            }
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code zerobuffer ARGS} to its end. */
    static Result run(String... args) {
        return start(args).await();
    }

    /** Kills whatever a failed test left running. */
    static void killLeftovers() {
        synchronized (STARTED) {
            for (Running r : STARTED) {
                if (r.process.isAlive()) {
                    r.process.destroyForcibly();
                }
            }
            STARTED.clear();
        }
    }

    static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String classpath() {
        Path file = Paths.get("target", "runtime-classpath.txt");
        try {
            return Paths.get("target", "classes").toAbsolutePath() + File.pathSeparator
                    + Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + file.toAbsolutePath()
                    + " (written by maven-dependency-plugin:build-classpath before the tests)", e);
        }
    }
}
