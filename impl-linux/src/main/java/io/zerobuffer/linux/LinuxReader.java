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
import io.zerobuffer.linux.layout.BufferWindow;
import io.zerobuffer.linux.layout.MetadataBlock;
import io.zerobuffer.linux.layout.Oieb;
import io.zerobuffer.linux.layout.OiebDescriptor;
import io.zerobuffer.linux.posix.LockFile;
import io.zerobuffer.linux.posix.NamedSemaphore;
import io.zerobuffer.linux.posix.Processes;
import io.zerobuffer.linux.posix.SharedMemory;
import io.zerobuffer.linux.ring.RingReader;
import io.zerobuffer.linux.ring.SharedFields;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A reader on Linux: owns the buffer's shared memory, semaphores and lock file (PROTOCOL.md §4,
 * create and close) and delegates frames to a {@link RingReader}.
 *
 * <p>Reading is for one thread at a time. {@link #close()} and the status methods may be called
 * from any thread: a shared/exclusive guard keeps the memory mapped while any call is inside it,
 * and closing wakes a reader blocked in {@link #read(Duration)}.
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
    private final Consumer<Object> onClose;

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
        this.ring = new RingReader(names.buffer(), oieb, ringOffset, dataReady, spaceFreed, Processes::isAlive, guard.lock(),
                spinNanos);
        this.onClose = onClose;
    }

    /**
     * Creates a buffer: lock directory, stale sweep, lock file, shared memory (zero-filled by
     * the kernel), OIEB, and the semaphores last, so that a writer which finds both semaphores
     * finds a complete buffer.
     */
    static LinuxReader create(String name, BufferConfig config, ReaderOptions options, Consumer<Object> onClose) {
        ObjectNames names = ObjectNames.of(name);
        ensureLockDirectory(name);
        StaleSweep.sweepAll();
        LockFile lock = LockFile.acquire(name, names.lockFile(), LOCK_CONTENTION_NANOS);
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
            dataReady = createSemaphore(names.buffer(), names.dataReady());
            spaceFreed = createSemaphore(names.buffer(), names.spaceFreed());
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
        SharedMemory memory = SharedMemory.create(names.sharedMemory(), config.totalSize());
        if (memory != null) {
            return memory;
        }
        long ownerPid = readerPidOf(names.sharedMemory());
        if (Processes.isAlive(ownerPid)) {
            throw new ReaderAlreadyConnectedException(names.buffer(), "reader process " + ownerPid + " owns it");
        }
        StaleSweep.removeObjects(names);
        memory = SharedMemory.create(names.sharedMemory(), config.totalSize());
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
        try (existing) {
            return new Oieb(existing.segment()).readerPid();
        }
    }

    private static NamedSemaphore createSemaphore(String buffer, String name) {
        NamedSemaphore semaphore = NamedSemaphore.create(buffer, name);
        if (semaphore == null) {
            NamedSemaphore.unlink(name);
            semaphore = NamedSemaphore.create(buffer, name);
        }
        if (semaphore == null) {
            throw new ReaderAlreadyConnectedException(buffer, "semaphore /" + name + " was created again by another process");
        }
        return semaphore;
    }

    private static void ensureLockDirectory(String buffer) {
        if (Files.isDirectory(ObjectNames.LOCK_DIRECTORY)) {
            return;
        }
        try {
            Files.createDirectories(ObjectNames.LOCK_DIRECTORY);
            Files.setPosixFilePermissions(ObjectNames.LOCK_DIRECTORY, PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (IOException e) {
            if (!Files.isDirectory(ObjectNames.LOCK_DIRECTORY)) {
                throw new ZeroBufferException(buffer, "cannot create the lock directory " + ObjectNames.LOCK_DIRECTORY
                        + ": " + e, e);
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
    public Frame read(Duration timeout) {
        long stamp = guard.enter();
        try {
            return ring.read(timeout.toNanos());
        } finally {
            guard.exit(stamp);
        }
    }

    @Override
    public boolean hasMetadata() {
        long stamp = guard.enter();
        try {
            return metadata.isWritten();
        } finally {
            guard.exit(stamp);
        }
    }

    @Override
    public ByteBuffer metadata() {
        long stamp = guard.enter();
        try {
            return metadataWindow.moveTo(MetadataBlock.dataOffset(), checkedMetadataLength());
        } finally {
            guard.exit(stamp);
        }
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
        long stamp = guard.enter();
        try {
            return Processes.isAlive(oieb.writerPid());
        } finally {
            guard.exit(stamp);
        }
    }

    @Override
    public long framesRead() {
        return ring.framesRead();
    }

    @Override
    public BufferStatus status() {
        long stamp = guard.enter();
        try {
            return Snapshots.of(names.buffer(), oieb);
        } finally {
            guard.exit(stamp);
        }
    }

    /**
     * Releases the open frame, marks the buffer as having no reader, and removes the shared
     * memory, both semaphores and the lock file.
     */
    @Override
    public void close() {
        if (!guard.close(ring::interruptWaits, this::release)) {
            return;
        }
        onClose.accept(this);
    }

    /** Unmaps, removes the shared memory, both semaphores and the lock file: the buffer is gone. */
    private void release() {
        ring.abandonOpenFrame();
        metadataWindow.clear();
        oieb.readerPid(0);
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
