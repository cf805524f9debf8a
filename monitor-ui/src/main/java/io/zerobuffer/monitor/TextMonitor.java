package io.zerobuffer.monitor;

import java.io.PrintStream;

/**
 * {@code zerobuffer monitor --text} and {@code --json}: the buffer table redrawn in place in the
 * terminal (for SSH sessions without a display) until interrupted, or printed once; or the same
 * snapshot as JSON, one document per poll.
 */
public final class TextMonitor {
    private static final String HOME_AND_CLEAR = "\u001b[H\u001b[2J";

    private TextMonitor() {
    }

    /** How to print. */
    public enum Output {
        /** The table. */
        TABLE,
        /** One JSON document per poll. */
        JSON
    }

    /**
     * @param model      the model to poll
     * @param out        where to print
     * @param intervalMs milliseconds between redraws
     * @param once       print one table (after a short second poll, for rates) and return
     * @param ansi       colours and in-place redraw (the table keeps to the terminal's height)
     * @throws InterruptedException if interrupted while waiting
     */
    public static void run(MonitorModel model, PrintStream out, long intervalMs, boolean once, boolean ansi)
            throws InterruptedException {
        run(model, out, intervalMs, once, ansi, Output.TABLE);
    }

    /**
     * @param model      the model to poll
     * @param out        where to print
     * @param intervalMs milliseconds between redraws
     * @param once       print once (after a short second poll, for rates) and return
     * @param ansi       colours and in-place redraw (tables only)
     * @param output     table or JSON
     * @throws InterruptedException if interrupted while waiting
     */
    public static void run(MonitorModel model, PrintStream out, long intervalMs, boolean once, boolean ansi,
            Output output) throws InterruptedException {
        TextRenderer renderer = new TextRenderer(ansi && output == Output.TABLE);
        model.poll();
        if (once) {
            Thread.sleep(Math.min(intervalMs, 500));
            MonitorSnapshot s = model.poll();
            out.print(output == Output.JSON ? JsonRenderer.render(s) : renderer.render(s));
            out.flush();
            return;
        }
        while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(intervalMs);
            MonitorSnapshot s = model.poll();
            if (output == Output.JSON) {
                out.print(JsonRenderer.render(s));
            } else if (ansi) {
                out.print(HOME_AND_CLEAR + renderer.render(s, TerminalSize.rows()));
            } else {
                out.print(renderer.render(s) + "\n");
            }
            out.flush();
        }
    }
}
