package io.zerobuffer.monitor;

import io.zerobuffer.api.ProcessState;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Draws a {@link MonitorSnapshot} as a table for a terminal: the same words and thresholds as
 * the window, with ANSI colours when asked (green healthy, yellow degraded, red critical and
 * dead processes).
 */
public final class TextRenderer {
    private static final String RESET = "\u001b[0m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[1;31m";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final boolean colour;

    /** @param colour whether to use ANSI colours */
    public TextRenderer(boolean colour) {
        this.colour = colour;
    }

    /**
     * @param snapshot a poll
     * @return the table, one line per buffer, with a header and a footer line
     */
    public String render(MonitorSnapshot snapshot) {
        int nameWidth = 4;
        for (BufferRow row : snapshot.rows()) {
            nameWidth = Math.max(nameWidth, Math.min(40, row.name().length()));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.join("  ", left("NAME", nameWidth), right("SIZE", 10), right("USED", 7), left("HEALTH", 9),
                right("IN FLIGHT", 9), right("FRAMES/S", 10), right("MiB/S", 9), left("WRITER", 14),
                left("READER", 14), "LOCK")).append('\n');
        for (BufferRow row : snapshot.rows()) {
            var s = row.status();
            String name = row.name().length() > 40 ? row.name().substring(0, 39) + "~" : row.name();
            String healthColour = switch (row.health()) {
                case HEALTHY -> GREEN;
                case DEGRADED -> YELLOW;
                case CRITICAL -> RED;
            };
            String line = String.join("  ", left(name, nameWidth), right(Format.bytes(row.totalBytes()), 10),
                    right(Format.percent(s.utilisation()), 7),
                    paint(left(Format.health(row.health()), 9), healthColour),
                    right(Format.count(s.framesInFlight()), 9), right(Format.rate(row.framesPerSecond()), 10),
                    right(Format.rate(row.mibPerSecond()), 9),
                    s.writerState() == ProcessState.DEAD ? paint(left(Format.writer(s), 14), RED) : left(Format.writer(s), 14),
                    s.readerState() == ProcessState.DEAD ? paint(left(Format.reader(s), 14), RED) : left(Format.reader(s), 14),
                    row.lockProblem() ? paint(row.lock(), YELLOW) : row.lock());
            out.append(line.stripTrailing()).append('\n');
        }
        out.append(snapshot.rows().size()).append(snapshot.rows().size() == 1 ? " buffer" : " buffers")
                .append(", polled ").append(TIME.format(snapshot.time()));
        if (snapshot.error() != null) {
            out.append("  ").append(paint(snapshot.error(), RED));
        }
        return out.append('\n').toString();
    }

    private static String left(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String right(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private String paint(String text, String ansi) {
        return colour ? ansi + text + RESET : text;
    }
}
