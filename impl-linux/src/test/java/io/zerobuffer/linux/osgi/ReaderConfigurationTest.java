package io.zerobuffer.linux.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.AccessMode;
import io.zerobuffer.api.BufferConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReaderConfigurationTest {

    @Test
    void typedValuesAreTaken() {
        ReaderConfiguration c = ReaderConfiguration.from(Map.of("name", "video", "metadata.size", 1024L,
                "payload.size", 1 << 20));
        assertEquals("video", c.name());
        assertEquals(BufferConfig.of(1024, 1 << 20), c.config());
    }

    @Test
    void stringValuesFromFilesAreParsedAndDefaultsFillTheRest() {
        ReaderConfiguration c = ReaderConfiguration.from(Map.of("name", " video ", "payload.size", " 65536 "));
        assertEquals("video", c.name());
        assertEquals(BufferConfig.of(BufferConfig.DEFAULT_METADATA_SIZE, 65536), c.config());
        assertEquals(BufferConfig.defaults(), ReaderConfiguration.from(Map.of("name", "v")).config());
    }

    @Test
    void missingNameIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReaderConfiguration.from(Map.of("payload.size", 65536)));
        assertEquals("property 'name' is missing", e.getMessage());
    }

    @Test
    void invalidNameIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReaderConfiguration.from(Map.of("name", "a/b")));
        assertTrue(e.getMessage().startsWith("property 'name': "), e.getMessage());
    }

    @Test
    void badNumbersAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReaderConfiguration.from(Map.of("name", "v", "payload.size", "64M")));
        assertEquals("property 'payload.size' = '64M' is not a whole number of bytes", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ReaderConfiguration.from(Map.of("name", "v", "metadata.size", -1L)));
        assertTrue(e.getMessage().contains("metadata size -1 is negative"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ReaderConfiguration.from(Map.of("name", "v", "payload.size", 3.5)));
    }

    @Test
    void accessIsSharedByDefaultAndParsedInAnyCase() {
        assertEquals(AccessMode.SHARED, ReaderConfiguration.from(Map.of("name", "v")).config().access());
        assertEquals(AccessMode.OWNER, ReaderConfiguration.from(Map.of("name", "v", "access", "owner")).config().access());
        assertEquals(AccessMode.GROUP, ReaderConfiguration.from(Map.of("name", "v", "access", " GROUP ")).config().access());
    }

    @Test
    void aBadAccessModeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReaderConfiguration.from(Map.of("name", "v", "access", "world")));
        assertEquals("property 'access' = 'world' is not one of shared, group, owner", e.getMessage());
    }

    @Test
    void typedValuesAreCheckedByTheSameRules() {
        ReaderConfiguration c = ReaderConfiguration.of(" video ", 1024, 1 << 20, "group");
        assertEquals("video", c.name());
        assertEquals(BufferConfig.of(1024, 1 << 20).withAccess(AccessMode.GROUP), c.config());
        assertEquals("property 'name' is missing",
                assertThrows(IllegalArgumentException.class, () -> ReaderConfiguration.of(null, 0, 4096, "shared"))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReaderConfiguration.of("a/b", 0, 4096, null))
                .getMessage().startsWith("property 'name': "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReaderConfiguration.of("v", -1, 4096, null))
                .getMessage().contains("metadata size -1 is negative"));
        assertEquals("property 'access' = 'world' is not one of shared, group, owner",
                assertThrows(IllegalArgumentException.class, () -> ReaderConfiguration.of("v", 0, 4096, "world"))
                        .getMessage());
    }

    /** The configuration type's defaults are the engine's: the only place a default is written is BufferConfig. */
    @Test
    void theConfigurationTypeDefaultsAreTheBufferDefaults() throws NoSuchMethodException {
        Class<ConfiguredReaderComponent.Definition> type = ConfiguredReaderComponent.Definition.class;
        assertEquals(BufferConfig.DEFAULT_METADATA_SIZE, type.getMethod("metadata_size").getDefaultValue());
        assertEquals(BufferConfig.DEFAULT_PAYLOAD_SIZE, type.getMethod("payload_size").getDefaultValue());
        assertEquals("shared", type.getMethod("access").getDefaultValue());
        assertEquals(null, type.getMethod("name").getDefaultValue(), "the name is required");
    }
}
