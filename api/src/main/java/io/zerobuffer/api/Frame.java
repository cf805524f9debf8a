package io.zerobuffer.api;

import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One frame read from a buffer: a view of the payload in place in shared memory, not a copy.
 *
 * <p>The writer may overwrite the payload as soon as the frame is closed, so close it as soon
 * as you are done, and before reading the next one. After {@link #close()} every method but
 * {@code close} and {@link #isOpen()} throws {@link IllegalStateException}, and the buffer
 * returned by {@link #data()} is emptied (capacity 0), so a stale use fails loudly instead of
 * reading memory the writer is reusing.
 *
 * <p>Reader implementations reuse the frame object and its buffer for the next frame to stay
 * allocation-free: do not keep a reference past {@code close()}. Not thread-safe; use a frame
 * on the thread that read it.
 *
 * <p>If the reader is closed from another thread while this thread still uses the buffer from
 * {@link #data()} (or a duplicate or slice of it), the buffer reads stale bytes or zeros, or
 * throws; it never crashes the JVM.
 */
@ProviderType
public interface Frame extends AutoCloseable {

    /**
     * @return a read-only view of the payload, position 0, limit and capacity {@link #size()},
     *         little-endian byte order
     * @throws IllegalStateException if the frame is closed
     */
    ByteBuffer data();

    /**
     * @return the payload size in bytes (at least 1)
     * @throws IllegalStateException if the frame is closed
     */
    int size();

    /**
     * @return the sequence number the writer gave this frame (1 for the first)
     * @throws IllegalStateException if the frame is closed
     */
    long sequence();

    /** @return whether the frame is still open (not yet released) */
    boolean isOpen();

    /**
     * Releases the frame: its ring space is returned to the writer. Idempotent.
     */
    @Override
    void close();
}
