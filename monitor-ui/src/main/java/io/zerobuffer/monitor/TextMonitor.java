package io.zerobuffer.monitor;

import java.io.PrintStream;

/**
 * {@code zerobuffer monitor --text}: the buffer table, redrawn in place in the terminal (for SSH
 * sessions without a display) until interrupted, or printed once.
 */
public final class TextMonitor {
    private static final String HOME_AND_CLEAR = "\u001b[H\u001b[2J";

    private TextMonitor() {
    }

    /**
     * @param model      the model to poll
     * @param out        where to print
     * @param intervalMs milliseconds between redraws
     * @param once       print one table (after a short second poll, for rates) and return
     * @param ansi       colours and in-place redraw
     * @throws InterruptedException if interrupted while waiting
     */
    public static void run(MonitorModel model, PrintStream out, long intervalMs, boolean once, boolean ansi)
            throws InterruptedException {
        TextRenderer renderer = new TextRenderer(ansi);
        model.poll();
        if (once) {
            Thread.sleep(Math.min(intervalMs, 500));
            out.print(renderer.render(model.poll()));
            out.flush();
            return;
        }
        while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(intervalMs);
            String table = renderer.render(model.poll());
            out.print(ansi ? HOME_AND_CLEAR + table : table + "\n");
            out.flush();
        }
    }
}
