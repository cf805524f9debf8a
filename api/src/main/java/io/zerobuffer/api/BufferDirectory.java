package io.zerobuffer.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A read-only view of every ZeroBuffer v1 buffer on the host, whatever language created it.
 * A strictly passive observer: it maps read-only, never writes, never removes anything, never
 * takes a lock and never posts a semaphore. Thread-safe.
 */
@ProviderType
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

    /**
     * Every buffer with what the directory knows around its header: lock-file state, segment
     * size, a sampled frame size. The default knows nothing beyond {@link #list()}.
     *
     * @return an entry for every buffer found now, sorted by name
     * @since 1.2
     */
    default List<BufferEntry> entries() {
        return list().stream().map(BufferEntry::of).toList();
    }

    /**
     * @param name a buffer name
     * @return that buffer's entry, or empty if there is no valid v1 buffer of that name
     * @since 1.2
     */
    default Optional<BufferEntry> entry(String name) {
        return find(name).map(BufferEntry::of);
    }

    /**
     * Where the read and write positions, the wasted tail and the unread frames are. May cost
     * more than {@link #find(String)} (an implementation may follow frame headers), so an
     * observer asks for the buffers it shows in detail. The default gives the positions of
     * {@link #find(String)} and leaves the rest unknown.
     *
     * @param name a buffer name
     * @return its ring layout, or empty if there is no valid v1 buffer of that name
     * @since 1.2
     */
    default Optional<RingLayout> ringLayout(String name) {
        return find(name).map(RingLayout::of);
    }

    /**
     * The bridge ends that carry buffers of this host to or from other hosts, as they describe
     * themselves (see {@link BridgeInfo}); only those whose process is alive. The default knows
     * of none.
     *
     * @return every live bridge end found now, sorted by buffer name and role
     * @since 1.2
     */
    default List<BridgeInfo> bridges() {
        return List.of();
    }
}
