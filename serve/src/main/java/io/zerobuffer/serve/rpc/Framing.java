package io.zerobuffer.serve.rpc;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * LSP-style framing of JSON-RPC messages: {@code Content-Length: N\r\n\r\n} then N bytes of
 * UTF-8 JSON. Other header lines are ignored.
 */
public final class Framing {
    /** The largest message accepted: anything bigger is a broken peer, not a step. */
    public static final int MAX_MESSAGE_BYTES = 64 << 20;

    private Framing() {
    }

    /**
     * Reads one message body.
     *
     * @param in the stream
     * @return the body, or {@code null} at end of stream before a header
     * @throws MalformedFrameException if the header has no valid Content-Length
     * @throws IOException             if the stream fails or ends inside a message
     */
    public static byte[] read(InputStream in) throws IOException {
        int length = -1;
        boolean sawHeader = false;
        while (true) {
            String line = readLine(in);
            if (line == null) {
                if (sawHeader) {
                    throw new EOFException("end of stream inside a message header");
                }
                return null;
            }
            if (line.isEmpty()) {
                if (!sawHeader) {
                    continue;
                }
                break;
            }
            sawHeader = true;
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                String value = line.substring(colon + 1).trim();
                try {
                    length = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new MalformedFrameException("Content-Length '" + value + "' is not a number");
                }
            }
        }
        if (length < 0 || length > MAX_MESSAGE_BYTES) {
            throw new MalformedFrameException(length < 0 ? "message header has no Content-Length"
                    : "Content-Length " + length + " exceeds the limit of " + MAX_MESSAGE_BYTES);
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("end of stream after " + body.length + " of " + length + " body bytes");
        }
        return body;
    }

    /**
     * Writes one message and flushes.
     *
     * @param out  the stream
     * @param body UTF-8 JSON
     * @throws IOException if the stream fails
     */
    public static void write(OutputStream out, byte[] body) throws IOException {
        synchronized (out) {
            out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (line.size() > 8192) {
                throw new MalformedFrameException("header line longer than 8192 bytes");
            }
            line.write(b);
        }
    }

    /** A header that is not a valid frame header. The stream stays usable for the next message. */
    public static final class MalformedFrameException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedFrameException(String message) {
            super(message);
        }
    }
}
