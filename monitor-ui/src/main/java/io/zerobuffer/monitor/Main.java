package io.zerobuffer.monitor;

import io.zerobuffer.api.BufferDirectory;
import java.time.Duration;

/**
 * Standalone entry point: {@code zerobuffer monitor [--text | --json] [--once] [--interval MS]
 * [--filter GLOB] [--stall SECONDS] [--no-color] [--select NAME]}. Without {@code --text} or
 * {@code --json} it opens the window (JavaFX must be on the module path: see
 * {@code monitor-ui/monitor.sh}). The directory comes from {@link Directories#open()}: the
 * monitor names no implementation, it sees a {@link BufferDirectory}.
 */
public final class Main {
    /** Exit code for bad arguments. */
    static final int BAD_ARGUMENTS = 3;
    /** Exit code when the window cannot open. */
    static final int NO_DISPLAY = 2;

    private Main() {
    }

    /** The parsed command line. */
    static final class Options {
        boolean text;
        boolean json;
        boolean once;
        boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;
        long interval = -1;
        long stallSeconds = MonitorModel.DEFAULT_STALL.toSeconds();
        String select;
        String filter;
        boolean help;
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("zerobuffer monitor: " + e.getMessage() + "\n" + usage());
            System.exit(BAD_ARGUMENTS);
            return;
        }
        if (o.help) {
            System.out.println(usage());
            return;
        }
        if (o.text || o.json) {
            BufferDirectory directory = Directories.open();
            try {
                MonitorModel model = new MonitorModel(directory, Duration.ofSeconds(o.stallSeconds), true);
                model.filter(NameFilter.of(o.filter));
                TextMonitor.run(model, System.out, o.interval > 0 ? o.interval : 1000, o.once, o.colour && !o.json,
                        o.json ? TextMonitor.Output.JSON : TextMonitor.Output.TABLE);
            } finally {
                Directories.close(directory);
            }
            return;
        }
        String display = System.getenv("DISPLAY");
        if ((display == null || display.isEmpty()) && System.getenv("WAYLAND_DISPLAY") == null) {
            System.err.println("zerobuffer monitor: no display (DISPLAY is not set); use --text in a terminal");
            System.exit(NO_DISPLAY);
        }
        io.zerobuffer.monitor.fx.MonitorApp.launchStandalone(o.interval > 0 ? o.interval : 100, o.select, o.filter,
                Duration.ofSeconds(o.stallSeconds));
    }

    /**
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException naming the option and value that are wrong
     */
    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--text" -> o.text = true;
                case "--json" -> o.json = true;
                case "--once" -> o.once = true;
                case "--no-color", "--no-colour" -> o.colour = false;
                case "--interval" -> o.interval = positive("--interval", value(args, ++i, "--interval"), 86_400_000L);
                case "--stall" -> o.stallSeconds = positive("--stall", value(args, ++i, "--stall"), 86_400L);
                case "--select" -> o.select = value(args, ++i, "--select");
                case "--filter" -> o.filter = value(args, ++i, "--filter");
                case "-h", "--help" -> o.help = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (o.text && o.json) {
            throw new IllegalArgumentException("--text and --json exclude each other");
        }
        if (o.once && !o.text && !o.json) {
            throw new IllegalArgumentException("--once needs --text or --json");
        }
        return o;
    }

    private static long positive(String option, String value, long max) {
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a whole number");
        }
        if (v <= 0 || v > max) {
            throw new IllegalArgumentException(option + " " + v + " is outside 1.." + max);
        }
        return v;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static String usage() {
        return String.join("\n",
                "usage: zerobuffer monitor [options]",
                "  (no option)       open the monitor window (needs a display)",
                "  --text            print the buffer table in the terminal, redrawn every second",
                "  --json            print every buffer as one JSON document per poll (scripts, alerting)",
                "  --once            with --text or --json: print once and exit",
                "  --filter GLOB     only buffers whose name matches (* and ?; without them: a part of the name)",
                "  --interval MS     refresh period, 1..86400000 (window: 100 ms, text and JSON: 1000 ms)",
                "  --stall SECONDS   unread frames untouched this long by a live reader: stalled (default 5)",
                "  --no-color        with --text: no ANSI colours",
                "  --select NAME     window: select this buffer at start",
                "exit codes: 0 done, 2 no display for the window, 3 bad arguments");
    }
}
