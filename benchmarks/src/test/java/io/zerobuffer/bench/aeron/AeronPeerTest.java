package io.zerobuffer.bench.aeron;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Aeron IPC peer programs run end to end (four JVMs, tiny counts, not pinned) and print
 * what the harness parses; their Aeron directories are gone afterwards. Nothing is timed.
 */
class AeronPeerTest {
    /** The launchers this test started: the Aeron directories of their runs carry their pid. */
    private static final List<Long> pids = new ArrayList<>();
    private static final String ALL_CPUS = "0-" + (Runtime.getRuntime().availableProcessors() - 1);

    @Test
    void theThroughputPeerPrintsARate() throws Exception {
        String out = run(AeronIpcThroughput.class, "1024", "2000", ALL_CPUS, ALL_CPUS, "blocking");
        Matcher m = Pattern.compile("^([0-9.]+) frames/s$", Pattern.MULTILINE).matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Double.parseDouble(m.group(1)) > 0, out);
        assertTrue(noAeronDirectoryOf("tp"), "the run removes its Aeron directory");
    }

    @Test
    void thePingPongPeerPrintsItsMedianRoundTrip() throws Exception {
        String out = run(AeronIpcPingPong.class, "100000", "20", "10", ALL_CPUS, ALL_CPUS, "blocking");
        Matcher m = Pattern.compile("^([0-9.]+) us p50 ([0-9.]+) us p90 ([0-9.]+) us p99 ([0-9.]+) us max",
                Pattern.MULTILINE).matcher(out);
        assertTrue(m.find(), out);
        double p50 = Double.parseDouble(m.group(1));
        assertTrue(p50 > 0 && p50 <= Double.parseDouble(m.group(4)), out);
        assertTrue(out.contains("touched 180"), "30 replies of 100,000 bytes of 3 (two fragments each), first and last byte: " + out);
        assertTrue(noAeronDirectoryOf("pp"), "the run removes its Aeron directory");
    }

    private static String run(Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        pids.add(process.pid());
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "ends: " + out);
        assertTrue(process.exitValue() == 0, "exit " + process.exitValue() + ": " + out);
        return out;
    }

    /** Only the directories of the launchers this test started are looked for. */
    private static boolean noAeronDirectoryOf(String kind) throws Exception {
        try (Stream<Path> entries = Files.list(Path.of("/dev/shm"))) {
            return entries.map(p -> p.getFileName().toString())
                    .noneMatch(n -> pids.stream().anyMatch(pid -> n.startsWith("zb-aeron-" + kind + "-" + pid + "-")));
        }
    }
}
