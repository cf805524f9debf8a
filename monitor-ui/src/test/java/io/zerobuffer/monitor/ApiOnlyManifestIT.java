package io.zerobuffer.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build's api-only rule, on the bundle as packaged: the monitor's manifest imports the api
 * and no {@code io.zerobuffer.linux} package (runs after {@code package}, so the jar is there).
 */
class ApiOnlyManifestIT {
    @Test
    void theBundleImportsTheApiAndNoEnginePackage() throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jars = files.filter(f -> f.getFileName().toString().matches("zerobuffer-monitor-ui-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().contains("-sources") && !f.getFileName().toString().contains("-tests"))
                    .toList();
        }
        assertEquals(1, jars.size(), "the packaged bundle: " + jars);
        try (JarFile jar = new JarFile(jars.get(0).toFile())) {
            String imports = jar.getManifest().getMainAttributes().getValue("Import-Package");
            assertTrue(imports != null && imports.contains("io.zerobuffer.api"), "imports the api: " + imports);
            assertFalse(imports.contains("io.zerobuffer.linux"), "Import-Package names an engine package: " + imports);
        }
    }
}
