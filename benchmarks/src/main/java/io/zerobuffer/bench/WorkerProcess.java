package io.zerobuffer.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A worker JVM started by the harness (optionally pinned with taskset), driven by line commands on its stdin. */
final class WorkerProcess implements AutoCloseable {
    private final String label;
    private final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    boolean fastPath;

    private WorkerProcess(String label, Process process) {
        this.label = label;
        this.process = process;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
            lines.add("eof");
        }, "bench-worker-" + label);
        pump.setDaemon(true);
        pump.start();
    }

    static WorkerProcess start(String label, int cpu, List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (cpu >= 0) {
            command.addAll(List.of(taskset(), "-c", Integer.toString(cpu)));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms512m", "-Xmx512m", "-XX:MaxDirectMemorySize=1g", "-XX:+UseParallelGC"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchWorker.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        WorkerProcess worker = new WorkerProcess(label, process);
        worker.awaitHello();
        worker.send("probe");
        worker.fastPath = Boolean.parseBoolean(worker.expect("done")[1]);
        return worker;
    }

    private static String taskset() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin")) {
            if (Files.isExecutable(Path.of(dir, "taskset"))) {
                return dir + "/taskset";
            }
        }
        throw new IllegalStateException("taskset not found (Debian package util-linux); use --placement unpinned");
    }

    void send(String command) {
        in.println(command);
    }

    /**
     * Waits for the worker's first protocol line. Lines before it come from the JVM or an agent
     * given with {@code --jvm-arg} (a profiler's banner, say): they are passed on to stderr.
     */
    private void awaitHello() throws InterruptedException {
        while (true) {
            String line = lines.poll(180, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("worker " + label + " said nothing for 180 s (expected hello)");
            }
            if (line.startsWith("hello")) {
                return;
            }
            System.err.println("worker " + label + ": " + line);
        }
    }

    /** @return the words of the next line, which must start with {@code prefix} */
    String[] expect(String prefix) throws InterruptedException {
        String line = lines.poll(180, TimeUnit.SECONDS);
        if (line == null) {
            throw new IllegalStateException("worker " + label + " said nothing for 180 s (expected " + prefix + ")");
        }
        if (!line.startsWith(prefix)) {
            throw new IllegalStateException("worker " + label + " expected " + prefix + ", got: " + line);
        }
        return line.split(" ");
    }

    @Override
    public void close() throws InterruptedException {
        in.println("quit");
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
