package io.zerobuffer.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Peer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * Runs the commands as separate JVM processes, as a shell script would: {@code java -cp
 * target/classes:<runtime class path> io.zerobuffer.tools.Main COMMAND ARGS}, through test-support's
 * {@link Peer} (output in files, so no pipe can fill up and stall a process; shown when a test fails; a
 * process a test leaves running is killed after it).
 */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLASSPATH = classpath();

    private Cli() {
    }

    /** @return a buffer name no other test (or test run) uses */
    static String bufferName(String what) {
        return BufferNames.unique(what);
    }

    /** A started command. */
    static final class Running {
        private final Peer peer;
        private final String what;

        Running(Peer peer, String what) {
            this.peer = peer;
            this.what = what;
        }

        Process process() {
            return peer.process();
        }

        Peer peer() {
            return peer;
        }

        /** Waits for the exit (failing the test after {@code timeout}) and collects the output. */
        Result await(Duration timeout) {
            int exit = peer.awaitExit(timeout);
            return new Result(what, exit, peer.stdout(), peer.stderr());
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
        Peer peer = Peer.java(Main.class).jvmOptions("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                .classpath(CLASSPATH).args(args).start();
        return new Running(peer, String.join(" ", args));
    }

    /** Runs {@code zerobuffer ARGS} to its end. */
    static Result run(String... args) {
        return start(args).await();
    }

    static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
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
