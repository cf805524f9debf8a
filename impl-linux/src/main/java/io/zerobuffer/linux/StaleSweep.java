package io.zerobuffer.linux;

import io.zerobuffer.linux.layout.Oieb;
import io.zerobuffer.linux.layout.OiebDescriptor;
import io.zerobuffer.linux.posix.LockFile;
import io.zerobuffer.linux.posix.NamedSemaphore;
import io.zerobuffer.linux.posix.Processes;
import io.zerobuffer.linux.posix.SharedMemory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Removal of buffers left by dead processes (docs/PROTOCOL.md §5), run by a reader before it creates
 * a buffer. A buffer is stale when nobody holds its lock file and neither pid in its header
 * belongs to a live process. Its objects are removed only while this process holds the buffer's
 * {@code flock}, and the lock file goes last, so a reader creating that buffer at the same moment
 * (which takes the lock before creating anything) is never swept. The lock file of a buffer
 * that is not stale yet (its reader died, its writer lives) is kept for a later sweep.
 * Thread-safe.
 */
public final class StaleSweep {
    private StaleSweep() {
    }

    /** Sweeps every lock file in {@link ObjectNames#LOCK_DIRECTORY}. */
    public static void sweepAll() {
        if (!Files.isDirectory(ObjectNames.LOCK_DIRECTORY)) {
            return;
        }
        try (DirectoryStream<Path> locks = Files.newDirectoryStream(ObjectNames.LOCK_DIRECTORY, "*" + ObjectNames.LOCK_SUFFIX)) {
            for (Path lockPath : locks) {
                String file = lockPath.getFileName().toString();
                String buffer = file.substring(0, file.length() - ObjectNames.LOCK_SUFFIX.length());
                if (!buffer.isEmpty() && buffer.indexOf('/') < 0) {
                    sweepUnderLock(lockPath, buffer);
                }
            }
        } catch (IOException ignored) {
            // a directory we cannot list holds nothing we could remove either
        }
    }

    private static void sweepUnderLock(Path lockPath, String buffer) {
        LockFile lock = LockFile.tryExisting(lockPath);
        if (lock == null) {
            return;
        }
        boolean stale;
        try {
            stale = isStale(buffer);
            if (stale) {
                removeObjects(ObjectNames.of(buffer));
            }
        } catch (IllegalArgumentException invalidName) {
            stale = true;
        }
        if (stale) {
            lock.deleteAndRelease();
        } else {
            // A dead reader whose writer lives on: keep the lock file, the only way a later
            // sweep finds these objects once the writer is gone too.
            lock.close();
        }
    }

    /**
     * @param buffer a buffer name
     * @return whether its shared memory is absent, unreadable, or names no live process
     */
    static boolean isStale(String buffer) {
        SharedMemory memory;
        try {
            memory = SharedMemory.open(buffer, false, OiebDescriptor.OIEB_SIZE);
        } catch (RuntimeException unreadable) {
            return true;
        }
        if (memory == null) {
            return true;
        }
        try (memory) {
            Oieb oieb = new Oieb(memory.segment());
            return !Processes.isAlive(oieb.readerPid()) && !Processes.isAlive(oieb.writerPid());
        }
    }

    /**
     * Unlinks a buffer's shared memory and both semaphores (not its lock file).
     *
     * @param names the buffer's object names
     */
    static void removeObjects(ObjectNames names) {
        SharedMemory.unlink(names.sharedMemory());
        NamedSemaphore.unlink(names.dataReady());
        NamedSemaphore.unlink(names.spaceFreed());
    }
}
