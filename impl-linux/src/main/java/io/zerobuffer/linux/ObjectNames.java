package io.zerobuffer.linux;

import io.zerobuffer.api.BufferNames;
import java.nio.file.Path;

/**
 * The names of the OS objects behind a buffer (docs/PROTOCOL.md §1), for a buffer named {@code NAME}:
 * shared memory {@code NAME} ({@code /dev/shm/NAME}), semaphores {@code sem-w-NAME} and
 * {@code sem-r-NAME} ({@code /dev/shm/sem.sem-w-NAME}, {@code /dev/shm/sem.sem-r-NAME}) and the
 * lock file {@code /tmp/zerobuffer/NAME.lock}.
 *
 * @param buffer      the buffer name
 * @param sharedMemory the shared-memory object name
 * @param dataReady    the semaphore the writer posts once per frame
 * @param spaceFreed   the semaphore the reader posts once per released frame
 * @param lockFile     the reader's lock file
 */
public record ObjectNames(String buffer, String sharedMemory, String dataReady, String spaceFreed, Path lockFile) {
    /** Directory of the readers' lock files. */
    public static final Path LOCK_DIRECTORY = Path.of("/tmp/zerobuffer");
    /** Suffix of a lock file name. */
    public static final String LOCK_SUFFIX = ".lock";

    /**
     * @param buffer a buffer name
     * @return its object names
     * @throws IllegalArgumentException if the name is invalid (see {@link BufferNames})
     */
    public static ObjectNames of(String buffer) {
        BufferNames.validate(buffer);
        return new ObjectNames(buffer, buffer, "sem-w-" + buffer, "sem-r-" + buffer,
                LOCK_DIRECTORY.resolve(buffer + LOCK_SUFFIX));
    }
}
