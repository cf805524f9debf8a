package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The corruption campaign ({@link CorruptionFuzz}) in a child JVM, so that a crash of the JVM
 * fails this test instead of the build. 2,000 corruptions by default (about half a minute to
 * a minute); {@code -Dzerobuffer.fuzz.trials=100000} runs a longer campaign and
 * {@code -Dzerobuffer.fuzz.seed=N} replays one. The child prints its seed and its outcome
 * counts by exception type, which this test passes on to its output.
 */
class CorruptionFuzzTest {
    private static final long DEFAULT_TRIALS = 2_000;

    @Test
    void corruptionsOfALiveBufferNeverCrashHangOrWriteOutsideTheRing() throws Exception {
        long trials = Long.getLong("zerobuffer.fuzz.trials", DEFAULT_TRIALS);
        long seed = Long.getLong("zerobuffer.fuzz.seed", ThreadLocalRandom.current().nextLong());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:ErrorFile=" + System.getProperty("java.io.tmpdir") + "/zerobuffer-fuzz-hs_err_%p.log");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CorruptionFuzz.class.getName());
        command.add(Long.toString(seed));
        command.add(Long.toString(trials));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    System.out.println(line);
                }
            } catch (IOException e) {
                // the child is gone; what it printed is in output
            }
        });
        pump.start();
        long limitSeconds = 120 + trials / 10;
        boolean exited = child.waitFor(limitSeconds, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(10_000);
        String printed;
        synchronized (output) {
            printed = String.join("\n", output);
        }
        assertTrue(exited, "the campaign (seed " + seed + ") did not finish within " + limitSeconds + " s:\n" + printed);
        int status = child.exitValue();
        assertEquals(0, status, "the campaign with seed " + seed + " failed (exit status " + status
                + (status > 128 ? ": the JVM died of signal " + (status - 128) : status == 3 ? ": a call hung" : "")
                + "; rerun with -Dzerobuffer.fuzz.seed=" + seed + "):\n" + printed);
        assertTrue(printed.contains("fuzz: PASSED") && printed.contains("fuzz: seed " + seed + ", " + trials + " trials"),
                "the campaign reports " + trials + " trials and passes:\n" + printed);
        assertEquals(List.of(), leftovers("zbt-fuzz-" + child.pid() + "-"), "objects the campaign left behind");
    }

    /** @return the shared memory, semaphores and lock files whose name contains {@code infix} */
    private static List<String> leftovers(String infix) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path directory : List.of(Path.of("/dev/shm"), Path.of("/tmp/zerobuffer"))) {
            if (Files.isDirectory(directory)) {
                try (var files = Files.list(directory)) {
                    files.map(Path::toString).filter(n -> n.contains(infix)).forEach(found::add);
                }
            }
        }
        return found;
    }
}
