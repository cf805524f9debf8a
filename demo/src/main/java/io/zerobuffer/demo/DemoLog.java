package io.zerobuffer.demo;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The demo's log: timestamped lines on standard output. Not {@code java.util.logging} on
 * purpose: the JDK resets its handlers in a shutdown hook of its own, racing the framework's
 * shutdown, so the lines that prove a clean Ctrl-C ("stopped ... removed") would be lost.
 */
final class DemoLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private DemoLog() {
    }

    static void info(String message) {
        print(System.out, "INFO   ", message, null);
    }

    static void warning(String message) {
        print(System.out, "WARNING", message, null);
    }

    static void severe(String message, Throwable failure) {
        print(System.out, "SEVERE ", message, failure);
    }

    private static void print(PrintStream out, String level, String message, Throwable failure) {
        synchronized (out) {
            out.println(LocalTime.now().format(TIME) + " " + level + " demo: " + message);
            if (failure != null) {
                failure.printStackTrace(out);
            }
            out.flush();
        }
    }
}
