package io.zerobuffer.api;

import java.util.List;
import java.util.Optional;

/**
 * A read-only view of every ZeroBuffer v1 buffer on the host, whatever language created it.
 * A strictly passive observer: it maps read-only, never writes, never removes anything, never
 * takes a lock and never posts a semaphore. Thread-safe.
 */
public interface BufferDirectory {

    /** @return a snapshot of every buffer found now, sorted by name */
    List<BufferStatus> list();

    /**
     * @param name a buffer name
     * @return a snapshot of that buffer, or empty if there is no valid v1 buffer of that name
     */
    Optional<BufferStatus> find(String name);

    /**
     * @param name     a buffer name
     * @param maxBytes the most bytes wanted
     * @return up to {@code maxBytes} of the metadata the writer wrote (without the length
     *         prefix), or empty if the buffer is absent or has no metadata
     */
    Optional<byte[]> metadataPreview(String name, int maxBytes);
}
