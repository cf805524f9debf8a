package io.zerobuffer.linux.layout;

import static io.zerobuffer.linux.layout.OiebDescriptor.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import io.zerobuffer.linux.posix.UnsafeAccess;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A flyweight over the {@linkplain OiebDescriptor OIEB} at offset 0 of a mapped segment.
 *
 * <p>Reads use acquire semantics and single-writer stores use release semantics, so a field
 * written by the peer process is never hoisted out of a polling loop and a store is never
 * reordered before the data it publishes. {@code payload_free_bytes}, the one field both sides
 * change, is updated with an atomic read-modify-write. Thread-safe as far as the memory goes;
 * the protocol gives each single-writer field to one side.
 *
 * <p>Where {@code sun.misc.Unsafe} is available on a little-endian machine the fields are read
 * and written at the segment's native address (as Agrona's {@code UnsafeBuffer} does): the
 * offsets are the descriptor's constants, all inside the 128 bytes the constructor checks, so
 * a {@link ByteBuffer}'s per-access index, byte-order and read-only checks would only cost. A
 * read-only segment is always written through the buffer, which refuses. Elsewhere every access
 * goes through the buffer. The segment stays referenced here, so its mapping outlives every
 * access (see {@code SharedMemory}).
 */
public final class Oieb {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Unsafe, when fields may be accessed at their native address (little-endian only). */
    private static final sun.misc.Unsafe UNSAFE = UnsafeAccess.UNSAFE_LITTLE_ENDIAN;

    private final ByteBuffer segment;
    /** The segment's native address; 0 when {@link #UNSAFE} is unavailable. */
    private final long address;
    /** Whether stores may go to {@link #address} directly (never for a read-only segment). */
    private final boolean rawStores;

    /**
     * @param segment the mapped segment (a direct buffer starting at the OIEB, at least 128
     *                bytes); readable-only buffers support only the getters
     */
    public Oieb(ByteBuffer segment) {
        if (!segment.isDirect() || segment.capacity() < OIEB_SIZE) {
            throw new IllegalArgumentException("OIEB needs a direct buffer of at least " + OIEB_SIZE
                    + " bytes, got " + segment);
        }
        this.segment = segment;
        this.address = UNSAFE == null ? 0 : UnsafeAccess.addressOf(segment);
        this.rawStores = UNSAFE != null && !segment.isReadOnly();
    }

    /** @return the mapped segment this flyweight reads */
    public ByteBuffer segment() {
        return segment;
    }

    /**
     * Writes a fresh OIEB for a buffer a reader just created. The size field is written last
     * with release semantics: a writer that sees 128 there sees every other field.
     *
     * @param metadataSize aligned metadata block size
     * @param payloadSize  aligned ring size
     * @param readerPid    the creating reader's pid
     */
    public void initialise(long metadataSize, long payloadSize, long readerPid) {
        segment.put(VERSION_MAJOR_OFFSET, (byte) VERSION_MAJOR);
        segment.put(VERSION_MINOR_OFFSET, (byte) VERSION_MINOR);
        segment.put(VERSION_PATCH_OFFSET, (byte) VERSION_PATCH);
        segment.put(VERSION_RESERVED_OFFSET, (byte) 0);
        LONGS.set(segment, METADATA_SIZE_OFFSET, metadataSize);
        LONGS.set(segment, METADATA_FREE_BYTES_OFFSET, metadataSize);
        LONGS.set(segment, METADATA_WRITTEN_BYTES_OFFSET, 0L);
        LONGS.set(segment, PAYLOAD_SIZE_OFFSET, payloadSize);
        LONGS.set(segment, PAYLOAD_FREE_BYTES_OFFSET, payloadSize);
        LONGS.set(segment, PAYLOAD_WRITE_POS_OFFSET, 0L);
        LONGS.set(segment, PAYLOAD_READ_POS_OFFSET, 0L);
        LONGS.set(segment, PAYLOAD_WRITTEN_COUNT_OFFSET, 0L);
        LONGS.set(segment, PAYLOAD_READ_COUNT_OFFSET, 0L);
        LONGS.set(segment, WRITER_PID_OFFSET, 0L);
        LONGS.set(segment, READER_PID_OFFSET, readerPid);
        for (int offset = RESERVED_OFFSET; offset < OIEB_SIZE; offset += Long.BYTES) {
            LONGS.set(segment, offset, 0L);
        }
        INTS.setRelease(segment, OIEB_SIZE_OFFSET, OIEB_SIZE);
    }

    /** @return the oieb_size field (128 in a v1 buffer, 0 while its reader is creating it) */
    public int oiebSize() {
        return (int) INTS.getAcquire(segment, OIEB_SIZE_OFFSET);
    }

    /** @return the major version byte */
    public int versionMajor() {
        return Byte.toUnsignedInt(segment.get(VERSION_MAJOR_OFFSET));
    }

    /** @return the minor version byte */
    public int versionMinor() {
        return Byte.toUnsignedInt(segment.get(VERSION_MINOR_OFFSET));
    }

    /** @return the patch version byte */
    public int versionPatch() {
        return Byte.toUnsignedInt(segment.get(VERSION_PATCH_OFFSET));
    }

    /** @return the metadata block size */
    public long metadataSize() {
        return get(METADATA_SIZE_OFFSET);
    }

    /** @return the metadata bytes still free */
    public long metadataFreeBytes() {
        return get(METADATA_FREE_BYTES_OFFSET);
    }

    /** @return the metadata bytes written, prefix included; 0 if none */
    public long metadataWrittenBytes() {
        return get(METADATA_WRITTEN_BYTES_OFFSET);
    }

    /**
     * Publishes metadata written into the block: free bytes first, then written bytes with
     * release semantics.
     *
     * @param blockSize    the metadata block size as validated at attach (the shared field is
     *                     not trusted)
     * @param writtenBytes prefix plus metadata length
     */
    public void publishMetadata(long blockSize, long writtenBytes) {
        setRelease(METADATA_FREE_BYTES_OFFSET, blockSize - writtenBytes);
        setRelease(METADATA_WRITTEN_BYTES_OFFSET, writtenBytes);
    }

    /** @return the ring size */
    public long payloadSize() {
        return get(PAYLOAD_SIZE_OFFSET);
    }

    /** @return the ring bytes free */
    public long payloadFreeBytes() {
        return get(PAYLOAD_FREE_BYTES_OFFSET);
    }

    /**
     * Atomically adds to the free ring bytes (a negative delta takes space).
     *
     * <p>A full-fence {@code getAndAdd} (one {@code lock xadd} on x86, as the release form
     * compiles to there too), not {@code getAndAddRelease}: the JDK implements the release form
     * as a load/compare-and-set retry loop, which never ends when the page was truncated away
     * under the mapping (the JVM lets a faulting access in compiled code continue and reports
     * it only at the thread's next transition), where the single instruction faults once and
     * the fault is reported.
     *
     * @param delta bytes returned (positive) or taken (negative)
     */
    public void addPayloadFreeBytes(long delta) {
        if (rawStores) {
            UNSAFE.getAndAddLong(null, address + PAYLOAD_FREE_BYTES_OFFSET, delta);
        } else {
            LONGS.getAndAdd(segment, PAYLOAD_FREE_BYTES_OFFSET, delta);
        }
    }

    /** @return the writer's ring offset */
    public long writePosition() {
        return get(PAYLOAD_WRITE_POS_OFFSET);
    }

    /** @param position the writer's new ring offset */
    public void writePosition(long position) {
        setRelease(PAYLOAD_WRITE_POS_OFFSET, position);
    }

    /** @return the reader's ring offset */
    public long readPosition() {
        return get(PAYLOAD_READ_POS_OFFSET);
    }

    /** @param position the reader's new ring offset */
    public void readPosition(long position) {
        setRelease(PAYLOAD_READ_POS_OFFSET, position);
    }

    /** @return frames and wrap markers written */
    public long writtenCount() {
        return get(PAYLOAD_WRITTEN_COUNT_OFFSET);
    }

    /** Adds one to the written count (writer only). */
    public void incrementWrittenCount() {
        setRelease(PAYLOAD_WRITTEN_COUNT_OFFSET, writtenCount() + 1);
    }

    /** @param count the writer's new written count (writer only; it may keep the value itself) */
    public void writtenCount(long count) {
        setRelease(PAYLOAD_WRITTEN_COUNT_OFFSET, count);
    }

    /** @return frames and wrap markers read */
    public long readCount() {
        return get(PAYLOAD_READ_COUNT_OFFSET);
    }

    /** Adds one to the read count (reader only). */
    public void incrementReadCount() {
        setRelease(PAYLOAD_READ_COUNT_OFFSET, readCount() + 1);
    }

    /** @param count the reader's new read count (reader only; it may keep the value itself) */
    public void readCount(long count) {
        setRelease(PAYLOAD_READ_COUNT_OFFSET, count);
    }

    /** @return the writer's pid, 0 if none */
    public long writerPid() {
        return get(WRITER_PID_OFFSET);
    }

    /** @param pid the writer pid to publish, 0 to detach */
    public void writerPid(long pid) {
        setRelease(WRITER_PID_OFFSET, pid);
    }

    /**
     * Atomically claims the writer slot.
     *
     * @param expected the pid seen there (0, or a dead writer's)
     * @param pid      the claiming writer's pid
     * @return whether the slot still held {@code expected} and now holds {@code pid}
     */
    public boolean compareAndSetWriterPid(long expected, long pid) {
        return rawStores
                ? UNSAFE.compareAndSwapLong(null, address + WRITER_PID_OFFSET, expected, pid)
                : LONGS.compareAndSet(segment, WRITER_PID_OFFSET, expected, pid);
    }

    /** @return the reader's pid, 0 once it closed */
    public long readerPid() {
        return get(READER_PID_OFFSET);
    }

    /** @param pid the reader pid to publish, 0 on close */
    public void readerPid(long pid) {
        setRelease(READER_PID_OFFSET, pid);
    }

    /**
     * Plain (unordered) reads for the per-frame checks of {@code SharedFields}: a field this
     * party wrote itself, or one that never changes after creation, needs no ordering; a plain
     * load is the cheapest there is and still sees a change another process made, within a
     * frame or two (x86 and ARM keep loads coherent).
     *
     * @return the metadata_size field, plain
     */
    public long metadataSizePlain() {
        return getPlain(METADATA_SIZE_OFFSET);
    }

    /** @return the payload_size field, plain (see {@link #metadataSizePlain()}) */
    public long payloadSizePlain() {
        return getPlain(PAYLOAD_SIZE_OFFSET);
    }

    /** @return the payload_write_pos field, plain (see {@link #metadataSizePlain()}) */
    public long writePositionPlain() {
        return getPlain(PAYLOAD_WRITE_POS_OFFSET);
    }

    /** @return the payload_read_pos field, plain (see {@link #metadataSizePlain()}) */
    public long readPositionPlain() {
        return getPlain(PAYLOAD_READ_POS_OFFSET);
    }

    private long get(int offset) {
        return UNSAFE != null ? UNSAFE.getLongVolatile(null, address + offset) : (long) LONGS.getAcquire(segment, offset);
    }

    private long getPlain(int offset) {
        return UNSAFE != null ? UNSAFE.getLong(address + offset) : segment.getLong(offset);
    }

    private void setRelease(int offset, long value) {
        if (rawStores) {
            UNSAFE.putOrderedLong(null, address + offset, value);
        } else {
            LONGS.setRelease(segment, offset, value);
        }
    }
}
