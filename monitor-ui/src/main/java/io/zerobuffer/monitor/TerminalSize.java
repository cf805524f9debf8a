package io.zerobuffer.monitor;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The controlling terminal's height, asked of {@code stty} (no native code). */
final class TerminalSize {
    private static final int FALLBACK = 24;

    private TerminalSize() {
    }

    /** @return rows of the terminal: {@code $LINES}, else {@code stty size}, else 24 */
    static int rows() {
        String lines = System.getenv("LINES");
        if (lines != null) {
            try {
                return Math.max(4, Integer.parseInt(lines.trim()));
            } catch (NumberFormatException ignored) {
                // fall through to stty
            }
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(1, TimeUnit.SECONDS)) {
                String[] f = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
                if (f.length == 2) {
                    return Math.max(4, Integer.parseInt(f[0]));
                }
            } else {
                p.destroyForcibly();
            }
        } catch (Exception e) {
            // no terminal: a sensible default
        }
        return FALLBACK;
    }
}
