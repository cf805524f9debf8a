package io.zerobuffer.itests;

import static org.junit.jupiter.api.Assertions.fail;

import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The OS objects of one buffer, as files: what the tests assert on. */
final class BufferFiles {
    private BufferFiles() {
    }

    /** @return shared memory, both semaphores and the lock file of a buffer */
    static List<Path> of(String name) {
        return Leftovers.paths(name);
    }

    /** @return those of them that exist */
    static List<Path> present(String name) {
        return Leftovers.of(name);
    }

    static void assertAllPresent(String name) {
        List<Path> missing = of(name).stream().filter(p -> !Files.exists(p)).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            fail("buffer '" + name + "' lacks " + missing);
        }
    }

    static void assertAllGone(String name) {
        List<Path> left = present(name);
        if (!left.isEmpty()) {
            fail("buffer '" + name + "' left " + left + " behind");
        }
    }

    /** @return the size of the buffer's shared memory */
    static long sharedMemorySize(String name) {
        try {
            return Files.size(Path.of("/dev/shm", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a buffer name unique to this JVM and call site */
    static String unique(String what) {
        return BufferNames.unique("itest-" + what);
    }
}
