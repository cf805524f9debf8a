package io.zerobuffer.api;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bridge end that carries a buffer to or from another host, as it describes itself next to
 * the buffer. An observer shows it beside the buffer; nothing here is trusted for more than
 * display: {@link #parse(byte[])} accepts only a short, well-formed description.
 *
 * <p>The description is ASCII text, at most {@value #MAX_DESCRIPTION_BYTES} bytes, one
 * {@code key=value} per line after a first line {@value #FORMAT_LINE}:
 * <pre>
 * # zerobuffer bridge 1
 * role=send
 * buffer=video
 * channel=aeron:udp?endpoint=10.0.0.2:40456
 * remote=10.0.0.2:40456
 * stream=1001
 * pid=4242
 * </pre>
 *
 * On Linux it is the file {@code /tmp/zerobuffer/BUFFER.ROLE.bridge} ({@link #fileName()}),
 * written by the bridge process and removed when it stops; a directory ignores one whose
 * process is gone.
 *
 * @param bufferName the local buffer
 * @param role       {@value #SEND} (the buffer's reader, forwarding its frames) or
 *                   {@value #RECEIVE} (its writer, writing what arrives)
 * @param channel    the transport channel, e.g. {@code aeron:udp?endpoint=10.0.0.2:40456}
 * @param remote     the remote end: where a send end sends to, where a receive end's sender
 *                   sends from ({@code "-"} while none is connected)
 * @param streamId   the transport's stream id
 * @param pid        the bridge's process id
 * @since 1.2
 */
public record BridgeInfo(String bufferName, String role, String channel, String remote, int streamId, long pid) {
    /** Role of the end that reads the buffer and sends its frames. */
    public static final String SEND = "send";
    /** Role of the end that receives frames and writes them into the buffer. */
    public static final String RECEIVE = "receive";
    /** The most bytes a description may have. */
    public static final int MAX_DESCRIPTION_BYTES = 1024;
    /** The first line of a description. */
    public static final String FORMAT_LINE = "# zerobuffer bridge 1";
    /** The file name suffix of a description. */
    public static final String FILE_SUFFIX = ".bridge";
    private static final int MAX_VALUE_LENGTH = 400;

    /** Checks the values. */
    public BridgeInfo {
        BufferNames.validate(bufferName);
        if (!SEND.equals(role) && !RECEIVE.equals(role)) {
            throw new IllegalArgumentException("role = '" + role + "' is neither send nor receive");
        }
        checkText("channel", channel);
        checkText("remote", remote);
        if (pid <= 0) {
            throw new IllegalArgumentException("pid = " + pid + " is not positive");
        }
    }

    /** @return the description's file name: {@code BUFFER.ROLE.bridge} */
    public String fileName() {
        return fileName(bufferName, role);
    }

    /**
     * @param bufferName a buffer
     * @param role       {@value #SEND} or {@value #RECEIVE}
     * @return the description's file name for that end
     */
    public static String fileName(String bufferName, String role) {
        return bufferName + "." + role + FILE_SUFFIX;
    }

    /** @return the description, as {@link #parse(byte[])} reads it */
    public byte[] describe() {
        String text = FORMAT_LINE + "\nrole=" + role + "\nbuffer=" + bufferName + "\nchannel=" + channel
                + "\nremote=" + remote + "\nstream=" + streamId + "\npid=" + pid + "\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads a description, refusing anything but a short, well-formed one.
     *
     * @param bytes the description's bytes
     * @return the bridge end, or empty if the bytes are too many, not printable ASCII, not in
     *         the format, or name impossible values
     */
    public static Optional<BridgeInfo> parse(byte[] bytes) {
        if (bytes == null || bytes.length > MAX_DESCRIPTION_BYTES) {
            return Optional.empty();
        }
        for (byte b : bytes) {
            if (b != '\n' && (b < 0x20 || b > 0x7e)) {
                return Optional.empty();
            }
        }
        String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\n");
        if (lines.length == 0 || !lines[0].equals(FORMAT_LINE)) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            if (eq <= 0 || values.putIfAbsent(lines[i].substring(0, eq), lines[i].substring(eq + 1)) != null) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new BridgeInfo(values.get("buffer"), values.get("role"), values.get("channel"),
                    values.get("remote"), Integer.parseInt(values.get("stream")), Long.parseLong(values.get("pid"))));
        } catch (RuntimeException malformed) {
            // a missing key (null), a bad number, a bad name or role
            return Optional.empty();
        }
    }

    private static void checkText(String field, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(field + " is missing or longer than " + MAX_VALUE_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(field + " has the character " + (int) c + " at " + i);
            }
        }
    }
}
