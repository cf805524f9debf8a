package io.zerobuffer.monitor;

import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.Health;
import io.zerobuffer.api.ProcessState;
import java.util.Locale;

/** How numbers look in the window and in the terminal (the same words in both). */
public final class Format {
    private Format() {
    }

    /**
     * @param bytes a byte count
     * @return e.g. "512 B", "64.0 KiB", "256.1 MiB"
     */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        do {
            v /= 1024;
            unit++;
        } while (v >= 1024 && unit < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", v, units[unit]);
    }

    /**
     * @param fraction 0 to 1
     * @return e.g. "15.5 %"
     */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    /**
     * @param health a health state
     * @return "healthy", "degraded", "critical", "stalled" or "corrupt"
     */
    public static String health(Health health) {
        return health.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param state a liveness state
     * @param pid   the pid
     * @return "alive 4242", "dead 4242" or "absent"
     */
    public static String process(ProcessState state, long pid) {
        switch (state) {
            case ALIVE:
                return "alive " + pid;
            case DEAD:
                return "dead " + pid;
            default:
                return "absent";
        }
    }

    /**
     * @param b a bridge end
     * @return its role and remote end: {@code "send to 10.0.0.2:40456"}, {@code "receive from 10.0.0.1:5555"}
     */
    public static String bridge(io.zerobuffer.api.BridgeInfo b) {
        return io.zerobuffer.api.BridgeInfo.SEND.equals(b.role()) ? "send to " + b.remote()
                : "receive from " + b.remote();
    }

    /**
     * @param b a bridge end
     * @return everything about it in one line: role, remote end, channel, stream, pid
     */
    public static String bridgeDetail(io.zerobuffer.api.BridgeInfo b) {
        return bridge(b) + " · " + b.channel() + " stream " + b.streamId() + " · pid " + b.pid();
    }

    /** @param s a snapshot @return its writer as in {@link #process} */
    public static String writer(BufferStatus s) {
        return process(s.writerState(), s.writerPid());
    }

    /** @param s a snapshot @return its reader as in {@link #process} */
    public static String reader(BufferStatus s) {
        return process(s.readerState(), s.readerPid());
    }

    /**
     * @param rate a rate
     * @return one decimal, thousands grouped
     */
    public static String rate(double rate) {
        return String.format(Locale.ROOT, "%,.1f", rate);
    }

    /**
     * @param value a count
     * @return thousands grouped
     */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * @param sequence a sequence number or gap, -1 if unknown
     * @return thousands grouped, or "?" when unknown
     */
    public static String sequence(long sequence) {
        return sequence < 0 ? "?" : count(sequence);
    }

    /**
     * @param data metadata bytes
     * @return the printable text of it (other bytes as '.')
     */
    public static String text(byte[] data) {
        StringBuilder b = new StringBuilder(data.length);
        for (byte x : data) {
            int c = x & 0xff;
            b.append(c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' ? (char) c : '.');
        }
        return b.toString();
    }

    /**
     * @param data  bytes
     * @param limit most bytes shown
     * @return a hex dump, 16 bytes a line: offset, hex, printable
     */
    public static String hex(byte[] data, int limit) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(limit, data.length);
        for (int line = 0; line < n; line += 16) {
            b.append(String.format(Locale.ROOT, "%04x  ", line));
            StringBuilder ascii = new StringBuilder();
            for (int i = line; i < line + 16; i++) {
                if (i < n) {
                    int c = data[i] & 0xff;
                    b.append(String.format(Locale.ROOT, "%02x ", c));
                    ascii.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
                } else {
                    b.append("   ");
                }
            }
            b.append(" |").append(ascii).append("|\n");
        }
        return b.toString();
    }
}
