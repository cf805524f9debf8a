package io.zerobuffer.bench.aeron;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One side of an Aeron peer program: a JVM started like the harness's workers (same heap and
 * collector, pinned with {@code taskset -c CPUS}, this class path, Aeron's {@code --add-opens}),
 * driven by lines on its stdin and answering on its stdout. Its stderr is passed through.
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final PrintWriter in;
    private final BufferedReader out;
    private final String label;

    private ChildJvm(String label, Process process) {
        this.label = label;
        this.process = process;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * @param cpus a {@code taskset -c} CPU list, e.g. {@code 0} or {@code 0-1}
     * @param main the class to run
     * @param args its arguments
     */
    static ChildJvm start(String label, String cpus, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(taskset(), "-c", cpus,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m", "-Xmx512m", "-XX:+UseParallelGC",
                "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new ChildJvm(label, process);
    }

    private static String taskset() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin")) {
            if (Files.isExecutable(Path.of(dir, "taskset"))) {
                return dir + "/taskset";
            }
        }
        throw new IllegalStateException("taskset not found (Debian package util-linux)");
    }

    void send(String line) {
        in.println(line);
    }

    /** @return the words of the next line, which must start with {@code prefix} */
    String[] expect(String prefix) throws IOException {
        String line = out.readLine();
        if (line == null || !line.startsWith(prefix)) {
            throw new IOException(label + " expected " + prefix + ", got: " + line);
        }
        return line.split(" ");
    }

    @Override
    public void close() throws InterruptedException {
        in.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** @return the child's exit value, after it ended */
    int exitValue() {
        return process.exitValue();
    }
}
