package io.zerobuffer.monitor;

import io.zerobuffer.api.Health;
import io.zerobuffer.api.ProcessState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A duplex channel: two ordinary buffers named {@code C_request} and {@code C_response}. The
 * server reads {@code C_request} and writes {@code C_response}; the client writes the first and
 * reads the second. Recognised by the names alone.
 *
 * @param name     the channel name {@code C}
 * @param request  the row of {@code C_request}
 * @param response the row of {@code C_response}
 */
public record ChannelRow(String name, BufferRow request, BufferRow response) {
    /** Suffix of a channel's request buffer. */
    public static final String REQUEST = "_request";
    /** Suffix of a channel's response buffer. */
    public static final String RESPONSE = "_response";

    /** @return round trips per second: the response buffer's frames per second */
    public double roundTripsPerSecond() {
        return response.framesPerSecond();
    }

    /** @return the client's liveness: writer of the request buffer */
    public ProcessState clientWriterState() {
        return request.status().writerState();
    }

    /** @return the client's liveness as the reader of the response buffer */
    public ProcessState clientReaderState() {
        return response.status().readerState();
    }

    /** @return the server's liveness as the reader of the request buffer */
    public ProcessState serverReaderState() {
        return request.status().readerState();
    }

    /** @return the server's liveness as the writer of the response buffer */
    public ProcessState serverWriterState() {
        return response.status().writerState();
    }

    /** @return the client as "alive 4242", "dead 4242", "absent", or both pids when they differ */
    public String client() {
        return party(request.status().writerState(), request.status().writerPid(),
                response.status().readerState(), response.status().readerPid());
    }

    /** @return the server in the same words as {@link #client()} */
    public String server() {
        return party(request.status().readerState(), request.status().readerPid(),
                response.status().writerState(), response.status().writerPid());
    }

    /** @return whether any of the four processes is dead */
    public boolean anyDead() {
        return clientWriterState() == ProcessState.DEAD || clientReaderState() == ProcessState.DEAD
                || serverReaderState() == ProcessState.DEAD || serverWriterState() == ProcessState.DEAD;
    }

    /** @return the worse of the two buffers' health */
    public Health health() {
        return worse(request.health(), response.health());
    }

    static Health worse(Health a, Health b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(Health h) {
        return switch (h) {
            case HEALTHY -> 0;
            case DEGRADED -> 1;
            case CRITICAL -> 2;
            case STALLED -> 3;
            case CORRUPT -> 4;
        };
    }

    private static String party(ProcessState s1, long pid1, ProcessState s2, long pid2) {
        String a = Format.process(s1, pid1);
        String b = Format.process(s2, pid2);
        return a.equals(b) ? a : a + " / " + b;
    }

    /**
     * @param rows buffer rows, sorted by name
     * @return every channel whose two buffers are both among them, sorted by name
     */
    public static List<ChannelRow> of(List<BufferRow> rows) {
        Map<String, BufferRow> byName = new HashMap<>();
        for (BufferRow r : rows) {
            byName.put(r.name(), r);
        }
        List<ChannelRow> channels = new ArrayList<>();
        for (BufferRow r : rows) {
            String n = r.name();
            if (n.endsWith(REQUEST) && n.length() > REQUEST.length()) {
                String channel = n.substring(0, n.length() - REQUEST.length());
                BufferRow response = byName.get(channel + RESPONSE);
                if (response != null) {
                    channels.add(new ChannelRow(channel, r, response));
                }
            }
        }
        return List.copyOf(channels);
    }
}
