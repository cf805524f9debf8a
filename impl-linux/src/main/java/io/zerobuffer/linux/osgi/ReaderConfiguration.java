package io.zerobuffer.linux.osgi;

import io.zerobuffer.api.AccessMode;
import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferNames;
import java.util.Map;

/**
 * One {@code zerobuffer.reader} factory configuration, checked: the buffer name and its sizes.
 * Plain Java, no OSGi: the component hands it the configuration properties and gets either a
 * valid value or an {@link IllegalArgumentException} whose message says which property was
 * wrong and why.
 *
 * <p>Properties: {@value #NAME} (required), {@value #METADATA_SIZE} (default 4096) and
 * {@value #PAYLOAD_SIZE} (default 64 MiB), as numbers or decimal strings (a configuration file
 * may give either), and {@value #ACCESS}: {@code shared} (default), {@code group} or
 * {@code owner} (see {@link AccessMode}).
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
     * @param properties configuration properties (other keys are ignored)
     * @return the checked configuration
     * @throws IllegalArgumentException naming the offending property and value
     */
    public static ReaderConfiguration from(Map<String, ?> properties) {
        Object rawName = properties.get(NAME);
        if (rawName == null || rawName.toString().isBlank()) {
            throw new IllegalArgumentException("property '" + NAME + "' is missing");
        }
        String name = rawName.toString().trim();
        try {
            BufferNames.validate(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("property '" + NAME + "': " + e.getMessage(), e);
        }
        long metadataSize = size(properties, METADATA_SIZE, BufferConfig.DEFAULT_METADATA_SIZE);
        long payloadSize = size(properties, PAYLOAD_SIZE, BufferConfig.DEFAULT_PAYLOAD_SIZE);
        AccessMode access = access(properties);
        try {
            return new ReaderConfiguration(name, BufferConfig.of(metadataSize, payloadSize).withAccess(access));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("properties '" + METADATA_SIZE + "'/'" + PAYLOAD_SIZE + "': "
                    + e.getMessage(), e);
        }
    }

    private static AccessMode access(Map<String, ?> properties) {
        Object value = properties.get(ACCESS);
        if (value == null || value.toString().isBlank()) {
            return AccessMode.SHARED;
        }
        try {
            return AccessMode.parse(value.toString());
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
