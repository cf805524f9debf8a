package io.zerobuffer.monitor;

import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.RingLayout;
import java.util.Locale;

/**
 * Writes a {@link MonitorSnapshot} as one JSON document (for scripts and alerting): every
 * buffer with the fields the window shows, and every duplex channel. Unknown numbers are
 * {@code null}. Keys are snake_case, like the command-line tools' JSON.
 *
 * <pre>
 * {"time":"2026-…Z","buffers":[{"name":"video","health":"healthy",…}],"channels":[…],"error":null}
 * </pre>
 */
public final class JsonRenderer {
    private JsonRenderer() {
    }

    /**
     * @param snapshot a poll
     * @return the document, one line, newline-terminated
     */
    public static String render(MonitorSnapshot snapshot) {
        StringBuilder b = new StringBuilder(256 + 900 * snapshot.rows().size());
        b.append("{\"time\":").append(string(snapshot.time().toString())).append(",\"buffers\":[");
        for (int i = 0; i < snapshot.rows().size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            buffer(b, snapshot.rows().get(i));
        }
        b.append("],\"channels\":[");
        for (int i = 0; i < snapshot.channels().size(); i++) {
            ChannelRow c = snapshot.channels().get(i);
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"name\":").append(string(c.name()))
                    .append(",\"health\":").append(string(Format.health(c.health())))
                    .append(",\"request\":").append(string(c.request().name()))
                    .append(",\"response\":").append(string(c.response().name()))
                    .append(",\"request_utilisation\":").append(number(c.request().status().utilisation()))
                    .append(",\"response_utilisation\":").append(number(c.response().status().utilisation()))
                    .append(",\"round_trips_per_second\":").append(number(c.roundTripsPerSecond()))
                    .append(",\"client\":{\"request_writer\":").append(string(Format.process(c.clientWriterState(),
                            c.request().status().writerPid())))
                    .append(",\"response_reader\":").append(string(Format.process(c.clientReaderState(),
                            c.response().status().readerPid())))
                    .append("},\"server\":{\"request_reader\":").append(string(Format.process(c.serverReaderState(),
                            c.request().status().readerPid())))
                    .append(",\"response_writer\":").append(string(Format.process(c.serverWriterState(),
                            c.response().status().writerPid())))
                    .append("}}");
        }
        b.append("],\"error\":").append(snapshot.error() == null ? "null" : string(snapshot.error())).append("}\n");
        return b.toString();
    }

    private static void buffer(StringBuilder b, BufferRow row) {
        BufferStatus s = row.status();
        RingLayout r = row.ring();
        b.append("{\"name\":").append(string(row.name()))
                .append(",\"shared_memory_bytes\":").append(row.totalBytes())
                .append(",\"payload_size\":").append(s.payloadSize())
                .append(",\"metadata_size\":").append(s.metadataSize())
                .append(",\"metadata_length\":").append(s.metadataLength())
                .append(",\"protocol\":").append(string(s.versionMajor() + "." + s.versionMinor() + "." + s.versionPatch()))
                .append(",\"used_bytes\":").append(s.usedBytes())
                .append(",\"utilisation\":").append(number(s.utilisation()))
                .append(",\"health\":").append(string(Format.health(row.health())))
                .append(",\"health_reason\":").append(row.healthReason() == null ? "null" : string(row.healthReason()))
                .append(",\"written_count\":").append(s.writtenCount())
                .append(",\"read_count\":").append(s.readCount())
                .append(",\"frames_in_flight\":").append(s.framesInFlight())
                .append(",\"last_written_sequence\":").append(known(r == null ? -1 : r.lastSequence()))
                .append(",\"next_unread_sequence\":").append(known(r == null ? -1 : r.nextSequence()))
                .append(",\"sequence_gap\":").append(known(r == null ? -1 : r.sequenceGap()))
                .append(",\"next_frame_bytes\":").append(known(r == null ? -1 : r.nextFrameBytes()))
                .append(",\"read_position\":").append(s.readPosition())
                .append(",\"write_position\":").append(s.writePosition())
                .append(",\"wasted_tail_bytes\":").append(r == null || r.tailStart() < 0 ? "null" : r.tailBytes())
                .append(",\"frames_per_second\":").append(number(row.framesPerSecond()))
                .append(",\"read_frames_per_second\":").append(number(row.readPerSecond()))
                .append(",\"mib_per_second\":").append(number(row.mibPerSecond()))
                .append(",\"writer\":{\"pid\":").append(s.writerPid()).append(",\"state\":")
                .append(string(s.writerState().name().toLowerCase(Locale.ROOT)))
                .append("},\"reader\":{\"pid\":").append(s.readerPid()).append(",\"state\":")
                .append(string(s.readerState().name().toLowerCase(Locale.ROOT)))
                .append("},\"lock_file\":{\"state\":").append(string(row.entry().lockFile().name().toLowerCase(Locale.ROOT)))
                .append(",\"holder_pid\":").append(row.entry().lockHolderPid())
                .append(",\"problem\":").append(row.lockProblem())
                .append("},\"bridges\":[");
        for (int i = 0; i < row.bridges().size(); i++) {
            io.zerobuffer.api.BridgeInfo bridge = row.bridges().get(i);
            b.append(i == 0 ? "" : ",").append("{\"role\":").append(string(bridge.role()))
                    .append(",\"remote\":").append(string(bridge.remote()))
                    .append(",\"channel\":").append(string(bridge.channel()))
                    .append(",\"stream_id\":").append(bridge.streamId())
                    .append(",\"pid\":").append(bridge.pid()).append("}");
        }
        b.append("]}");
    }

    private static String known(long value) {
        return value < 0 ? "null" : Long.toString(value);
    }

    private static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
