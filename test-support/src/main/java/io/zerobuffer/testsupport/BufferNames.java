package io.zerobuffer.testsupport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Buffer names no other test, test run or engineer on the same host uses at the same time: {@code zbt-} (so a
 * listing shows which objects tests made), what the test is about, and a random part.
 */
public final class BufferNames {
    private BufferNames() {
    }

    /**
     * @param test a short label of the test, e.g. {@code crash-writer}
     * @return {@code zbt-TEST-XXXXXXXX}, eight random hex digits at the end
     */
    public static String unique(String test) {
        return "zbt-" + test + "-" + String.format("%08x", ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }
}
