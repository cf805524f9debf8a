package io.zerobuffer.bridge.aeron;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferNames;
import java.time.Duration;
import java.util.Map;

/**
 * One bridge end, checked: role, buffer, Aeron channel and stream, back-pressure, driver.
 *
 * <p>The largest frame a configuration carries is Aeron's largest message, {@code min(16 MiB,
 * termLength / 8)}, less the {@value MessageHeader#LENGTH}-byte bridge header: with the default
 * term length of 32 MiB that is 4 MiB − 16 B (a 1080p YUV420 frame is 3,110,400 B); 64 MiB terms
 * carry 8 MiB − 16 B, 128 MiB terms 16 MiB − 16 B. A term of 16 MiB carries only 2 MiB − 16 B.
 *
 * @param role            send or receive
 * @param bufferName      the local buffer
 * @param channel         the Aeron channel, e.g. {@code aeron:udp?endpoint=10.0.0.2:40456}
 * @param streamId        the Aeron stream id
 * @param backPressure    what the send side does when the publication is full
 * @param aeronDir        a standalone media driver's directory, or {@code null} for an embedded driver
 * @param termLength      the publication's term length (a power of two, 64 KiB..1 GiB), unless the channel sets it
 * @param livenessTimeout how long a silent peer stays connected (embedded driver only)
 * @param bufferConfig    the sizes of the buffer the send side creates
 * @param progressPeriod  how often progress is logged
 */
public record BridgeSettings(Role role, String bufferName, String channel, int streamId, BackPressure backPressure,
        String aeronDir, int termLength, Duration livenessTimeout, BufferConfig bufferConfig,
        Duration progressPeriod) {
    /** Factory PID of configured bridges. */
    public static final String FACTORY_PID = "zerobuffer.bridge";
    /** Default stream id. */
    public static final int DEFAULT_STREAM_ID = 1001;
    /** Default term length: 32 MiB, so frames up to 4 MiB − 16 B. */
    public static final int DEFAULT_TERM_LENGTH = 32 << 20;
    /** Default liveness timeout of the embedded driver. */
    public static final Duration DEFAULT_LIVENESS_TIMEOUT = Duration.ofMillis(600);
    /** Aeron's ceiling on one message, whatever the term length. */
    public static final int AERON_MAX_MESSAGE = 16 << 20;

    /** Property: {@code send} or {@code receive}. */
    public static final String ROLE = "role";
    /** Property: buffer name. */
    public static final String NAME = "name";
    /** Property: Aeron channel. */
    public static final String CHANNEL = "channel";
    /** Property: Aeron stream id. */
    public static final String STREAM_ID = "stream.id";
    /** Property: {@code block} or {@code drop}. */
    public static final String BACK_PRESSURE = "back.pressure";
    /** Property: a standalone driver's directory (absent: embedded driver). */
    public static final String AERON_DIR = "aeron.dir";
    /** Property: term length in bytes. */
    public static final String TERM_LENGTH = "term.length";
    /** Property: ring size of the buffer the send side creates. */
    public static final String PAYLOAD_SIZE = "payload.size";
    /** Property: metadata size of the buffer the send side creates. */
    public static final String METADATA_SIZE = "metadata.size";

    /** Checks the values. */
    public BridgeSettings {
        if (role == null) {
            throw new IllegalArgumentException("role is missing");
        }
        BufferNames.validate(bufferName);
        if (channel == null || !channel.startsWith("aeron:")) {
            throw new IllegalArgumentException("channel '" + channel + "' is not an Aeron channel (aeron:udp?endpoint=HOST:PORT)");
        }
        if (termLength < 64 * 1024 || Integer.bitCount(termLength) != 1) {
            throw new IllegalArgumentException("term length " + termLength + " is not a power of two of at least 65536");
        }
    }

    /**
     * @param termLength a term length
     * @return the largest frame a publication with that term length carries
     */
    public static int largestFrame(int termLength) {
        return Math.min(AERON_MAX_MESSAGE, termLength / 8) - MessageHeader.LENGTH;
    }

    /**
     * @param role       the role
     * @param bufferName the buffer
     * @param channel    the channel
     * @return settings with every other value at its default
     */
    public static BridgeSettings of(Role role, String bufferName, String channel) {
        return new BridgeSettings(role, bufferName, channel, DEFAULT_STREAM_ID, BackPressure.BLOCK, null,
                DEFAULT_TERM_LENGTH, DEFAULT_LIVENESS_TIMEOUT, BufferConfig.defaults(), Duration.ofSeconds(5));
    }

    /** @return a copy with that stream id */
    public BridgeSettings withStreamId(int value) {
        return new BridgeSettings(role, bufferName, channel, value, backPressure, aeronDir, termLength,
                livenessTimeout, bufferConfig, progressPeriod);
    }

    /** @return a copy with that back-pressure */
    public BridgeSettings withBackPressure(BackPressure value) {
        return new BridgeSettings(role, bufferName, channel, streamId, value, aeronDir, termLength,
                livenessTimeout, bufferConfig, progressPeriod);
    }

    /** @return a copy using the standalone driver in that directory ({@code null}: embedded) */
    public BridgeSettings withAeronDir(String value) {
        return new BridgeSettings(role, bufferName, channel, streamId, backPressure, value, termLength,
                livenessTimeout, bufferConfig, progressPeriod);
    }

    /** @return a copy with that term length */
    public BridgeSettings withTermLength(int value) {
        return new BridgeSettings(role, bufferName, channel, streamId, backPressure, aeronDir, value,
                livenessTimeout, bufferConfig, progressPeriod);
    }

    /** @return a copy whose send side creates a buffer of those sizes */
    public BridgeSettings withBufferConfig(BufferConfig value) {
        return new BridgeSettings(role, bufferName, channel, streamId, backPressure, aeronDir, termLength,
                livenessTimeout, value, progressPeriod);
    }

    /** @return a copy logging progress at that period */
    public BridgeSettings withProgressPeriod(Duration value) {
        return new BridgeSettings(role, bufferName, channel, streamId, backPressure, aeronDir, termLength,
                livenessTimeout, bufferConfig, value);
    }

    /**
     * @param properties configuration properties ({@value #ROLE}, {@value #NAME}, {@value #CHANNEL}
     *                   required; {@value #STREAM_ID}, {@value #BACK_PRESSURE}, {@value #AERON_DIR},
     *                   {@value #TERM_LENGTH}, {@value #METADATA_SIZE}, {@value #PAYLOAD_SIZE} optional)
     * @return the checked settings
     * @throws IllegalArgumentException naming the offending property and value
     */
    public static BridgeSettings from(Map<String, ?> properties) {
        BridgeSettings settings = of(Role.parse(required(properties, ROLE)), required(properties, NAME),
                required(properties, CHANNEL));
        settings = settings.withStreamId((int) number(properties, STREAM_ID, DEFAULT_STREAM_ID));
        Object backPressure = properties.get(BACK_PRESSURE);
        if (backPressure != null) {
            settings = settings.withBackPressure(BackPressure.parse(backPressure.toString()));
        }
        Object dir = properties.get(AERON_DIR);
        if (dir != null && !dir.toString().isBlank()) {
            settings = settings.withAeronDir(dir.toString().trim());
        }
        settings = settings.withTermLength((int) number(properties, TERM_LENGTH, DEFAULT_TERM_LENGTH));
        return settings.withBufferConfig(BufferConfig.of(
                number(properties, METADATA_SIZE, BufferConfig.DEFAULT_METADATA_SIZE),
                number(properties, PAYLOAD_SIZE, BufferConfig.DEFAULT_PAYLOAD_SIZE)));
    }

    private static String required(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("property '" + key + "' is missing");
        }
        return value.toString().trim();
    }

    private static long number(Map<String, ?> properties, String key, long defaultValue) {
        Object value = properties.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("property '" + key + "' = '" + value + "' is not a whole number", e);
        }
    }
}
