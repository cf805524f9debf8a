package io.zerobuffer.monitor;

import io.zerobuffer.api.BridgeInfo;
import io.zerobuffer.api.ProcessState;
import io.zerobuffer.api.RingLayout;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a {@link MonitorSnapshot} as a table for a terminal: the same words and thresholds as
 * the window, with ANSI colours when asked (green healthy, yellow degraded, red critical,
 * stalled, corrupt and dead processes). The header is always the first line; when a height is
 * given, rows that do not fit are summed up in one line, so the header never scrolls away.
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
     * @return the whole table, one line per buffer, with a header and a footer line
     */
    public String render(MonitorSnapshot snapshot) {
        return render(snapshot, Integer.MAX_VALUE);
    }

    /**
     * @param snapshot a poll
     * @param height   the most lines to print (a terminal's height); at least 4 are used
     * @return the table: header first, then as many buffers and channels as fit, the footer last
     */
    public String render(MonitorSnapshot snapshot, int height) {
        int nameWidth = 4;
        for (BufferRow row : snapshot.rows()) {
            nameWidth = Math.max(nameWidth, Math.min(40, row.name().length()));
        }
        List<String> body = new ArrayList<>();
        for (BufferRow row : snapshot.rows()) {
            body.add(line(row, nameWidth));
            for (BridgeInfo b : row.bridges()) {
                body.add("  bridge: " + Format.bridgeDetail(b));
            }
            if (row.healthReason() != null) {
                body.add(paint("  " + Format.health(row.health()) + ": " + row.healthReason(), RED));
            }
        }
        if (!snapshot.channels().isEmpty()) {
            int channelWidth = 7;
            for (ChannelRow c : snapshot.channels()) {
                channelWidth = Math.max(channelWidth, Math.min(40, c.name().length()));
            }
            body.add("");
            body.add(String.join("  ", left("CHANNEL", channelWidth), left("HEALTH", 8), right("REQUEST", 8),
                    right("RESPONSE", 8), right("ROUND TRIPS/S", 13), left("CLIENT", 20), "SERVER"));
            for (ChannelRow c : snapshot.channels()) {
                body.add(channelLine(c, channelWidth));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.join("  ", left("NAME", nameWidth), right("SIZE", 10), right("USED", 7), left("HEALTH", 8),
                right("IN FLIGHT", 9), right("LAST SEQ", 11), right("NEXT SEQ", 11), right("GAP", 7),
                right("FRAMES/S", 10), right("MiB/S", 9), left("WRITER", 14), left("READER", 14), "LOCK")).append('\n');
        int room = Math.max(2, height - 2);
        if (body.size() > room) {
            int shown = room - 1;
            body.subList(0, shown).forEach(l -> out.append(l).append('\n'));
            out.append("... ").append(body.size() - shown).append(" more lines (a taller terminal, or --filter)\n");
        } else {
            body.forEach(l -> out.append(l).append('\n'));
        }
        out.append(snapshot.rows().size()).append(snapshot.rows().size() == 1 ? " buffer" : " buffers");
        if (!snapshot.channels().isEmpty()) {
            out.append(", ").append(snapshot.channels().size())
                    .append(snapshot.channels().size() == 1 ? " channel" : " channels");
        }
        out.append(", polled ").append(TIME.format(snapshot.time()));
        if (snapshot.error() != null) {
            out.append("  ").append(paint(snapshot.error(), RED));
        }
        return out.append('\n').toString();
    }

    private String line(BufferRow row, int nameWidth) {
        var s = row.status();
        RingLayout ring = row.ring();
        String name = row.name().length() > 40 ? row.name().substring(0, 39) + "~" : row.name();
        return String.join("  ", left(name, nameWidth), right(Format.bytes(row.totalBytes()), 10),
                right(Format.percent(s.utilisation()), 7),
                paint(left(Format.health(row.health()), 8), healthColour(row)),
                right(Format.count(s.framesInFlight()), 9),
                right(ring == null ? "-" : Format.sequence(ring.lastSequence()), 11),
                right(ring == null ? "-" : Format.sequence(ring.nextSequence()), 11),
                right(ring == null ? "-" : Format.sequence(ring.sequenceGap()), 7),
                right(Format.rate(row.framesPerSecond()), 10),
                right(Format.rate(row.mibPerSecond()), 9),
                s.writerState() == ProcessState.DEAD ? paint(left(Format.writer(s), 14), RED) : left(Format.writer(s), 14),
                s.readerState() == ProcessState.DEAD ? paint(left(Format.reader(s), 14), RED) : left(Format.reader(s), 14),
                row.lockProblem() ? paint(row.lock(), YELLOW) : row.lock()).stripTrailing();
    }

    private String channelLine(ChannelRow c, int width) {
        String name = c.name().length() > 40 ? c.name().substring(0, 39) + "~" : c.name();
        String client = c.client();
        String server = c.server();
        return String.join("  ", left(name, width),
                paint(left(Format.health(c.health()), 8), colourOf(c.health())),
                right(Format.percent(c.request().status().utilisation()), 8),
                right(Format.percent(c.response().status().utilisation()), 8),
                right(Format.rate(c.roundTripsPerSecond()), 13),
                client.contains("dead") ? paint(left(client, 20), RED) : left(client, 20),
                server.contains("dead") ? paint(server, RED) : server).stripTrailing();
    }

    private static String healthColour(BufferRow row) {
        return colourOf(row.health());
    }

    private static String colourOf(io.zerobuffer.api.Health health) {
        return switch (health) {
            case HEALTHY -> GREEN;
            case DEGRADED -> YELLOW;
            case CRITICAL, STALLED, CORRUPT -> RED;
        };
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
