package io.zerobuffer.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * This process's open file descriptors, by what they point at. Leak checks count only the
 * descriptors of the kind the code under test opens: a count of every descriptor moves with
 * whatever else the test JVM does at the same time (class loading, other tests' threads).
 */
public final class OpenFiles {
    private OpenFiles() {
    }

    /**
     * @param target a pattern the whole link target must match, e.g. {@code /proc/\d+/stat}
     * @return how many of this process's descriptors point at a matching path now
     * @throws IOException if {@code /proc/self/fd} cannot be listed
     */
    public static long count(String target) throws IOException {
        Pattern pattern = Pattern.compile(target);
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> pattern.matcher(linkOf(fd)).matches()).count();
        }
    }

    private static String linkOf(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException closedMeanwhile) {
            return "";
        }
    }
}
