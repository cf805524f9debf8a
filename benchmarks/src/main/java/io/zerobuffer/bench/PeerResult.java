package io.zerobuffer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer program run in the same invocation ({@code --peer-cmd}): any command that prints its
 * rate as "N frames/s" (a {@code k} or {@code M} before "frames/s" scales it). Its frames per
 * second, run {@code --runs} times, are what the engine's one-way figure at
 * {@code --peer-size} bytes is compared with.
 */
final class PeerResult {
    private static final Pattern RATE = Pattern.compile(
            "([0-9]+(?:[.,][0-9]+)*)\\s*([kKmM])?\\s*frames\\s*/\\s*s");
    private static final long TIMEOUT_SECONDS = 600;

    final String command;
    final long size;
    final Stat framesPerSecond = new Stat();

    PeerResult(String command, long size) {
        this.command = command;
        this.size = size;
    }

    /** Runs the command once ({@code sh -c}) and records the last "N frames/s" it printed. */
    void runOnce() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("--peer-cmd did not end within " + TIMEOUT_SECONDS + " s: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("--peer-cmd exited " + process.exitValue() + ": " + command + "\n" + text);
        }
        framesPerSecond.add(parseRate(text));
    }

    /**
     * @param output what the peer printed
     * @return the last rate given as "N frames/s" in it
     * @throws IOException when there is none
     */
    static double parseRate(String output) throws IOException {
        Matcher m = RATE.matcher(output);
        double rate = Double.NaN;
        while (m.find()) {
            double value = Double.parseDouble(m.group(1).replace(",", ""));
            String scale = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
            rate = scale.equals("k") ? value * 1e3 : scale.equals("m") ? value * 1e6 : value;
        }
        if (Double.isNaN(rate)) {
            throw new IOException("--peer-cmd printed no \"N frames/s\":\n" + output);
        }
        return rate;
    }
}
