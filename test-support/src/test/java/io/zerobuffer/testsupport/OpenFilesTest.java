package io.zerobuffer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFilesTest {

    @Test
    void countsTheDescriptorsPointingAtMatchingPathsOnly(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("counted.txt"), "x");
        String pattern = ".*/counted\\.txt";
        assertEquals(0, OpenFiles.count(pattern));
        try (InputStream first = Files.newInputStream(file); InputStream second = Files.newInputStream(file)) {
            assertEquals(2, OpenFiles.count(pattern));
        }
        assertEquals(0, OpenFiles.count(pattern));
    }
}
