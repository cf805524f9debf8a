package io.zerobuffer.api;

import java.nio.ByteBuffer;
import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The attaching side of a buffer: writes frames into the ring the reader created.
 *
 * <p>Two ways to write a frame: copy one in with {@code write}, or write in place with
 * {@link #acquire(int)}, fill the returned view, then {@link #commit()}. A frame that waits
 * for ring space longer than the write timeout fails with {@link BufferFullException}. A reader
 * that leaves is reported by the next {@code write} or {@code acquire} with
 * {@link ReaderDeadException}, whether or not the ring has room: at once when it closed the
 * buffer, within about 100 ms when its process died.
 *
 * <p>Not thread-safe: use a writer from one thread at a time (the status methods excepted).
 */
@ProviderType
public interface Writer extends AutoCloseable {

    /** @return the buffer name */
    String name();

    /** @return the sizes of the buffer as the reader created it (aligned to 64) */
    BufferConfig config();

    /**
     * Copies metadata into the buffer. Metadata can be written once per buffer.
     *
     * @param metadata the bytes from position to limit; the position is not changed
     * @throws MetadataAlreadyWrittenException if metadata was written already
     * @throws MetadataTooLargeException       if it does not fit the metadata block (a block too
     *                                         small for the length prefix, size 0, takes none)
     * @throws BufferCorruptedException        if metadata_size changed since attach
     */
    void writeMetadata(ByteBuffer metadata);

    /**
     * Copies metadata into the buffer. Metadata can be written once per buffer.
     *
     * @param metadata the bytes
     * @throws MetadataAlreadyWrittenException if metadata was written already
     * @throws MetadataTooLargeException       if it does not fit the metadata block (a block too
     *                                         small for the length prefix, size 0, takes none)
     * @throws BufferCorruptedException        if metadata_size changed since attach
     */
    void writeMetadata(byte[] metadata);

    /**
     * Reserves the metadata block for writing in place; publish it with {@link #commitMetadata()}.
     *
     * @param size metadata bytes
     * @return a writable view of exactly {@code size} bytes
     * @throws MetadataAlreadyWrittenException if metadata was written already
     * @throws MetadataTooLargeException       if it does not fit the metadata block (a block too
     *                                         small for the length prefix, size 0, takes none)
     * @throws BufferCorruptedException        if metadata_size changed since attach
     */
    ByteBuffer acquireMetadata(int size);

    /**
     * Publishes the metadata reserved by {@link #acquireMetadata(int)}.
     *
     * @throws IllegalStateException if no metadata was acquired
     */
    void commitMetadata();

    /**
     * Copies one frame into the ring.
     *
     * @param data the payload; at least 1 byte
     * @throws InvalidFrameSizeException if the payload is empty
     * @throws FrameTooLargeException    if the frame can never fit the ring
     * @throws BufferFullException       if no room came within the write timeout
     * @throws ReaderDeadException       if the reader is gone
     * @throws BufferCorruptedException  if a shared field holds a value the protocol cannot
     *                                   produce (sizes changed since attach, a position outside
     *                                   the ring, free bytes above it); nothing was written, and
     *                                   the writer stays usable should the field be repaired
     */
    void write(byte[] data);

    /**
     * Copies one frame into the ring.
     *
     * @param data   source array
     * @param offset first byte
     * @param length payload size; at least 1
     * @see #write(byte[])
     */
    void write(byte[] data, int offset, int length);

    /**
     * Copies one frame into the ring: the bytes from position to limit. The position is not
     * changed.
     *
     * @param data the payload
     * @see #write(byte[])
     */
    void write(ByteBuffer data);

    /**
     * Writes several frames, in order, handing them to the reader together: the same frames on
     * the wire as that many {@link #write(ByteBuffer)} calls, with the shared counters updated
     * and the {@code sem-w} posts made once for all the frames that fit in the ring (the cheap
     * way to send many small frames). When the ring has no room for the next frame, those
     * before it are handed over and the writer waits for space as {@code write} does. If a frame
     * fails (too large, the reader left, the wait timed out), those before it are delivered.
     *
     * @param frames the frames, each from its position to its limit; positions are not changed
     * @param offset index of the first frame in {@code frames}
     * @param count  how many frames
     * @since 1.2
     */
    void write(ByteBuffer[] frames, int offset, int count);

    /**
     * Reserves room for a frame of {@code size} bytes and returns a writable view of it, in
     * place in the ring. Fill it, then {@link #commit()}; nothing reaches the reader before.
     * The view is reused for the next frame and emptied on commit.
     *
     * @param size payload bytes; at least 1
     * @return a writable little-endian view with position 0 and limit {@code size}
     * @throws IllegalStateException if a frame is already acquired and not committed
     * @see #write(byte[])
     */
    ByteBuffer acquire(int size);

    /**
     * Reserves room for a frame if the ring has it now, without waiting: {@link #acquire(int)}
     * for a writer that would rather drop or coalesce a frame than wait for a slow reader.
     *
     * @param size payload bytes; at least 1
     * @return a writable little-endian view with position 0 and limit {@code size}, or
     *         {@code null} when the ring has no room for the frame now (as {@link Reader#read}
     *         returns {@code null} when no frame came)
     * @throws IllegalStateException if a frame is already acquired and not committed
     * @since 1.2
     */
    ByteBuffer tryAcquire(int size);

    /**
     * Publishes the frame reserved by {@link #acquire(int)} or {@link #tryAcquire(int)} to the
     * reader.
     *
     * @throws IllegalStateException if no frame is acquired
     */
    void commit();

    /**
     * Gives up the frame reserved by {@link #acquire(int)} or {@link #tryAcquire(int)}: nothing
     * of it reaches the reader, its view is emptied, and the next frame takes its place.
     *
     * @throws IllegalStateException if no frame is acquired
     * @since 1.2
     */
    void abort();

    /**
     * Waits until the reader has released every frame written so far, or is gone.
     *
     * @param timeout the longest wait
     * @return {@code true} if every frame was consumed (or the reader is gone), {@code false}
     *         on timeout
     */
    boolean drain(Duration timeout);

    /**
     * @return whether the reader is there: its pid is set (it has not closed the buffer) and its
     *         process is alive; checked afresh on every call
     */
    boolean isReaderConnected();

    /** @return frames this writer has committed */
    long framesWritten();

    /**
     * How many of this writer's frames the reader has taken, from the shared counters
     * ({@code payload_read_count} against {@code payload_written_count}). Equal to
     * {@link #framesWritten()} once the reader has consumed everything; after the reader left,
     * the difference is what was lost with it.
     *
     * <p>This default derives it from {@link #status()} and may count an unread wrap marker as
     * an unread frame; implementations give the exact figure.
     *
     * @return frames of this writer the reader has read, between 0 and {@link #framesWritten()}
     * @since 1.2
     */
    default long framesConsumed() {
        BufferStatus status = status();
        long unread = Math.max(0, status.writtenCount() - status.readCount());
        return Math.max(0, framesWritten() - unread);
    }

    /** @return a snapshot of the buffer's shared counters and the liveness of both sides */
    BufferStatus status();

    /**
     * Detaches: the writer pid is cleared and the reader woken, so that it sees the end of the
     * stream once it has read every committed frame. Does not wait for the reader; call
     * {@link #drain(Duration)} first for that. Never removes the buffer (the reader owns it).
     * Idempotent.
     */
    @Override
    void close();
}
