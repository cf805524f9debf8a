package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.testsupport.Peer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No JVM crash when a reader or writer is closed under a thread still using a view it handed out
 * (README: {@code close()} may be called from any thread). Each scenario runs in a child JVM
 * ({@link CloseScenarios}): a fault there is an exit status here, not a dead build.
 */
class CloseSafetyTest {
    /** Runs of the close race in all; split over child JVMs to bound the time. */
    static final int RACE_RUNS = Integer.getInteger("zerobuffer.test.closeRaceRuns", 1000);
    private static final int CHILDREN = 4;

    /** Four child JVMs of up to 300 s each; under half a minute in all. */
    @Test
    @Timeout(value = 25, unit = TimeUnit.MINUTES)
    void closingUnderAReadingThreadNeverCrashes() throws Exception {
        int perChild = (RACE_RUNS + CHILDREN - 1) / CHILDREN;
        List<String> failures = new ArrayList<>();
        int done = 0;
        for (int child = 0; child < CHILDREN; child++) {
            Peer jvm = ChildJvm.start(CloseScenarios.class, "race", Integer.toString(perChild));
            int status = jvm.awaitExitOrKill(Duration.ofSeconds(300));
            String result = jvm.line("DONE");
            if (status != 0 || result == null) {
                failures.add("child " + child + " exited " + status + describe(status) + ": "
                        + tail(jvm.output()));
            } else {
                done += perChild;
                System.out.println("close race, child " + child + ": " + result);
            }
        }
        assertEquals(List.of(), failures, "close race over " + done + " completed runs");
        assertEquals(CHILDREN * perChild, done);
    }

    /**
     * Frame calls in flight on their owner threads (writer, reader) and status calls on a third
     * thread while another closes both, 500 times in a child JVM: no fault, every thread ends,
     * calls after close throw.
     */
    @Test
    void closingUnderCallsInFlightNeverCrashes() throws Exception {
        Peer jvm = ChildJvm.start(CloseScenarios.class, "calls", "500");
        int status = jvm.awaitExitOrKill(Duration.ofSeconds(300));
        String output = jvm.output();
        assertEquals(0, status, "close under calls in flight: exit " + status + describe(status) + ": " + tail(output));
        String done = jvm.line("DONE");
        assertTrue(done != null && done.contains("faults=0"), output);
        System.out.println("close under calls in flight: " + done);
    }

    @Test
    void viewsDerivedFromEverythingHandedOutSurviveCloseAndCollection() throws Exception {
        Peer jvm = ChildJvm.start(CloseScenarios.class, "derived");
        int status = jvm.awaitExitOrKill(Duration.ofSeconds(120));
        String output = jvm.output();
        assertEquals(0, status, "derived views after close: exit " + status + describe(status) + ": " + tail(output));
        assertTrue(output.contains("DONE derived"), output);
    }

    static String describe(int status) {
        switch (status) {
            case 134: return " (SIGABRT: the JVM crashed)";
            case 139: return " (SIGSEGV: the JVM crashed)";
            case 135: return " (SIGBUS: the JVM crashed)";
            case -1: return " (did not finish in time)";
            default: return "";
        }
    }

    static String tail(String output) {
        return output.length() <= 3000 ? output : "..." + output.substring(output.length() - 3000);
    }
}
