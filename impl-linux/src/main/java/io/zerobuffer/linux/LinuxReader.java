package io.zerobuffer.linux;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferCorruptedException;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderAlreadyConnectedException;
import io.zerobuffer.api.ReaderOptions;
import io.zerobuffer.api.WaitStrategy;
import io.zerobuffer.api.ZeroBufferException;
import io.zerobuffer.linux.jmx.ReaderMetrics;
import io.zerobuffer.linux.layout.BufferWindow;
import io.zerobuffer.linux.layout.MetadataBlock;
import io.zerobuffer.linux.layout.Oieb;
import io.zerobuffer.linux.layout.OiebDescriptor;
import io.zerobuffer.linux.layout.Snapshots;
import io.zerobuffer.linux.posix.LockDirectory;
import io.zerobuffer.linux.posix.LockFile;
import io.zerobuffer.linux.posix.NamedSemaphore;
import io.zerobuffer.linux.posix.PeerLiveness;
import io.zerobuffer.linux.posix.Processes;
import io.zerobuffer.linux.posix.SharedMemory;
import io.zerobuffer.linux.ring.RingReader;
import io.zerobuffer.linux.ring.SharedFields;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A reader on Linux: owns the buffer's shared memory, semaphores and lock file (docs/PROTOCOL.md §4,
 * create and close) and delegates frames to a {@link RingReader}.
 *
 * <p>Reading is for one thread at a time. {@link #close()} and the status methods may be called
 * from any thread: a shared/exclusive guard keeps the resources in place while any call is
 * inside it, closing wakes a reader blocked in {@link #read(Duration)}, and the views handed out
 * stay mapped (reading stale bytes or zeros) until they are unreachable (see
 * {@link SharedMemory}).
 *
 * <p>When another process truncates or replaces the segment or a semaphore file under the
 * mapping ({@link SegmentIntegrity}), the call that notices throws
 * {@link BufferCorruptedException} naming what was found against what was expected, and the
 * reader closes itself: later calls throw {@link IllegalStateException}.
 */
final class LinuxReader implements Reader {
    /** How long a lock file held by another process is retried: a sweeper holds it only for an instant. */
    private static final long LOCK_CONTENTION_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ObjectNames names;
    private final BufferConfig config;
    private final LockFile lock;
    private final SharedMemory memory;
    private final NamedSemaphore dataReady;
    private final NamedSemaphore spaceFreed;
    private final Oieb oieb;
    private final MetadataBlock metadata;
    private final BufferWindow metadataWindow;
    private final RingReader ring;
    private final MappingGuard guard;
    private final SegmentIntegrity integrity;
    private final GuardedCalls calls;
    private final Consumer<Object> onClose;
    private final ReaderMetrics metrics;
    private final FaultProbe probe = new FaultProbe();
    /** The writer's liveness for the wait slices of the read thread, closed with the reader. */
    private final PeerLiveness writerLiveness = new PeerLiveness();

    private LinuxReader(ObjectNames names, BufferConfig config, LockFile lock, SharedMemory memory,
            NamedSemaphore dataReady, NamedSemaphore spaceFreed, ReaderOptions options, Consumer<Object> onClose) {
        this.names = names;
        this.config = config;
        this.lock = lock;
        this.memory = memory;
        this.dataReady = dataReady;
        this.spaceFreed = spaceFreed;
        this.oieb = new Oieb(memory.segment());
        this.metadata = new MetadataBlock(oieb, config.alignedMetadataSize());
        this.metadataWindow = new BufferWindow(memory.segment(), true);
        int ringOffset = (int) OiebDescriptor.payloadBlockOffset(oieb.metadataSize());
        long spinNanos = options.waitStrategy() == WaitStrategy.SPIN_THEN_BLOCK ? options.spinLimit().toNanos() : 0;
        this.guard = new MappingGuard("buffer '" + names.buffer() + "': reader is closed");
        this.ring = new RingReader(names.buffer(), oieb, ringOffset, dataReady, spaceFreed, writerLiveness, guard.lock(),
                spinNanos);
        this.integrity = new SegmentIntegrity(names.buffer(), memory, dataReady, spaceFreed);
        this.calls = new GuardedCalls(guard, integrity, this::close);
        this.ring.onWaitSlice(integrity::checkAtWaitSlice);
        this.onClose = onClose;
        this.metrics = new ReaderMetrics(names.buffer());
        metrics.register();
    }

    /**
     * Creates a buffer: lock directory, stale sweep, lock file, shared memory (zero-filled by
     * the kernel), OIEB, and the semaphores last, so that a writer which finds both semaphores
     * finds a complete buffer.
     */
    static LinuxReader create(String name, BufferConfig config, ReaderOptions options, Consumer<Object> onClose) {
        ObjectNames names = ObjectNames.of(name);
        LockDirectory.ensure(ObjectNames.LOCK_DIRECTORY, name);
        StaleSweep.sweepAll();
        LockFile lock = LockFile.acquire(name, names.lockFile(), config.access().permissions(), LOCK_CONTENTION_NANOS);
        if (lock == null) {
            throw new ReaderAlreadyConnectedException(name, "lock file " + names.lockFile() + " is held by another process");
        }
        SharedMemory memory = null;
        NamedSemaphore dataReady = null;
        NamedSemaphore spaceFreed = null;
        try {
            memory = createSharedMemory(names, config);
            new Oieb(memory.segment()).initialise(config.alignedMetadataSize(), config.alignedPayloadSize(),
                    Processes.currentPid());
            int mode = config.access().permissions();
            dataReady = createSemaphore(names.buffer(), names.dataReady(), mode);
            spaceFreed = createSemaphore(names.buffer(), names.spaceFreed(), mode);
            return new LinuxReader(names, config, lock, memory, dataReady, spaceFreed, options, onClose);
        } catch (RuntimeException | Error e) {
            closeQuietly(spaceFreed, dataReady, memory);
            if (spaceFreed != null) {
                NamedSemaphore.unlink(names.spaceFreed());
            }
            if (dataReady != null) {
                NamedSemaphore.unlink(names.dataReady());
            }
            if (memory != null) {
                SharedMemory.unlink(names.sharedMemory());
            }
            lock.deleteAndRelease();
            throw e;
        }
    }

    private static SharedMemory createSharedMemory(ObjectNames names, BufferConfig config) {
        SharedMemory memory = SharedMemory.create(names.sharedMemory(), config.totalSize(), config.access().permissions());
        if (memory != null) {
            return memory;
        }
        long ownerPid = readerPidOf(names.sharedMemory());
        if (Processes.isAlive(ownerPid)) {
            throw new ReaderAlreadyConnectedException(names.buffer(), "reader process " + ownerPid + " owns it");
        }
        StaleSweep.removeObjects(names);
        memory = SharedMemory.create(names.sharedMemory(), config.totalSize(), config.access().permissions());
        if (memory == null) {
            throw new ReaderAlreadyConnectedException(names.buffer(), "/dev/shm/" + names.sharedMemory()
                    + " was created again by another process while a stale copy was being removed");
        }
        return memory;
    }

    private static long readerPidOf(String sharedMemory) {
        SharedMemory existing = SharedMemory.open(sharedMemory, false, OiebDescriptor.OIEB_SIZE);
        if (existing == null) {
            return 0;
        }
        try {
            return new Oieb(existing.segment()).readerPid();
        } finally {
            existing.closeNow();
        }
    }

    private static NamedSemaphore createSemaphore(String buffer, String name, int mode) {
        NamedSemaphore semaphore = NamedSemaphore.create(buffer, name, mode);
        if (semaphore == null) {
            NamedSemaphore.unlink(name);
            semaphore = NamedSemaphore.create(buffer, name, mode);
        }
        if (semaphore == null) {
            throw new ReaderAlreadyConnectedException(buffer, "semaphore /" + name + " was created again by another process");
        }
        return semaphore;
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
    public Frame read(Duration timeout) {
        long stamp = 0;
        BufferCorruptedException damaged;
        try {
            stamp = guard.enter();
            Frame frame = ring.read(timeout.toNanos());
            metrics.waited(ring.takeWaitStart());
            if (frame != null) {
                metrics.frame(frame.size(), frame.sequence());
            }
            probe.afterFrame();
            return frame;
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
    public boolean hasMetadata() {
        return calls.call(() -> metadata.isWritten());
    }

    @Override
    public ByteBuffer metadata() {
        return calls.call(() -> metadataWindow.moveTo(MetadataBlock.dataOffset(), checkedMetadataLength()));
    }

    /**
     * @return the published metadata length, 0 if none
     * @throws io.zerobuffer.api.BufferCorruptedException if metadata_size changed or the length
     *         prefix does not fit the block
     */
    private int checkedMetadataLength() {
        if (!metadata.isWritten()) {
            return 0;
        }
        long blockSize = oieb.metadataSize();
        if (blockSize != metadata.blockSize()) {
            throw new BufferCorruptedException(names.buffer(), "metadata_size is " + blockSize + ", this reader created a "
                    + metadata.blockSize() + "-byte block");
        }
        return SharedFields.checkLengthPrefix(names.buffer(), metadata);
    }

    @Override
    public boolean isWriterConnected() {
        return calls.call(() -> Processes.isAlive(oieb.writerPid()));
    }

    @Override
    public long framesRead() {
        return ring.framesRead();
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
     * Releases the open frame, marks the buffer as having no reader, and removes the shared
     * memory, both semaphores and the lock file.
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

    /** Wakes a blocked read, unless the semaphore files are damaged (then it leaves at its next wait slice). */
    private void wakeWaiters() {
        if (integrity.damage() == null) {
            SegmentIntegrity.touch(ring::interruptWaits);
        }
    }

    /**
     * Marks the buffer as having no reader (unless its segment is damaged), overlays the
     * mapping, removes the shared memory, both semaphores and the lock file: the buffer is gone.
     */
    private void release() {
        ring.abandonOpenFrame();
        writerLiveness.close();
        metadataWindow.clear();
        if (integrity.damage() == null) {
            SegmentIntegrity.touch(() -> oieb.readerPid(0));
        }
        dataReady.close();
        spaceFreed.close();
        memory.close();
        SharedMemory.unlink(names.sharedMemory());
        NamedSemaphore.unlink(names.dataReady());
        NamedSemaphore.unlink(names.spaceFreed());
        lock.deleteAndRelease();
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // already failing: the first error is the one to report
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Reader[" + names.buffer() + (guard.isClosed() ? ", closed]" : "]");
    }
}
