package io.zerobuffer.serve.steps;

import io.zerobuffer.api.BufferConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real faults for the resource scenarios, made through the OS rather than by widening the api:
 * a directory in the way of a semaphore's file (its creation then fails), a lower open-file
 * limit for this process (every shm_open and sem_open then fails with EMFILE).
 */
final class Faults {
    private Faults() {
    }

    /**
     * Creates a buffer while a directory occupies the path of its data-ready semaphore.
     *
     * @param world the scenario state
     * @param name  the OS name of the buffer
     * @return what the creation threw, or {@code null} if it succeeded
     */
    static Throwable createWithBlockedSemaphore(World world, String name) {
        Path obstacle = Path.of("/dev/shm", "sem.sem-w-" + name);
        try {
            Files.createDirectory(obstacle);
        } catch (IOException e) {
            throw new StepFailure("expected to place a directory at " + obstacle + " to make sem_open fail: " + e);
        }
        try {
            world.engine().createReader(name, BufferConfig.of(1024, 10240)).close();
            return null;
        } catch (RuntimeException e) {
            world.log(2, "creation failed as arranged: " + World.describe(e));
            return e;
        } finally {
            try {
                Files.deleteIfExists(obstacle);
            } catch (IOException e) {
                world.log(3, "could not remove " + obstacle + ": " + e);
            }
        }
    }

    /**
     * @param name the OS name of a buffer
     * @return which of its objects exist
     */
    static List<Path> leftovers(String name) {
        List<Path> found = new ArrayList<>();
        for (Path p : List.of(Path.of("/dev/shm", name), Path.of("/dev/shm", "sem.sem-w-" + name),
                Path.of("/dev/shm", "sem.sem-r-" + name), Path.of("/tmp/zerobuffer", name + ".lock"))) {
            if (Files.exists(p)) {
                found.add(p);
            }
        }
        return found;
    }

    /**
     * Sets this process's open-file limit with prlimit(1).
     *
     * @param soft the soft limit
     * @return whether it was set
     */
    static boolean limitOpenFiles(long soft, long hard) {
        try {
            Process p = new ProcessBuilder("prlimit", "--pid", String.valueOf(ProcessHandle.current().pid()),
                    "--nofile=" + soft + ":" + hard).inheritIO().start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return descriptors this process has open */
    static long openFiles() {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            return -1;
        }
    }
}
