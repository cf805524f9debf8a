package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zerobuffer.testsupport.Peer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Another process truncates a buffer's shared memory to 0 or to one page under a blocked reader
 * and under a streaming writer, in a fresh JVM (cold: the first call) and after 20,000 frames
 * (warm): 100 trials in all, in child JVMs ({@link TruncateScenarios}). Pass: no crash, no hang;
 * the affected call ends within its timeout + 1 s with {@code BufferCorruptedException}, or with
 * the JVM's own late report of the fault (below); closing either side afterwards never faults.
 *
 * <p>The late report: in compiled code the JVM lets an access to a truncated page continue and
 * throws its {@code InternalError} only at the thread's next call into the VM runtime. The
 * engine provokes that call on its failure and close paths and every 256 frames, and turns
 * what it catches into {@code BufferCorruptedException}; but the runtime call can also come
 * from a safepoint or an exception just outside an engine call, and a write that copied into a
 * truncated page returns normally with the report still pending. The test counts each kind and
 * prints them; it fails on anything else (another exception, a frame returned from a truncated
 * ring, a timeout, a crash).
 */
class TruncationTest {
    private static final int COLD_TRIALS_PER_CASE = 5;
    private static final int WARM_TRIALS_PER_CASE = 20;
    private static final long LIMIT_MS = 3000 + 1000;
    private static final Pattern OUTCOME = Pattern.compile(
            "OUTCOME (\\S+) (\\S+) (\\S+) primary=(\\S+) ms=(-?\\d+) other=(\\S+) again=(\\S+)");
    private static final List<String> PRIMARY = List.of("BufferCorruptedException", "InternalError");
    private static final List<String> AFTERWARDS = List.of("BufferCorruptedException", "IllegalStateException",
            "returned:null", "InternalError");

    /** Twenty child JVMs, each bounded by its own limit; about half a minute in all. */
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void truncationUnderAReaderOrWriterIsReportedNeverACrash() throws Exception {
        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        int trials = 0;
        for (String kind : List.of("reader", "writer")) {
            for (String size : List.of("0", "4096")) {
                for (int i = 0; i < COLD_TRIALS_PER_CASE; i++) {
                    trials += run(failures, outcomes, kind, size, "cold", 1);
                }
                trials += run(failures, outcomes, kind, size, "warm", WARM_TRIALS_PER_CASE);
            }
        }
        System.out.println("truncation: " + trials + " trials, outcomes " + outcomes);
        assertEquals(List.of(), failures, "truncation trials (outcomes " + outcomes + ")");
        assertEquals(4 * (COLD_TRIALS_PER_CASE + WARM_TRIALS_PER_CASE), trials);
    }

    private static int run(List<String> failures, Map<String, Integer> outcomes, String kind, String size,
            String temperature, int trials) throws Exception {
        Peer child = ChildJvm.start(TruncateScenarios.class, kind, size, temperature, Integer.toString(trials));
        int status = child.awaitExitOrKill(Duration.ofSeconds(60 + 10L * trials));
        String output = child.output();
        String label = kind + "/" + size + "/" + temperature;
        int seen = 0;
        Matcher m = OUTCOME.matcher(output);
        while (m.find()) {
            seen++;
            String primary = m.group(4);
            long ms = Long.parseLong(m.group(5));
            outcomes.merge(kind + " " + primary, 1, Integer::sum);
            if (!PRIMARY.contains(primary) || ms > LIMIT_MS) {
                failures.add(label + ": " + primary + " after " + ms + " ms");
            }
            outcomes.merge("afterwards " + m.group(6), 1, Integer::sum);
            outcomes.merge("afterwards " + m.group(7), 1, Integer::sum);
            if (!AFTERWARDS.contains(m.group(6)) || !AFTERWARDS.contains(m.group(7))) {
                failures.add(label + ": afterwards the peer got " + m.group(6) + ", the same side " + m.group(7));
            }
        }
        if (status != 0 || seen != trials) {
            failures.add(label + ": child exited " + status + CloseSafetyTest.describe(status) + " after " + seen + " of "
                    + trials + " trials: " + CloseSafetyTest.tail(output));
        }
        return seen;
    }
}
