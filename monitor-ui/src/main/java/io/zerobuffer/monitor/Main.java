package io.zerobuffer.monitor;

import io.zerobuffer.linux.LinuxBufferDirectory;

/**
 * Standalone entry point: {@code zerobuffer monitor [--text [--once] [--interval MS] [--no-color]]
 * [--select NAME]}. Without {@code --text} it opens the window (JavaFX must be on the module
 * path: see {@code monitor-ui/monitor.sh}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        boolean text = false;
        boolean once = false;
        boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;
        long interval = -1;
        String select = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--text" -> text = true;
                case "--once" -> once = true;
                case "--no-color", "--no-colour" -> colour = false;
                case "--interval" -> interval = Long.parseLong(value(args, ++i, "--interval"));
                case "--select" -> select = value(args, ++i, "--select");
                case "-h", "--help" -> {
                    System.out.println(usage());
                    return;
                }
                default -> {
                    System.err.println("zerobuffer monitor: unknown option '" + args[i] + "'\n" + usage());
                    System.exit(3);
                }
            }
        }
        if (text) {
            try (LinuxBufferDirectory directory = new LinuxBufferDirectory()) {
                MonitorModel model = new MonitorModel(BufferSource.of(directory));
                TextMonitor.run(model, System.out, interval > 0 ? interval : 1000, once, colour);
            }
            return;
        }
        String display = System.getenv("DISPLAY");
        if ((display == null || display.isEmpty()) && System.getenv("WAYLAND_DISPLAY") == null) {
            System.err.println("zerobuffer monitor: no display (DISPLAY is not set); use --text in a terminal");
            System.exit(2);
        }
        io.zerobuffer.monitor.fx.MonitorApp.launchStandalone(interval > 0 ? interval : 100, select);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println("zerobuffer monitor: " + option + " needs a value");
            System.exit(3);
        }
        return args[i];
    }

    static String usage() {
        return String.join("\n",
                "usage: zerobuffer monitor [options]",
                "  (no option)       open the monitor window (needs a display)",
                "  --text            print the buffer table in the terminal, redrawn every second",
                "  --once            with --text: print the table once and exit",
                "  --interval MS     refresh period (window: 100 ms, text: 1000 ms)",
                "  --no-color        with --text: no ANSI colours",
                "  --select NAME     window: select this buffer at start");
    }
}
