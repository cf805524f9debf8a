package io.zerobuffer.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The other side of a cross-process test: a second JVM (or any program) started as a process. Its stdout and
 * stderr go to files, so no pipe can fill up and stall it, and so that they can be shown when a test fails
 * ({@link FailureDump}). Every wait has a timeout: a peer that prints nothing or hangs fails the test with what
 * it printed, it never hangs the test.
 *
 * <p>The handshake: a peer prints a line {@code READY} once its reader or writer is open; the test waits for
 * it with {@link #awaitReady()} (or any other line with {@link #awaitLine(String)}) before it goes on.
 */
public final class Peer implements AutoCloseable {
    /** How long {@link #awaitLine(String)} and {@link #awaitExit()} wait by default. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private static final List<Peer> STARTED = new CopyOnWriteArrayList<>();
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Process process;
    private final String label;
    private final Path stdout;
    private final Path stderr;
    private int linesConsumed;

    private Peer(Process process, String label, Path stdout, Path stderr) {
        this.process = process;
        this.label = label;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * @param main the class whose {@code main} runs, on this JVM's class path
     * @param args its arguments
     * @return the started peer
     */
    public static Peer start(Class<?> main, String... args) {
        return java(main.getName()).args(args).start();
    }

    /**
     * @param mainClass the class whose {@code main} runs
     * @return a builder for a JVM running it, by default this JVM's {@code java} on this JVM's class path
     */
    public static Builder java(String mainClass) {
        return new Builder(mainClass);
    }

    /**
     * @param main the class whose {@code main} runs
     * @return a builder for a JVM running it, by default this JVM's {@code java} on this JVM's class path
     */
    public static Builder java(Class<?> main) {
        return java(main.getName());
    }

    /**
     * @param command a program and its arguments
     * @return the started process as a peer
     */
    public static Peer command(String... command) {
        return launch(List.of(command), Map.of(), command[0], null, false);
    }

    /** @return every peer this JVM started, oldest first (for {@link FailureDump}) */
    static List<Peer> started() {
        return STARTED;
    }

    /** @return the process */
    public Process process() {
        return process;
    }

    /** @return its process id */
    public long pid() {
        return process.pid();
    }

    /** @return its name in messages: the main class or program and the first argument */
    public String label() {
        return label;
    }

    /** Waits up to {@link #DEFAULT_WAIT} for the line {@code READY}. */
    public void awaitReady() {
        awaitLine("READY");
    }

    /** @see #awaitLine(String, Duration) */
    public String awaitLine(String prefix) {
        return awaitLine(prefix, DEFAULT_WAIT);
    }

    /**
     * Waits for the next stdout line (after those earlier calls returned) that starts with {@code prefix}.
     *
     * @param prefix the line's beginning
     * @param timeout the longest wait
     * @return the whole line
     * @throws AssertionError if the peer ended without printing it, or did not print it in time; the message
     *         holds everything it printed
     */
    public String awaitLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean ended = !process.isAlive();
            List<String> lines = completeLines(read(stdout));
            for (int i = linesConsumed; i < lines.size(); i++) {
                if (lines.get(i).startsWith(prefix)) {
                    linesConsumed = i + 1;
                    return lines.get(i);
                }
            }
            if (ended) {
                throw new AssertionError(label + " (pid " + pid() + ") ended with status " + process.exitValue()
                        + " without printing " + prefix + "\n" + output());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(label + " (pid " + pid() + ") did not print " + prefix + " within "
                        + timeout.toMillis() + " ms\n" + output());
            }
            pause(2);
        }
    }

    /** @see #awaitExit(Duration) */
    public int awaitExit() {
        return awaitExit(DEFAULT_WAIT);
    }

    /**
     * @param timeout the longest wait
     * @return the exit status
     * @throws AssertionError if it did not end in time (it is killed then); the message holds its output
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill9();
                throw new AssertionError(label + " (pid " + pid() + ") did not exit within " + timeout.toMillis()
                        + " ms; killed\n" + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(label + ": interrupted while waiting for its exit", e);
        }
        return process.exitValue();
    }

    /**
     * For a test that reports a peer that did not end as one of several outcomes, rather than failing at once.
     *
     * @param timeout the longest wait
     * @return the exit status, or -1 if it did not end in time (it is killed then)
     */
    public int awaitExitOrKill(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(label + ": interrupted while waiting for its exit", e);
        }
        kill9();
        return -1;
    }

    /** @return what it printed on stdout so far */
    public String stdout() {
        return read(stdout);
    }

    /** @return what it printed on stderr so far (empty when stderr goes into stdout) */
    public String stderr() {
        return stderr == null ? "" : read(stderr);
    }

    /** @return stdout and stderr so far, labelled, for messages */
    public String output() {
        return "--- stdout of " + label + " ---\n" + stdout()
                + (stderr == null ? "" : "--- stderr of " + label + " ---\n" + stderr());
    }

    /** @return the complete stdout lines so far */
    public List<String> lines() {
        return completeLines(stdout());
    }

    /**
     * @param prefix a line's beginning
     * @return the first complete stdout line so far that starts with it, or {@code null}
     */
    public String line(String prefix) {
        for (String line : lines()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }

    /** Closes its stdin: a peer that reads stdin sees the end of it. */
    public void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a signal with kill(1). For {@code STOP} and {@code CONT}, which are delivered asynchronously, it also
     * waits until {@code /proc} shows the process stopped or running again, so that what the test does next
     * happens after the signal took effect.
     *
     * @param name the signal's name, e.g. {@code TERM}, {@code STOP}, {@code CONT}
     */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -" + name + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if ("STOP".equals(name) || "CONT".equals(name)) {
            boolean stop = "STOP".equals(name);
            Await.await(() -> isStopped() == stop, Duration.ofSeconds(10),
                    "process " + pid() + " to " + (stop ? "stop" : "continue") + " after kill -" + name);
        }
    }

    /** @return whether /proc/PID/stat shows the process stopped (state T) */
    private boolean isStopped() {
        try (InputStream in = Files.newInputStream(Path.of("/proc", Long.toString(pid()), "stat"))) {
            String stat = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
        } catch (IOException e) {
            return false; // gone
        }
    }

    /** kill -9, and reap it so that it is no zombie. */
    public void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills it if it is still running. Its output files stay until the JVM exits, for {@link FailureDump}. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill9();
        }
    }

    private static List<String> completeLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            lines.add(text.substring(start, end));
            start = end + 1;
        }
        return lines;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void pause(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
        if (Thread.currentThread().isInterrupted()) {
            throw new AssertionError("interrupted while waiting for a peer");
        }
    }

    private static Peer launch(List<String> command, Map<String, String> environment, String label, Path logDirectory,
            boolean mergeStderr) {
        try {
            Path dir = logDirectory != null ? Files.createDirectories(logDirectory)
                    : Path.of(System.getProperty("java.io.tmpdir"));
            String stem = "zbt-peer-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet() + "-";
            Path out = Files.createTempFile(dir, stem, ".out");
            Path err = mergeStderr ? null : Files.createTempFile(dir, stem, ".err");
            if (logDirectory == null) {
                out.toFile().deleteOnExit();
                if (err != null) {
                    err.toFile().deleteOnExit();
                }
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile());
            if (mergeStderr) {
                builder.redirectErrorStream(true);
            } else {
                builder.redirectError(err.toFile());
            }
            builder.environment().putAll(environment);
            Peer peer = new Peer(builder.start(), label, out, err);
            STARTED.add(peer);
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** How to start a JVM peer. */
    public static final class Builder {
        private final String mainClass;
        private String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        private String classpath = System.getProperty("java.class.path");
        private final List<String> wrapper = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path logDirectory;
        private boolean mergeStderr;

        private Builder(String mainClass) {
            this.mainClass = mainClass;
        }

        /** @param executable the {@code java} to run, instead of this JVM's */
        public Builder executable(String executable) {
            this.java = executable;
            return this;
        }

        /** @param command a program that runs the JVM, e.g. {@code setpriv --reuid=65534 ...}, before it */
        public Builder wrapper(String... command) {
            wrapper.addAll(List.of(command));
            return this;
        }

        /** @param path the class path, instead of this JVM's */
        public Builder classpath(String path) {
            this.classpath = path;
            return this;
        }

        /** @param options JVM options, before the main class */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** @param arguments the main method's arguments */
        public Builder args(String... arguments) {
            args.addAll(List.of(arguments));
            return this;
        }

        /** Sets an environment variable of the peer. */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** @param directory where its output files go (kept), instead of temporary files */
        public Builder logDirectory(Path directory) {
            this.logDirectory = directory;
            return this;
        }

        /** Sends stderr into the stdout file, interleaved as printed. */
        public Builder mergeStderr() {
            this.mergeStderr = true;
            return this;
        }

        /** @return the started peer */
        public Peer start() {
            List<String> command = new ArrayList<>(wrapper);
            command.add(java);
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(classpath);
            command.add(mainClass);
            command.addAll(args);
            String simple = mainClass.substring(mainClass.lastIndexOf('.') + 1);
            String label = args.isEmpty() ? simple : simple + " " + args.get(0);
            return launch(command, environment, label, logDirectory, mergeStderr);
        }
    }
}
