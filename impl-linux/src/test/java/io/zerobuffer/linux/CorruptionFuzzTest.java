package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.testsupport.Peer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The corruption campaign ({@link CorruptionFuzz}) in a child JVM, so that a crash of the JVM
 * fails this test instead of the build. 2,000 corruptions by default (about half a minute to
 * a minute); {@code -Dzerobuffer.fuzz.trials=100000} runs a longer campaign and
 * {@code -Dzerobuffer.fuzz.seed=N} replays one. The child prints its seed and its outcome
 * counts by exception type, which this test passes on to its output.
 */
class CorruptionFuzzTest {
    private static final long DEFAULT_TRIALS = 2_000;

    /** Bounded by its own limit (120 s + 0.1 s per trial; the default campaign takes under a minute). */
    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void corruptionsOfALiveBufferNeverCrashHangOrWriteOutsideTheRing() throws Exception {
        long trials = Long.getLong("zerobuffer.fuzz.trials", DEFAULT_TRIALS);
        long seed = Long.getLong("zerobuffer.fuzz.seed", ThreadLocalRandom.current().nextLong());
        Peer child = Peer.java(CorruptionFuzz.class)
                .jvmOptions("-Xmx256m",
                        "-XX:ErrorFile=" + System.getProperty("java.io.tmpdir") + "/zerobuffer-fuzz-hs_err_%p.log")
                .args(Long.toString(seed), Long.toString(trials)).mergeStderr().start();
        long limitSeconds = 120 + trials / 10;
        boolean exited = child.awaitExitOrKill(Duration.ofSeconds(limitSeconds)) != -1;
        String printed = child.stdout();
        System.out.println(printed);
        assertTrue(exited, "the campaign (seed " + seed + ") did not finish within " + limitSeconds + " s:\n" + printed);
        int status = child.process().exitValue();
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
