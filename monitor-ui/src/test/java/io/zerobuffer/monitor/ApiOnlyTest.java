package io.zerobuffer.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferDirectory;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.Health;
import io.zerobuffer.api.ProcessState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The monitor depends on the api alone: none of its classes names an engine package, and it runs
 * unchanged over a directory that is not the engine's. (ApiOnlyManifestIT checks the built
 * bundle's Import-Package.)
 */
class ApiOnlyTest {
    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void noMonitorClassReferencesAnEnginePackage() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            List<Path> offenders = files.filter(f -> f.toString().endsWith(".class")).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains("io/zerobuffer/linux");
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).toList();
            assertEquals(List.of(), offenders, "classes that name io.zerobuffer.linux");
        }
    }

    /** A directory with no engine behind it: three buffers held in a map. */
    static final class FakeDirectory implements BufferDirectory {
        final Map<String, BufferStatus> buffers = new ConcurrentHashMap<>();

        @Override
        public List<BufferStatus> list() {
            return buffers.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
        }

        @Override
        public Optional<BufferStatus> find(String name) {
            return Optional.ofNullable(buffers.get(name));
        }

        @Override
        public Optional<byte[]> metadataPreview(String name, int maxBytes) {
            return buffers.containsKey(name) ? Optional.of("fake=1".getBytes(StandardCharsets.US_ASCII)) : Optional.empty();
        }

        void put(String name, long payload, long free, long written, long read, ProcessState writer) {
            buffers.put(name, new BufferStatus(name, 128, 1, 0, 0, 64, 50, 14, payload, free, 0, 0, written, read,
                    writer == ProcessState.ABSENT ? 0 : 101, 102, writer, ProcessState.ALIVE));
        }
    }

    @Test
    void theModelTheTableAndTheJsonRunOverAnyDirectory() {
        FakeDirectory fake = new FakeDirectory();
        fake.put("fake-a", 1000, 900, 10, 9, ProcessState.ALIVE);
        fake.put("fake-b", 1000, 100, 10, 2, ProcessState.DEAD);
        fake.put("fake-bad", 1000, 900, -2_164_840_523_487L, 0, ProcessState.ALIVE);
        MonitorModel model = new MonitorModel(fake, Duration.ofSeconds(5), true);
        model.select("fake-a");
        MonitorSnapshot s = model.poll();
        assertEquals(List.of("fake-a", "fake-b", "fake-bad"), s.rows().stream().map(BufferRow::name).toList());
        assertEquals(Health.HEALTHY, s.row("fake-a").orElseThrow().health());
        assertEquals(Health.DEGRADED, s.row("fake-b").orElseThrow().health());
        assertEquals(Health.CORRUPT, s.row("fake-bad").orElseThrow().health(), "an impossible counter is never healthy");
        assertEquals("n/a", s.row("fake-a").orElseThrow().lock(), "this directory knows no lock files");
        BufferDetail d = s.selected().orElseThrow();
        assertEquals("fake=1", new String(d.metadata(), StandardCharsets.US_ASCII));
        assertEquals(-1, d.ring().lastSequence(), "unknown, not made up");
        String table = new TextRenderer(false).render(s);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("fake-b ") && l.contains("dead 101")), table);
        assertTrue(table.contains("corrupt: written_count = -2164840523487 is negative"), table);
        String json = JsonRenderer.render(s);
        assertTrue(json.contains("\"name\":\"fake-bad\"") && json.contains("\"health\":\"corrupt\""), json);
        assertTrue(json.contains("\"last_written_sequence\":null"), json);
    }
}
