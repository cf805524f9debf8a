package io.zerobuffer.linux;

import io.zerobuffer.api.BridgeInfo;
import io.zerobuffer.api.BufferDirectory;
import io.zerobuffer.api.BufferEntry;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.RingLayout;
import io.zerobuffer.linux.discovery.BridgeDescriptions;
import io.zerobuffer.linux.discovery.BufferScanner;
import java.util.List;
import java.util.Optional;

/**
 * Every ZeroBuffer v1 buffer on this host, whatever language created it, seen through
 * read-only mappings of {@code /dev/shm} (see {@link BufferScanner} for the rules). A strictly
 * passive observer: it never writes to a buffer, never removes anything, never takes a lock and
 * never posts a semaphore. Cheap enough to poll ten times a second: mappings are cached and
 * re-validated (file gone, inode or size changed: dropped) on every look.
 *
 * <p>It fills everything the contract asks: {@link #entries()} (each buffer with its lock-file
 * state from {@code /tmp/zerobuffer} and {@code /proc/locks}, its segment size and a frame-size
 * sample) and {@link #ringLayout(String)} (positions, the wasted tail, next unread and last
 * written sequence numbers). Thread-safe. {@link #close()} unmaps everything.
 *
 * <p>Not final only so that the engine's OSGi component can publish an instance of this very
 * class; it is not designed for other subclasses.
 */
public class LinuxBufferDirectory implements BufferDirectory, AutoCloseable {
    private final BufferScanner scanner = new BufferScanner();
    private final BridgeDescriptions bridges = new BridgeDescriptions();

    /** Creates a directory; it maps nothing until asked. */
    public LinuxBufferDirectory() {
    }

    @Override
    public List<BufferStatus> list() {
        return scanner.scan().stream().map(BufferEntry::status).toList();
    }

    @Override
    public Optional<BufferStatus> find(String name) {
        return scanner.entry(name).map(BufferEntry::status);
    }

    @Override
    public Optional<byte[]> metadataPreview(String name, int maxBytes) {
        return scanner.metadata(name, maxBytes);
    }

    @Override
    public List<BufferEntry> entries() {
        return scanner.scan();
    }

    @Override
    public Optional<BufferEntry> entry(String name) {
        return scanner.entry(name);
    }

    @Override
    public Optional<RingLayout> ringLayout(String name) {
        return scanner.ringLayout(name);
    }

    /** Reads the bridge descriptions in {@code /tmp/zerobuffer} (see {@link BridgeDescriptions} for the rules). */
    @Override
    public List<BridgeInfo> bridges() {
        return bridges.list();
    }

    /** Unmaps every cached buffer; the directory cannot be used afterwards. Idempotent. */
    @Override
    public void close() {
        scanner.close();
    }
}
