package io.zerobuffer.linux.osgi;

import io.zerobuffer.api.AccessMode;
import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferNames;
import java.util.Map;

/**
 * One configured buffer, checked: the buffer name and its sizes. Plain Java, no OSGi: a
 * {@code zerobuffer.reader} factory configuration (typed, through {@link #of}, its defaults those
 * of the component's configuration type) or a duplex handler's service properties (untyped,
 * through {@link #from}) give either a valid value or an {@link IllegalArgumentException} whose
 * message says which property was wrong and why.
 *
 * <p>Properties: {@value #NAME} (required), {@value #METADATA_SIZE}, {@value #PAYLOAD_SIZE},
 * and {@value #ACCESS}: {@code shared}, {@code group} or {@code owner} (see {@link AccessMode}).
 *
 * @param name   the buffer name
 * @param config the buffer sizes
 */
public record ReaderConfiguration(String name, BufferConfig config) {
    /** Factory PID of configured buffers. */
    public static final String FACTORY_PID = "zerobuffer.reader";
    /** Property: buffer name. */
    public static final String NAME = "name";
    /** Property: metadata block size in bytes. */
    public static final String METADATA_SIZE = "metadata.size";
    /** Property: payload (ring) size in bytes. */
    public static final String PAYLOAD_SIZE = "payload.size";
    /** Property: who may open the buffer, {@code shared}, {@code group} or {@code owner}. */
    public static final String ACCESS = "access";
    /** Service property carrying the buffer name on a published {@code Reader}. */
    public static final String SERVICE_NAME_PROPERTY = "zerobuffer.name";

    /**
     * Checks typed values (a DS configuration type hands them over, its defaults already applied).
     *
     * @param name         the buffer name ({@value #NAME}); {@code null} or blank when missing
     * @param metadataSize the metadata block size in bytes ({@value #METADATA_SIZE})
     * @param payloadSize  the ring size in bytes ({@value #PAYLOAD_SIZE})
     * @param access       {@code shared}, {@code group} or {@code owner} ({@value #ACCESS}); blank means shared
     * @return the checked configuration
     * @throws IllegalArgumentException naming the offending property and value
     */
    public static ReaderConfiguration of(String name, long metadataSize, long payloadSize, String access) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("property '" + NAME + "' is missing");
        }
        String trimmed = name.trim();
        try {
            BufferNames.validate(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("property '" + NAME + "': " + e.getMessage(), e);
        }
        AccessMode mode = access(access);
        try {
            return new ReaderConfiguration(trimmed, BufferConfig.of(metadataSize, payloadSize).withAccess(mode));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("properties '" + METADATA_SIZE + "'/'" + PAYLOAD_SIZE + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * Checks untyped properties, as service properties carry them (numbers or decimal strings);
     * a missing size is {@link BufferConfig}'s default.
     *
     * @param properties properties (other keys are ignored)
     * @return the checked configuration
     * @throws IllegalArgumentException naming the offending property and value
     */
    public static ReaderConfiguration from(Map<String, ?> properties) {
        Object name = properties.get(NAME);
        long metadataSize = size(properties, METADATA_SIZE, BufferConfig.DEFAULT_METADATA_SIZE);
        long payloadSize = size(properties, PAYLOAD_SIZE, BufferConfig.DEFAULT_PAYLOAD_SIZE);
        Object access = properties.get(ACCESS);
        return of(name == null ? null : name.toString(), metadataSize, payloadSize,
                access == null ? null : access.toString());
    }

    private static AccessMode access(String value) {
        if (value == null || value.isBlank()) {
            return AccessMode.SHARED;
        }
        try {
            return AccessMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("property '" + ACCESS + "' = '" + value + "' is not one of shared, group, owner", e);
        }
    }

    private static long size(Map<String, ?> properties, String key, long defaultValue) {
        Object value = properties.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("property '" + key + "' = '" + value
                    + "' is not a whole number of bytes", e);
        }
    }
}
