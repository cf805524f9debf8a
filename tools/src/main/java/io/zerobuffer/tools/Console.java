package io.zerobuffer.tools;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where a command talks: the result on stdout (JSON with {@code --json-output}, else a short
 * human summary), progress and diagnostics on stderr, so that stdout carries nothing but the
 * JSON when it is asked for.
 */
final class Console {
    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;

    private final String tag;
    private final boolean verbose;
    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;
    private long nextProgress;

    /**
     * @param tag     the prefix of every line, e.g. {@code WRITER}
     * @param verbose whether progress lines are wanted
     * @param json    whether stdout is reserved for the JSON result
     */
    Console(String tag, boolean verbose, boolean json) {
        this.tag = "[" + tag + "] ";
        this.verbose = verbose;
        this.json = json;
        this.out = System.out;
        this.err = System.err;
    }

    /** A progress line on stderr, with {@code -v} only. */
    void verbose(String format, Object... args) {
        if (verbose) {
            err.println(tag + String.format(Locale.ROOT, format, args));
            err.flush();
        }
    }

    /** @return whether {@code -v} was given */
    boolean isVerbose() {
        return verbose;
    }

    /**
     * @param now {@link System#nanoTime()}
     * @return whether a time-based progress line is due (with {@code -v}, at most one a second)
     */
    boolean progressDue(long now) {
        if (!verbose || now - nextProgress < 0) {
            return false;
        }
        nextProgress = now + PROGRESS_INTERVAL_NANOS;
        return true;
    }

    /** A diagnostic on stderr, always. */
    void error(String message) {
        err.println(tag + "Error: " + message);
        err.flush();
    }

    /** A human summary line on stdout, unless the JSON is asked for. */
    void summary(String format, Object... args) {
        if (!json) {
            out.println(tag + String.format(Locale.ROOT, format, args));
        }
    }

    /** The JSON result on stdout, if asked for. */
    void result(Object result) {
        if (json) {
            out.println(Results.toJson(result));
            out.flush();
        }
    }
}
