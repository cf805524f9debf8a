package io.zerobuffer.linux;

import io.zerobuffer.api.AccessMode;
import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferCorruptedException;
import io.zerobuffer.api.BufferNotFoundException;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.IncompatibleBufferException;
import io.zerobuffer.api.MetadataAlreadyWrittenException;
import io.zerobuffer.api.MetadataTooLargeException;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.api.WaitStrategy;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterAlreadyConnectedException;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.linux.jmx.WriterMetrics;
import io.zerobuffer.linux.layout.BufferWindow;
import io.zerobuffer.linux.layout.MetadataBlock;
import io.zerobuffer.linux.layout.Oieb;
import io.zerobuffer.linux.layout.OiebDescriptor;
import io.zerobuffer.linux.layout.Snapshots;
import io.zerobuffer.linux.posix.NamedSemaphore;
import io.zerobuffer.linux.posix.PeerLiveness;
import io.zerobuffer.linux.posix.Processes;
import io.zerobuffer.linux.posix.SharedMemory;
import io.zerobuffer.linux.ring.RingWriter;
import io.zerobuffer.linux.ring.SharedFields;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A writer on Linux: attaches to a buffer a reader created (docs/PROTOCOL.md §3, attach and detach)
 * and delegates frames to a {@link RingWriter}.
 *
 * <p>Writing is for one thread at a time. {@link #close()} and the status methods may be called
 * from any thread: a shared/exclusive guard keeps the resources in place while any call is
 * inside it, closing wakes a writer blocked waiting for space, and the slots handed out stay
 * mapped (writes go nowhere) until they are unreachable (see {@link SharedMemory}).
 *
 * <p>When another process truncates or replaces the segment or a semaphore file under the
 * mapping ({@link SegmentIntegrity}), the call that notices throws
 * {@link BufferCorruptedException} naming what was found against what was expected, and the
 * writer closes itself: later calls throw {@link IllegalStateException}.
 */
final class LinuxWriter implements Writer {
    private static final long ATTACH_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ObjectNames names;
    private final SharedMemory memory;
    private final NamedSemaphore dataReady;
    private final NamedSemaphore spaceFreed;
    private final Oieb oieb;
    private final BufferConfig config;
    private final MetadataBlock metadata;
    private final BufferWindow metadataWindow;
    private final RingWriter ring;
    private final MappingGuard guard;
    private final SegmentIntegrity integrity;
    private final GuardedCalls calls;
    private final Consumer<Object> onClose;
    private final WriterMetrics metrics;
    private int acquiredBytes;
    private int acquiredMetadata = -1;
    private final FaultProbe probe = new FaultProbe();
    /** The reader's liveness for the frame thread: its /proc/PID/stat held open, closed with the writer. */
    private final PeerLiveness readerLiveness = new PeerLiveness();

    private LinuxWriter(ObjectNames names, SharedMemory memory, Geometry geometry, NamedSemaphore dataReady,
            NamedSemaphore spaceFreed, WriterOptions options, Consumer<Object> onClose) {
        this.names = names;
        this.memory = memory;
        this.dataReady = dataReady;
        this.spaceFreed = spaceFreed;
        this.oieb = new Oieb(memory.segment());
        this.config = BufferConfig.of(geometry.metadataSize, geometry.payloadSize).withAccess(accessOf(memory));
        this.metadata = new MetadataBlock(oieb, geometry.metadataSize);
        this.metadataWindow = new BufferWindow(memory.segment(), false);
        int ringOffset = (int) OiebDescriptor.payloadBlockOffset(geometry.metadataSize);
        long spinNanos = options.waitStrategy() == WaitStrategy.SPIN_THEN_BLOCK ? options.spinLimit().toNanos() : 0;
        this.guard = new MappingGuard("buffer '" + names.buffer() + "': writer is closed");
        this.ring = new RingWriter(names.buffer(), oieb, ringOffset, geometry.payloadSize, dataReady, spaceFreed,
                readerLiveness, options.writeTimeout().toNanos(), spinNanos, options.peerFriendlyWrap());
        this.integrity = new SegmentIntegrity(names.buffer(), memory, dataReady, spaceFreed);
        this.calls = new GuardedCalls(guard, integrity, this::close);
        this.ring.onWaitSlice(integrity::checkAtWaitSlice);
        this.onClose = onClose;
        this.metrics = new WriterMetrics(names.buffer(), ring::framesWritten);
        metrics.register();
    }

    private static AccessMode accessOf(SharedMemory memory) {
        AccessMode mode = AccessMode.ofPermissions(memory.permissions());
        return mode == null ? AccessMode.SHARED : mode;
    }

    /**
     * Attaches, retrying within the attach timeout while the buffer is absent or its reader is
     * still creating it (OIEB all zero, semaphores missing).
     */
    static LinuxWriter attach(String name, WriterOptions options, Consumer<Object> onClose) {
        ObjectNames names = ObjectNames.of(name);
        long deadline = System.nanoTime() + options.attachTimeout().toNanos();
        while (true) {
            String notReady = null;
            SharedMemory memory = SharedMemory.open(names.sharedMemory(), true, OiebDescriptor.OIEB_SIZE);
            if (memory == null) {
                notReady = SharedMemory.exists(names.sharedMemory())
                        ? "/dev/shm/" + name + " exists but its reader has not sized it yet"
                        : "no shared memory /dev/shm/" + name;
            } else {
                LinuxWriter writer = null;
                try {
                    notReady = checkReady(names, memory);
                    if (notReady == null) {
                        Geometry geometry = checkLayout(names.buffer(), memory);
                        checkReaderAlive(names.buffer(), new Oieb(memory.segment()));
                        writer = open(names, memory, geometry, options, onClose);
                        if (writer == null) {
                            notReady = "the semaphores sem-w-" + name + " / sem-r-" + name + " do not exist yet";
                        }
                    }
                } catch (InternalError fault) {
                    BufferCorruptedException named = new SegmentIntegrity(name, memory).fault(fault);
                    if (named == null) {
                        throw fault;
                    }
                    throw named;
                } finally {
                    if (writer == null) {
                        memory.closeNow();
                    }
                }
                if (writer != null) {
                    return writer;
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new BufferNotFoundException(name, notReady + " (waited " + options.attachTimeout().toMillis() + " ms)");
            }
            LockSupport.parkNanos(ATTACH_RETRY_NANOS);
        }
    }

    /** @return why the buffer is not ready yet, or {@code null} when it is; throws when it never will be */
    private static String checkReady(ObjectNames names, SharedMemory memory) {
        Oieb oieb = new Oieb(memory.segment());
        int oiebSize = oieb.oiebSize();
        if (oiebSize == 0) {
            return "/dev/shm/" + names.buffer() + " is still being initialised (oieb_size is 0)";
        }
        if (oiebSize != OiebDescriptor.OIEB_SIZE) {
            throw new IncompatibleBufferException(names.buffer(), "oieb_size is " + oiebSize + ", expected "
                    + OiebDescriptor.OIEB_SIZE);
        }
        if (oieb.versionMajor() != OiebDescriptor.VERSION_MAJOR) {
            throw new IncompatibleBufferException(names.buffer(), "protocol version " + oieb.versionMajor() + "."
                    + oieb.versionMinor() + "." + oieb.versionPatch() + ", this library speaks major version "
                    + OiebDescriptor.VERSION_MAJOR);
        }
        return null;
    }

    /**
     * Reads the sizes once and validates them, and the positions and free bytes, before
     * anything is written: a buffer larger than this library maps is incompatible; anything
     * else out of range is corrupt ({@link OiebDescriptor#checkSizes}, {@link SharedFields}).
     *
     * @return the sizes this writer uses from now on (the shared fields are only compared
     *         with them)
     */
    private static Geometry checkLayout(String buffer, SharedMemory memory) {
        Oieb oieb = new Oieb(memory.segment());
        long metadataSize = oieb.metadataSize();
        long payloadSize = oieb.payloadSize();
        if (metadataSize > BufferConfig.MAX_TOTAL_SIZE || payloadSize > BufferConfig.MAX_TOTAL_SIZE
                || (metadataSize >= 0 && payloadSize >= 0
                        && OiebDescriptor.OIEB_SIZE + metadataSize + payloadSize > BufferConfig.MAX_TOTAL_SIZE)) {
            throw new IncompatibleBufferException(buffer, "metadata_size " + metadataSize + " + payload_size "
                    + payloadSize + " + 128 is more than this library maps (" + BufferConfig.MAX_TOTAL_SIZE + " bytes)");
        }
        String problem = OiebDescriptor.checkSizes(metadataSize, payloadSize, memory.size());
        if (problem != null) {
            throw new BufferCorruptedException(buffer, problem);
        }
        SharedFields.checkPositions(buffer, oieb, payloadSize);
        MetadataBlock metadata = new MetadataBlock(oieb, metadataSize);
        if (metadata.isWritten()) {
            SharedFields.checkLengthPrefix(buffer, metadata);
        }
        return new Geometry(metadataSize, payloadSize);
    }

    private static void checkReaderAlive(String buffer, Oieb oieb) {
        long readerPid = oieb.readerPid();
        if (!Processes.isAlive(readerPid)) {
            throw new ReaderDeadException(buffer, readerPid == 0 ? "reader_pid is 0: no reader"
                    : "reader process " + readerPid + " is gone");
        }
    }

    /** The block sizes as validated at attach. */
    private static final class Geometry {
        final long metadataSize;
        final long payloadSize;

        Geometry(long metadataSize, long payloadSize) {
            this.metadataSize = metadataSize;
            this.payloadSize = payloadSize;
        }
    }

    private static LinuxWriter open(ObjectNames names, SharedMemory memory, Geometry geometry, WriterOptions options,
            Consumer<Object> onClose) {
        NamedSemaphore dataReady = NamedSemaphore.open(names.buffer(), names.dataReady());
        NamedSemaphore spaceFreed = dataReady == null ? null : NamedSemaphore.open(names.buffer(), names.spaceFreed());
        if (spaceFreed == null) {
            if (dataReady != null) {
                dataReady.close();
            }
            return null;
        }
        Oieb oieb = new Oieb(memory.segment());
        long self = Processes.currentPid();
        long found = -1;
        try {
            // a segment cut below its mapped size would fault the compare-and-set (cold, the JVM dies)
            new SegmentIntegrity(names.buffer(), memory, dataReady, spaceFreed).check();
            found = claimWriterSlot(names.buffer(), oieb, self);
            return new LinuxWriter(names, memory, geometry, dataReady, spaceFreed, options, onClose);
        } catch (RuntimeException | Error e) {
            if (found >= 0 && new SegmentIntegrity(names.buffer(), memory).damage() == null) {
                // a failed attach leaves writer_pid as it found it (never on a damaged segment:
                // the compare-and-set would fault there)
                oieb.compareAndSetWriterPid(self, found);
            }
            dataReady.close();
            spaceFreed.close();
            throw e;
        }
    }

    /** @return the writer_pid found and replaced (0, or a dead writer's) */
    private static long claimWriterSlot(String buffer, Oieb oieb, long self) {
        while (true) {
            long current = oieb.writerPid();
            if (current != 0 && Processes.isAlive(current)) {
                throw new WriterAlreadyConnectedException(buffer, "writer process " + current
                        + (current == self ? " (this process)" : "") + " is attached");
            }
            if (oieb.compareAndSetWriterPid(current, self)) {
                return current;
            }
        }
    }

    @Override
    public String name() {
        return names.buffer();
    }

    @Override
    public BufferConfig config() {
        return config;
    }

    @Override
    public void writeMetadata(ByteBuffer source) {
        int length = source.remaining();
        acquireMetadata(length).put(0, source, source.position(), length);
        commitMetadata();
    }

    @Override
    public void writeMetadata(byte[] source) {
        acquireMetadata(source.length).put(0, source);
        commitMetadata();
    }

    @Override
    public ByteBuffer acquireMetadata(int size) {
        return calls.call(() -> {
            if (size < 0) {
                throw new IllegalArgumentException("buffer '" + names.buffer() + "': metadata size " + size + " is negative");
            }
            checkMetadataSize();
            if (metadata.isWritten()) {
                throw new MetadataAlreadyWrittenException(names.buffer(), "metadata_written_bytes is "
                        + oieb.metadataWrittenBytes() + ": metadata was written already");
            }
            if (!metadata.holdsPrefix()) {
                throw new MetadataTooLargeException(names.buffer(), "the metadata block has " + metadata.blockSize()
                        + " bytes, no room for the 8-byte length prefix: this buffer takes no metadata");
            }
            if (size > metadata.capacity()) {
                throw new MetadataTooLargeException(names.buffer(), "metadata of " + size + " bytes exceeds the "
                        + metadata.capacity() + " bytes the " + metadata.blockSize()
                        + "-byte block holds after its 8-byte length prefix");
            }
            ByteBuffer slot = metadataWindow.moveTo(MetadataBlock.dataOffset(), size);
            acquiredMetadata = size;
            return slot;
        });
    }

    /** Compares {@code metadata_size} with the size validated at attach. */
    private void checkMetadataSize() {
        long blockSize = oieb.metadataSize();
        if (blockSize != metadata.blockSize()) {
            throw new BufferCorruptedException(names.buffer(), "metadata_size is " + blockSize + ", was "
                    + metadata.blockSize() + " when this writer attached");
        }
    }

    @Override
    public void commitMetadata() {
        calls.run(() -> {
            if (acquiredMetadata < 0) {
                throw new IllegalStateException("buffer '" + names.buffer() + "': commitMetadata without acquireMetadata");
            }
            metadataWindow.clear();
            metadata.publish(acquiredMetadata);
            acquiredMetadata = -1;
        });
    }

    @Override
    public void write(byte[] data) {
        write(data, 0, data.length);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        long stamp = 0;
        BufferCorruptedException damaged;
        try {
            stamp = guard.enter();
            ring.write(data, offset, length);
            metrics.waited(ring.takeWaitStart());
            metrics.frame(length);
            probe.afterFrame();
            return;
        } catch (InternalError | BufferCorruptedException e) {
            SegmentIntegrity.reportLateFault();
            metrics.waited(ring.takeWaitStart());
            damaged = damaged(e);
            metrics.error(damaged);
        } catch (RuntimeException e) {
            metrics.waited(ring.takeWaitStart());
            metrics.error(e);
            throw e;
        } finally {
            if (stamp != 0) {
                guard.exit(stamp);
            }
        }
        throw closeBecause(damaged);
    }

    @Override
    public void write(ByteBuffer data) {
        long stamp = 0;
        BufferCorruptedException damaged;
        try {
            stamp = guard.enter();
            int length = data.remaining();
            ring.write(data);
            metrics.waited(ring.takeWaitStart());
            metrics.frame(length);
            probe.afterFrame();
            return;
        } catch (InternalError | BufferCorruptedException e) {
            SegmentIntegrity.reportLateFault();
            metrics.waited(ring.takeWaitStart());
            damaged = damaged(e);
            metrics.error(damaged);
        } catch (RuntimeException e) {
            metrics.waited(ring.takeWaitStart());
            metrics.error(e);
            throw e;
        } finally {
            if (stamp != 0) {
                guard.exit(stamp);
            }
        }
        throw closeBecause(damaged);
    }

    @Override
    public ByteBuffer acquire(int size) {
        long stamp = 0;
        BufferCorruptedException damaged;
        try {
            stamp = guard.enter();
            ByteBuffer slot = ring.acquire(size);
            metrics.waited(ring.takeWaitStart());
            acquiredBytes = size;
            return slot;
        } catch (InternalError | BufferCorruptedException e) {
            SegmentIntegrity.reportLateFault();
            metrics.waited(ring.takeWaitStart());
            damaged = damaged(e);
            metrics.error(damaged);
        } catch (RuntimeException e) {
            metrics.waited(ring.takeWaitStart());
            metrics.error(e);
            throw e;
        } finally {
            if (stamp != 0) {
                guard.exit(stamp);
            }
        }
        throw closeBecause(damaged);
    }

    @Override
    public void write(ByteBuffer[] frames, int offset, int count) {
        long stamp = 0;
        BufferCorruptedException damaged;
        long before = ring.framesWritten();
        try {
            stamp = guard.enter();
            ring.writeBatch(frames, offset, count);
            metrics.waited(ring.takeWaitStart());
            countBytes(frames, offset, (int) (ring.framesWritten() - before));
            probe.afterFrames(count);
            return;
        } catch (InternalError | BufferCorruptedException e) {
            SegmentIntegrity.reportLateFault();
            metrics.waited(ring.takeWaitStart());
            damaged = damaged(e);
            metrics.error(damaged);
        } catch (RuntimeException e) {
            metrics.waited(ring.takeWaitStart());
            countBytes(frames, offset, (int) (ring.framesWritten() - before));
            metrics.error(e);
            throw e;
        } finally {
            if (stamp != 0) {
                guard.exit(stamp);
            }
        }
        throw closeBecause(damaged);
    }

    private void countBytes(ByteBuffer[] frames, int offset, int written) {
        for (int i = 0; i < written; i++) {
            metrics.frame(frames[offset + i].remaining());
        }
    }

    @Override
    public ByteBuffer tryAcquire(int size) {
        long stamp = 0;
        BufferCorruptedException damaged;
        try {
            stamp = guard.enter();
            ByteBuffer slot = ring.tryAcquire(size);
            if (slot != null) {
                acquiredBytes = size;
            }
            return slot;
        } catch (InternalError | BufferCorruptedException e) {
            SegmentIntegrity.reportLateFault();
            damaged = damaged(e);
            metrics.error(damaged);
        } catch (RuntimeException e) {
            metrics.error(e);
            throw e;
        } finally {
            if (stamp != 0) {
                guard.exit(stamp);
            }
        }
        throw closeBecause(damaged);
    }

    @Override
    public void abort() {
        long stamp = guard.enter();
        try {
            ring.abort();
        } finally {
            guard.exit(stamp);
        }
    }

    @Override
    public void commit() {
        long stamp = 0;
        BufferCorruptedException damaged;
        try {
            stamp = guard.enter();
            ring.commit();
            metrics.frame(acquiredBytes);
            probe.afterFrame();
            return;
        } catch (InternalError | BufferCorruptedException e) {
            SegmentIntegrity.reportLateFault();
            damaged = damaged(e);
            metrics.error(damaged);
        } catch (RuntimeException e) {
            metrics.error(e);
            throw e;
        } finally {
            if (stamp != 0) {
                guard.exit(stamp);
            }
        }
        throw closeBecause(damaged);
    }

    @Override
    public boolean drain(Duration timeout) {
        return calls.call(() -> ring.drain(timeout.toNanos()));
    }

    @Override
    public boolean isReaderConnected() {
        return calls.call(() -> Processes.isAlive(oieb.readerPid()));
    }

    @Override
    public long framesWritten() {
        return ring.framesWritten();
    }

    @Override
    public long framesConsumed() {
        long stamp = guard.enter();
        try {
            return ring.framesConsumed();
        } finally {
            guard.exit(stamp);
        }
    }

    @Override
    public BufferStatus status() {
        return calls.call(() -> Snapshots.of(names.buffer(), oieb));
    }

    private BufferCorruptedException damaged(Throwable failure) {
        return integrity.named(failure);
    }

    private BufferCorruptedException closeBecause(BufferCorruptedException damaged) {
        return integrity.closeIfDamaged(damaged, this::close);
    }

    /**
     * Detaches: clears writer_pid, posts {@code sem-w} once so a waiting reader learns at once,
     * closes the handles and overlays the mapping. Removes nothing: the reader owns the buffer.
     */
    @Override
    public void close() {
        SegmentIntegrity.reportLateFault();
        if (!guard.close(this::wakeWaiters, this::release)) {
            return;
        }
        metrics.unregister();
        onClose.accept(this);
    }

    /** Wakes a write waiting for space, unless the semaphore files are damaged (then it leaves at its next wait slice). */
    private void wakeWaiters() {
        if (integrity.damage() == null) {
            SegmentIntegrity.touch(ring::interruptWaits);
        }
    }

    /**
     * Detaches and overlays the mapping; wakes the reader so that it sees the end of the stream.
     * Over a damaged segment or semaphore it touches neither (the compare-and-set and glibc's
     * post would fault): the reader notices the damage itself.
     */
    private void release() {
        ring.close();
        readerLiveness.close();
        metadataWindow.clear();
        if (integrity.damage() == null) {
            long self = Processes.currentPid();
            // a plain read first: it faults as an error, where a compare-and-set may kill the JVM
            boolean intact = SegmentIntegrity.touch(oieb::writerPid);
            if (intact && oieb.writerPid() == self) {
                intact = SegmentIntegrity.touch(() -> oieb.compareAndSetWriterPid(self, 0));
            }
            if (intact) {
                SegmentIntegrity.touch(dataReady::post);
            }
        }
        dataReady.close();
        spaceFreed.close();
        memory.close();
    }

    @Override
    public String toString() {
        return "Writer[" + names.buffer() + (guard.isClosed() ? ", closed]" : "]");
    }
}
