package io.zerobuffer.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The operating-system objects a buffer consists of, as every ZeroBuffer implementation names them: the
 * segment {@code /dev/shm/NAME}, the semaphores {@code /dev/shm/sem.sem-w-NAME} and {@code sem.sem-r-NAME}, and
 * the lock file {@code /tmp/zerobuffer/NAME.lock}. A test asserts that none of them is left after it.
 */
public final class Leftovers {
    /** Where POSIX shared memory and named semaphores live. */
    public static final Path SHM = Path.of("/dev/shm");
    /** Where the readers' lock files live. */
    public static final Path LOCKS = Path.of("/tmp/zerobuffer");

    private Leftovers() {
    }

    /**
     * @param name the buffer name
     * @return the paths of its four objects, whether they exist or not
     */
    public static List<Path> paths(String name) {
        return List.of(SHM.resolve(name), SHM.resolve("sem.sem-w-" + name), SHM.resolve("sem.sem-r-" + name),
                LOCKS.resolve(name + ".lock"));
    }

    /**
     * @param name the buffer name
     * @return those of its objects that exist
     */
    public static List<Path> of(String name) {
        List<Path> found = new ArrayList<>();
        for (Path path : paths(name)) {
            if (Files.exists(path)) {
                found.add(path);
            }
        }
        return found;
    }

    /**
     * @param name the buffer name
     * @throws AssertionError naming what exists of it
     */
    public static void assertNone(String name) {
        List<Path> found = of(name);
        if (!found.isEmpty()) {
            throw new AssertionError("objects left behind for buffer " + name + ": " + found);
        }
    }
}
