package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Test helpers: unique buffer names, the sequential pattern, and leftover checks. */
final class TestBuffers {
    private TestBuffers() {
    }

    static String uniqueName(String test) {
        return "zbt-" + test + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }

    /** docs/CLI.md's sequential pattern: byte j of frame i = (i + j) mod 256. */
    static byte sequential(long frameIndex, int byteIndex) {
        return (byte) (frameIndex + byteIndex);
    }

    static void fillSequential(ByteBuffer target, long frameIndex, int length) {
        for (int j = 0; j < length; j++) {
            target.put(j, sequential(frameIndex, j));
        }
    }

    /** @return the index of the first wrong byte, or -1 */
    static int firstMismatch(ByteBuffer data, long frameIndex) {
        for (int j = 0; j < data.limit(); j++) {
            if (data.get(j) != sequential(frameIndex, j)) {
                return j;
            }
        }
        return -1;
    }

    /** @return every OS object of that buffer that exists */
    static List<Path> leftovers(String name) {
        List<Path> found = new ArrayList<>();
        for (Path path : List.of(Path.of("/dev/shm", name), Path.of("/dev/shm", "sem.sem-w-" + name),
                Path.of("/dev/shm", "sem.sem-r-" + name), Path.of("/tmp/zerobuffer", name + ".lock"))) {
            if (Files.exists(path)) {
                found.add(path);
            }
        }
        return found;
    }

    static void assertNothingLeft(String name) {
        assertEquals(List.of(), leftovers(name), "objects left behind for buffer " + name);
    }

    static void writeRawSegment(String name, ByteBuffer content) throws IOException {
        Files.write(Path.of("/dev/shm", name), toArray(content));
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    static void removeRaw(String name) throws IOException {
        Files.deleteIfExists(Path.of("/dev/shm", name));
        Files.deleteIfExists(Path.of("/dev/shm", "sem.sem-w-" + name));
        Files.deleteIfExists(Path.of("/dev/shm", "sem.sem-r-" + name));
        Files.deleteIfExists(Path.of("/tmp/zerobuffer", name + ".lock"));
    }
}
