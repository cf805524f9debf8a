package io.zerobuffer.linux;

import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test helpers: the sequential pattern and raw segments. Unique names and the leftovers check are
 * test-support's ({@link BufferNames}, {@link Leftovers}); the three methods here delegate to them.
 */
final class TestBuffers {
    private TestBuffers() {
    }

    /** @see BufferNames#unique(String) */
    static String uniqueName(String test) {
        return BufferNames.unique(test);
    }

    /** @see Leftovers#of(String) */
    static List<Path> leftovers(String name) {
        return Leftovers.of(name);
    }

    /** @see Leftovers#assertNone(String) */
    static void assertNothingLeft(String name) {
        Leftovers.assertNone(name);
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
