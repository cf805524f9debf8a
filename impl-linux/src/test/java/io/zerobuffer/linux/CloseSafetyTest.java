package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No JVM crash when a reader or writer is closed under a thread still using a view it handed out
 * (README: {@code close()} may be called from any thread). Each scenario runs in a child JVM
 * ({@link CloseScenarios}): a fault there is an exit status here, not a dead build.
 */
class CloseSafetyTest {
    /** Runs of the close race in all; split over child JVMs to bound the time. */
    static final int RACE_RUNS = Integer.getInteger("zerobuffer.test.closeRaceRuns", 1000);
    private static final int CHILDREN = 4;

    @Test
    void closingUnderAReadingThreadNeverCrashes() throws Exception {
        int perChild = (RACE_RUNS + CHILDREN - 1) / CHILDREN;
        List<String> failures = new ArrayList<>();
        int done = 0;
        for (int child = 0; child < CHILDREN; child++) {
            ChildJvm jvm = ChildJvm.start(CloseScenarios.class, "race", Integer.toString(perChild));
            int status = jvm.awaitExit(300);
            String result = jvm.line("DONE");
            if (status != 0 || result == null) {
                failures.add("child " + child + " exited " + status + describe(status) + ": "
                        + tail(jvm.output()));
            } else {
                done += perChild;
                System.out.println("close race, child " + child + ": " + result);
            }
            jvm.delete();
        }
        assertEquals(List.of(), failures, "close race over " + done + " completed runs");
        assertEquals(CHILDREN * perChild, done);
    }

    @Test
    void viewsDerivedFromEverythingHandedOutSurviveCloseAndCollection() throws Exception {
        ChildJvm jvm = ChildJvm.start(CloseScenarios.class, "derived");
        int status = jvm.awaitExit(120);
        String output = jvm.output();
        jvm.delete();
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
