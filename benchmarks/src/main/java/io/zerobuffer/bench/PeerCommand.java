package io.zerobuffer.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer program's command line ({@code --peer-cmd}, {@code --peer-pingpong-cmd}), optionally a
 * template whose placeholders the harness fills in for every cell it measures, and how it is run
 * ({@code sh -c}, output and error merged, at most ten minutes) and what it must print.
 *
 * <pre>
 *   {size}        frame size in bytes                  {cpuA}  CPU of the reader / echo side
 *   {frames}      frames of a one-way run              {cpuB}  CPU of the writer / initiator side
 *   {iterations}  measured round trips of a ping-pong  {wait}  blocking or spin
 *   {warmup}      round trips before measuring         {ring}  ring bytes our run uses
 *   {placement}   same, apart or unpinned              {java}  this JVM with the benchmarks' class path
 * </pre>
 *
 * With the placement {@code unpinned} both CPU placeholders name every CPU ({@code 0-N}), so a
 * peer that passes them to {@code taskset -c} or {@code sched_setaffinity} is not pinned.
 */
final class PeerCommand {
    static final List<String> PLACEHOLDERS = List.of("size", "frames", "iterations", "warmup", "cpuA", "cpuB", "wait",
            "ring", "placement", "java");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");
    private static final Pattern RATE = Pattern.compile("([0-9]+(?:[.,][0-9]+)*)\\s*([kKmM])?\\s*frames\\s*/\\s*s");
    private static final Pattern P50 = Pattern.compile(
            "(?:p50\\s*[:=]?\\s*([0-9]+(?:\\.[0-9]+)?)\\s*us)|(?:([0-9]+(?:\\.[0-9]+)?)\\s*us\\s+p50)");
    private static final long TIMEOUT_SECONDS = 600;

    private PeerCommand() {
    }

    /** @return whether {@code command} holds at least one known placeholder */
    static boolean isTemplate(String command) {
        Matcher m = PLACEHOLDER.matcher(command);
        while (m.find()) {
            if (PLACEHOLDERS.contains(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fills in the placeholders of {@code template}.
     *
     * @param template a command with {@code {name}} placeholders
     * @param values the value of each placeholder this cell has
     * @return the command to run
     * @throws IllegalArgumentException naming a known placeholder this cell has no value for
     */
    static String expand(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = values.get(name);
            if (value == null && name.equals("java")) {
                value = javaCommand();
            }
            if (value == null && PLACEHOLDERS.contains(name)) {
                throw new IllegalArgumentException("placeholder {" + name + "} has no value here: " + template);
            }
            m.appendReplacement(b, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** The value of {@code {cpuA}} / {@code {cpuB}}: the CPU, or every CPU when not pinned. */
    static String cpu(int cpu) {
        return cpu >= 0 ? Integer.toString(cpu) : "0-" + (Runtime.getRuntime().availableProcessors() - 1);
    }

    /** This JVM's java launcher and class path, quoted for {@code sh}: what {@code {java}} stands for. */
    static String javaCommand() {
        return quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()) + " -cp "
                + quote(System.getProperty("java.class.path"));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * Runs {@code command} once with {@code sh -c}.
     *
     * @return what it printed (output and error)
     * @throws IOException when it exits non-zero or runs longer than ten minutes
     */
    static String run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("peer command did not end within " + TIMEOUT_SECONDS + " s: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("peer command exited " + process.exitValue() + ": " + command + "\n" + text);
        }
        return text;
    }

    /**
     * @param output what a one-way peer printed
     * @return the last rate given as "N frames/s" in it ({@code k} or {@code M} before "frames/s" scales it)
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
            throw new IOException("the peer printed no \"N frames/s\":\n" + output);
        }
        return rate;
    }

    /**
     * @param output what a ping-pong peer printed
     * @return the last round-trip median given as "N us p50" or "p50 N us" in it, in microseconds
     * @throws IOException when there is none
     */
    static double parseP50Micros(String output) throws IOException {
        Matcher m = P50.matcher(output);
        double p50 = Double.NaN;
        while (m.find()) {
            p50 = Double.parseDouble(m.group(1) != null ? m.group(1) : m.group(2));
        }
        if (Double.isNaN(p50)) {
            throw new IOException("the peer printed no \"N us p50\":\n" + output);
        }
        return p50;
    }
}
