package io.zerobuffer.linux.discovery;

import static io.zerobuffer.linux.layout.OiebDescriptor.OIEB_SIZE;
import static io.zerobuffer.linux.layout.OiebDescriptor.VERSION_MAJOR;

import io.zerobuffer.api.BufferEntry;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.LockFileState;
import io.zerobuffer.api.RingLayout;
import io.zerobuffer.api.ZeroBufferException;
import io.zerobuffer.linux.ObjectNames;
import io.zerobuffer.linux.layout.FrameHeaderDescriptor;
import io.zerobuffer.linux.layout.MetadataBlock;
import io.zerobuffer.linux.layout.Oieb;
import io.zerobuffer.linux.layout.OiebDescriptor;
import io.zerobuffer.linux.layout.Snapshots;
import io.zerobuffer.linux.posix.SharedMemory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds ZeroBuffer v1 buffers in {@code /dev/shm} and reads them without changing anything.
 *
 * <p>A candidate is a regular file in {@code /dev/shm} whose name does not start with
 * {@code sem.} (glibc's named semaphores). Its first 128 bytes are read with a plain
 * {@code read(2)} and must be a v1 OIEB: {@code oieb_size} 128, major version 1, and sizes that
 * add up to the file ({@link OiebDescriptor#checkSizes}, the rule a writer attaching applies
 * too). Only then is the file mapped, read-only ({@code PROT_READ}, {@code MAP_SHARED}): a
 * write through the mapping would fault, so this class cannot change a byte of a buffer even
 * by mistake.
 *
 * <p>Mappings are cached per name and re-validated on every look: when the file is gone or its
 * inode or size changed (the buffer was removed and created again), the old mapping is dropped.
 * A poll of a known buffer therefore costs one {@code stat}, reads of the mapped header, and the
 * two liveness checks of its pids. The lock-file cross-check reads {@code /proc/locks} once per
 * scan instead of trying the lock.
 *
 * <p>Thread-safe: every method is synchronized, so a mapping is never unmapped while another
 * thread reads it.
 */
public final class BufferScanner implements AutoCloseable {
    private static final String SEMAPHORE_PREFIX = "sem.";
    /** The most frame headers {@link #ringLayout} follows to find a wrapped ring's tail. */
    static final int MAX_WALK = 4096;

    private final Path shmDirectory;
    private final Path lockDirectory;
    private final Map<String, Watched> watched = new HashMap<>();
    private final ByteBuffer probe = ByteBuffer.allocateDirect(OIEB_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private final Oieb probeOieb = new Oieb(probe);
    private boolean closed;

    /** Scans {@code /dev/shm} and {@code /tmp/zerobuffer}. */
    public BufferScanner() {
        this(SharedMemory.DIRECTORY, ObjectNames.LOCK_DIRECTORY);
    }

    BufferScanner(Path shmDirectory, Path lockDirectory) {
        this.shmDirectory = shmDirectory;
        this.lockDirectory = lockDirectory;
    }

    /** @return every valid buffer now, sorted by name */
    public synchronized List<BufferEntry> scan() {
        ensureOpen();
        LockTable locks = LockTable.read();
        List<BufferEntry> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(shmDirectory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!isCandidateName(name)) {
                    continue;
                }
                seen.add(name);
                try {
                    look(name, locks).ifPresent(found::add);
                } catch (RuntimeException | InternalError oddFile) {
                    // one odd file (say, truncated under our mapping: SIGBUS becomes InternalError)
                    // must not hide every other buffer: forget it and go on
                    forget(name);
                }
            }
        } catch (IOException e) {
            // /dev/shm unreadable: report nothing rather than fail a monitor
        }
        for (Iterator<Map.Entry<String, Watched>> it = watched.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Watched> cached = it.next();
            if (!seen.contains(cached.getKey())) {
                cached.getValue().close();
                it.remove();
            }
        }
        found.sort(Comparator.comparing(BufferEntry::name));
        return found;
    }

    /**
     * @param name a buffer name
     * @return that buffer now, or empty if there is no valid v1 buffer of that name
     */
    public synchronized Optional<BufferEntry> entry(String name) {
        ensureOpen();
        if (!isCandidateName(name)) {
            return Optional.empty();
        }
        try {
            return look(name, LockTable.read());
        } catch (RuntimeException | InternalError oddFile) {
            forget(name);
            return Optional.empty();
        }
    }

    private void forget(String name) {
        Watched w = watched.remove(name);
        if (w != null) {
            w.close();
        }
    }

    /**
     * @param name     a buffer name
     * @param maxBytes the most bytes wanted
     * @return up to {@code maxBytes} of the metadata (without its length prefix); empty if the
     *         buffer is absent or no metadata was written
     */
    public synchronized Optional<byte[]> metadata(String name, int maxBytes) {
        ensureOpen();
        try {
            return readMetadata(name, maxBytes);
        } catch (RuntimeException | InternalError oddFile) {
            forget(name);
            return Optional.empty();
        }
    }

    private Optional<byte[]> readMetadata(String name, int maxBytes) {
        Watched w = current(name);
        if (w == null) {
            return Optional.empty();
        }
        MetadataBlock block = new MetadataBlock(w.oieb);
        int length = Math.min(Math.max(0, maxBytes), block.length());
        if (!block.isWritten()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[length];
        w.segment.get(MetadataBlock.dataOffset(), bytes, 0, length);
        return Optional.of(bytes);
    }

    /**
     * Reads the ring positions and, when the writer is a lap ahead, follows the frame headers
     * from the read position (at most {@value #MAX_WALK} of them) to find where the wasted tail
     * begins; reads the next unread frame's header, and follows the current lap's frames from
     * offset 0 to the write position for the last sequence number written (or, when that lap
     * is too long to follow, checks whether its frames are all of one size, or counts it from
     * the next unread one and the counters). The walk reads memory the reader may be releasing at that moment, so every header
     * is bounds-checked; a walk that meets nonsense reports no tail.
     *
     * @param name a buffer name
     * @return the ring geometry, or empty if there is no valid buffer of that name
     */
    public synchronized Optional<RingLayout> ringLayout(String name) {
        ensureOpen();
        try {
            return readRingLayout(name);
        } catch (RuntimeException | InternalError oddFile) {
            forget(name);
            return Optional.empty();
        }
    }

    private Optional<RingLayout> readRingLayout(String name) {
        Watched w = current(name);
        if (w == null) {
            return Optional.empty();
        }
        Oieb oieb = w.oieb;
        long payloadSize = oieb.payloadSize();
        long free = oieb.payloadFreeBytes();
        long read = oieb.readPosition();
        long write = oieb.writePosition();
        long used = Math.max(0, Math.min(payloadSize, payloadSize - free));
        long tail = -1;
        long base = OIEB_SIZE + oieb.metadataSize();
        if (write < read && read < payloadSize) {
            tail = findTail(w, oieb.metadataSize(), payloadSize, read);
        }
        long written = oieb.writtenCount();
        long unread = written - oieb.readCount();
        long nextSequence = -1;
        long nextBytes = -1;
        if (unread > 0 && read < payloadSize) {
            long at = read;
            if (payloadSize - at < FrameHeaderDescriptor.HEADER_LENGTH || header(w, base + at, 0) == 0) {
                at = 0;
            }
            long size = header(w, base + at, FrameHeaderDescriptor.PAYLOAD_SIZE_OFFSET);
            long sequence = header(w, base + at, FrameHeaderDescriptor.SEQUENCE_OFFSET);
            if (size > 0 && size <= payloadSize - at - FrameHeaderDescriptor.HEADER_LENGTH && sequence > 0) {
                nextSequence = sequence;
                nextBytes = size;
            }
        }
        long lastSequence = written == 0 ? 0 : lastWritten(w, base, write);
        if (lastSequence < 0 && written > 0) {
            lastSequence = lastOfEqualFrames(w, base, write);
        }
        if (lastSequence < 0 && nextSequence > 0 && unread > 0) {
            // too many frames to follow: count them instead (a wrap marker in flight is no frame)
            boolean marker = write < read && (tail < 0 || payloadSize - tail >= FrameHeaderDescriptor.HEADER_LENGTH);
            lastSequence = nextSequence + unread - 1 - (marker ? 1 : 0);
        }
        if (written == 0) {
            nextSequence = 1;
        } else if (unread <= 0 && lastSequence > 0) {
            nextSequence = lastSequence + 1;
        }
        if (oieb.readPosition() != read) {
            tail = -1;
            nextSequence = -1;
            nextBytes = -1;
            lastSequence = -1;
        }
        return Optional.of(new RingLayout(payloadSize, read, write, used, tail, nextSequence, nextBytes, lastSequence));
    }

    /** @return the u64 at that header field, 0 if it lies outside the mapping */
    private static long header(Watched w, long at, int field) {
        if (at < 0 || at + FrameHeaderDescriptor.HEADER_LENGTH > w.segment.capacity()) {
            return 0;
        }
        return w.segment.getLong((int) at + field);
    }

    /**
     * Follows the frames of the writer's current lap, from ring offset 0 to the write position
     * (at most {@value #MAX_WALK} of them), checking that sizes fit and sequence numbers rise by
     * one.
     *
     * @return the sequence number of the last of them, or -1 when the walk meets nonsense, is
     *         too long, or there is no frame before the write position in this lap
     */
    private static long lastWritten(Watched w, long base, long write) {
        long position = 0;
        long last = -1;
        for (int hop = 0; hop < MAX_WALK && position < write; hop++) {
            long at = base + position;
            if (write - position < FrameHeaderDescriptor.HEADER_LENGTH
                    || at + FrameHeaderDescriptor.HEADER_LENGTH > w.segment.capacity()) {
                return -1;
            }
            long size = w.segment.getLong((int) at + FrameHeaderDescriptor.PAYLOAD_SIZE_OFFSET);
            long sequence = w.segment.getLong((int) at + FrameHeaderDescriptor.SEQUENCE_OFFSET);
            if (size <= 0 || size > write - position - FrameHeaderDescriptor.HEADER_LENGTH || sequence <= 0
                    || (last > 0 && sequence != last + 1)) {
                return -1;
            }
            last = sequence;
            position += FrameHeaderDescriptor.HEADER_LENGTH + size;
        }
        return position == write ? last : -1;
    }

    /**
     * For a lap too long to follow whose frames all have the size of the first one (fixed-size
     * video or telemetry): the last frame then starts one frame before the write position, and
     * its header must carry that size and the first frame's sequence number plus the frames in
     * between, which confirms the guess.
     *
     * @return the last sequence number written, or -1 when the frames are not all alike
     */
    private static long lastOfEqualFrames(Watched w, long base, long write) {
        long size = header(w, base, FrameHeaderDescriptor.PAYLOAD_SIZE_OFFSET);
        long first = header(w, base, FrameHeaderDescriptor.SEQUENCE_OFFSET);
        long frame = FrameHeaderDescriptor.HEADER_LENGTH + size;
        if (size <= 0 || first <= 0 || write <= 0 || write % frame != 0) {
            return -1;
        }
        long last = first + write / frame - 1;
        long at = base + write - frame;
        boolean confirmed = header(w, at, FrameHeaderDescriptor.PAYLOAD_SIZE_OFFSET) == size
                && header(w, at, FrameHeaderDescriptor.SEQUENCE_OFFSET) == last;
        return confirmed ? last : -1;
    }

    private static long findTail(Watched w, long metadataSize, long payloadSize, long from) {
        long base = OIEB_SIZE + metadataSize;
        long position = from;
        for (int hop = 0; hop < MAX_WALK; hop++) {
            if (payloadSize - position < FrameHeaderDescriptor.HEADER_LENGTH) {
                return position;
            }
            long at = base + position;
            if (at + FrameHeaderDescriptor.HEADER_LENGTH > w.segment.capacity()) {
                return -1;
            }
            long size = w.segment.getLong((int) at + FrameHeaderDescriptor.PAYLOAD_SIZE_OFFSET);
            long sequence = w.segment.getLong((int) at + FrameHeaderDescriptor.SEQUENCE_OFFSET);
            if (size == 0 && sequence == 0) {
                return position;
            }
            if (size <= 0 || size > payloadSize - position - FrameHeaderDescriptor.HEADER_LENGTH) {
                return -1;
            }
            position += FrameHeaderDescriptor.HEADER_LENGTH + size;
            if (position == payloadSize) {
                return -1;
            }
        }
        return -1;
    }

    /** Unmaps everything. Later calls fail. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        watched.values().forEach(Watched::close);
        watched.clear();
    }

    /** @return how many buffers are mapped now (for tests) */
    synchronized int mappedCount() {
        return watched.size();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("buffer scanner closed");
        }
    }

    private static boolean isCandidateName(String name) {
        return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\0') < 0 && !name.startsWith(SEMAPHORE_PREFIX);
    }

    /** @return the valid, current mapping of that name, or null (after dropping a stale one) */
    private Watched current(String name) {
        ensureOpen();
        if (!isCandidateName(name)) {
            return null;
        }
        FileId id = FileId.of(shmDirectory.resolve(name));
        Watched w = revalidate(name, id);
        if (w == null && id != null) {
            w = map(name, id);
        }
        return w;
    }

    private Optional<BufferEntry> look(String name, LockTable locks) {
        FileId id = FileId.of(shmDirectory.resolve(name));
        Watched w = revalidate(name, id);
        if (w == null && id != null) {
            w = map(name, id);
        }
        if (w == null) {
            return Optional.empty();
        }
        BufferStatus status = Snapshots.of(name, w.oieb);
        LockFileState lockState = LockFileState.MISSING;
        long holder = 0;
        FileId lock = FileId.of(lockDirectory.resolve(name + ObjectNames.LOCK_SUFFIX));
        if (lock != null) {
            holder = locks.holder(lock.device, lock.inode);
            lockState = holder != 0 ? LockFileState.HELD : LockFileState.NOT_HELD;
        }
        return Optional.of(new BufferEntry(status, w.size, lockState, holder, sampleFrame(w, status)));
    }

    private static long sampleFrame(Watched w, BufferStatus status) {
        if (status.writtenCount() == 0) {
            return -1;
        }
        long at = OIEB_SIZE + status.metadataSize();
        if (at + FrameHeaderDescriptor.HEADER_LENGTH > w.segment.capacity()) {
            return -1;
        }
        long size = w.segment.getLong((int) at + FrameHeaderDescriptor.PAYLOAD_SIZE_OFFSET);
        if (size <= 0 || size > status.payloadSize() - FrameHeaderDescriptor.HEADER_LENGTH) {
            return -1;
        }
        return FrameHeaderDescriptor.HEADER_LENGTH + size;
    }

    /** Drops the cached mapping when the file is gone, replaced or resized, or its OIEB went bad. */
    private Watched revalidate(String name, FileId id) {
        Watched w = watched.get(name);
        if (w == null) {
            return null;
        }
        if (id == null || id.inode != w.id.inode || id.device != w.id.device || id.size != w.id.size
                || !isValid(w.oieb, w.size)) {
            w.close();
            watched.remove(name);
            return null;
        }
        return w;
    }

    private Watched map(String name, FileId id) {
        if (!id.regular || id.size < OIEB_SIZE || !headerLooksValid(shmDirectory.resolve(name), id.size)) {
            return null;
        }
        SharedMemory memory;
        try {
            memory = SharedMemory.open(name, false, OIEB_SIZE);
        } catch (ZeroBufferException | IllegalArgumentException | UnsatisfiedLinkError e) {
            return null; // not permitted, too large to map as one buffer, or no libc
        }
        if (memory == null) {
            return null;
        }
        Watched w = new Watched(memory, id);
        FileId after = FileId.of(shmDirectory.resolve(name));
        if (after == null || after.inode != id.inode || memory.size() != id.size || !isValid(w.oieb, w.size)) {
            w.close();
            return null;
        }
        watched.put(name, w);
        return w;
    }

    /** Reads the first 128 bytes with read(2) and checks them, before anything is mapped. */
    private boolean headerLooksValid(Path file, long fileSize) {
        probe.clear();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (probe.hasRemaining()) {
                if (channel.read(probe, probe.position()) < 0) {
                    return false;
                }
            }
        } catch (IOException | SecurityException e) {
            return false;
        }
        return isValid(probeOieb, fileSize);
    }

    /**
     * @param oieb     a header
     * @param fileSize the size of the file it heads
     * @return whether it is a v1 OIEB whose blocks fit the file
     */
    static boolean isValid(Oieb oieb, long fileSize) {
        if (oieb.oiebSize() != OIEB_SIZE || oieb.versionMajor() != VERSION_MAJOR) {
            return false;
        }
        return OiebDescriptor.checkSizes(oieb.metadataSize(), oieb.payloadSize(), fileSize) == null;
    }

    /** A file's identity: what must not change for a cached mapping to stay valid. */
    private static final class FileId {
        final long device;
        final long inode;
        final long size;
        final boolean regular;

        private FileId(long device, long inode, long size, boolean regular) {
            this.device = device;
            this.inode = inode;
            this.size = size;
            this.regular = regular;
        }

        /** @return the file's identity, or null if it does not exist or cannot be read */
        static FileId of(Path path) {
            try {
                Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino,size,mode", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                boolean regular = (mode & 0170000) == 0100000;
                return new FileId((Long) a.get("dev"), (Long) a.get("ino"), (Long) a.get("size"), regular);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return null;
            }
        }
    }

    /** A cached read-only mapping. */
    private static final class Watched {
        final SharedMemory memory;
        final ByteBuffer segment;
        final Oieb oieb;
        final FileId id;
        final long size;

        Watched(SharedMemory memory, FileId id) {
            this.memory = memory;
            this.segment = memory.segment();
            this.oieb = new Oieb(segment);
            this.id = id;
            this.size = memory.size();
        }

        void close() {
            memory.close();
        }
    }
}
