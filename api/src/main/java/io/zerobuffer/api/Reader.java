package io.zerobuffer.api;

import java.nio.ByteBuffer;
import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The owning side of a buffer: creates the shared memory, semaphores and lock file, reads
 * frames in place, and removes everything on {@link #close()}.
 *
 * <p>One frame may be open at a time: read, use, close, then read the next. Not thread-safe:
 * use a reader from one thread at a time (the status methods excepted, which only read
 * shared counters).
 */
@ProviderType
public interface Reader extends AutoCloseable {

    /** @return the buffer name */
    String name();

    /** @return the sizes the buffer was created with */
    BufferConfig config();

    /**
     * Waits for the next frame.
     *
     * @param timeout how long to wait; zero polls
     * @return the next frame, or {@code null} if none arrived within the timeout
     * @throws EndOfStreamException  if the writer detached and every frame has been read
     * @throws WriterDeadException   if the writer's process died
     * @throws SequenceErrorException if a frame carried an unexpected sequence number
     * @throws InvalidFrameSizeException if a frame header disagrees with the ring
     * @throws BufferCorruptedException if a shared field holds a value the protocol cannot
     *                                  produce (read position or sizes changed by another
     *                                  process, free bytes outside the ring)
     * @throws IllegalStateException if the previous frame is still open, or the reader is closed
     */
    Frame read(Duration timeout);

    /**
     * @return whether a writer has written metadata
     */
    boolean hasMetadata();

    /**
     * @return a read-only view of the metadata the writer wrote (without the protocol's
     *         length prefix), empty if none was written yet; valid until the reader closes
     * @throws BufferCorruptedException if the length prefix does not fit the metadata block
     */
    ByteBuffer metadata();

    /** @return whether a writer is attached and its process alive */
    boolean isWriterConnected();

    /** @return frames this reader has handed out */
    long framesRead();

    /** @return a snapshot of the buffer's shared counters and the liveness of both sides */
    BufferStatus status();

    /**
     * Closes the reader: the open frame is released, and the shared memory, both semaphores and
     * the lock file are removed. Idempotent; may be called from any thread, also while another
     * thread still uses a frame view or {@link #metadata()}: that thread then reads stale bytes
     * or zeros, or gets an exception, never a crash.
     */
    @Override
    void close();
}
