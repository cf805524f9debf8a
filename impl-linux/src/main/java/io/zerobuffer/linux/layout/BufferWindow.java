package io.zerobuffer.linux.layout;

import io.zerobuffer.linux.posix.UnsafeAccess;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@link ByteBuffer} view that can be moved over a region of a mapped segment without
 * allocating: the per-frame path hands out the same view object for every frame, pointed at
 * that frame's payload, with position 0 and capacity equal to the payload size.
 *
 * <p>Moving a direct buffer means rewriting its address and capacity fields, which this class
 * does through {@code sun.misc.Unsafe} (the technique high-performance Java messaging libraries
 * use). Where that is not available it falls back to a fresh {@link ByteBuffer#slice(int, int)}
 * per move, which is correct but allocates. {@link #clear()} empties the view (capacity 0), so
 * that any later access by a stale holder fails with an exception instead of reading memory the
 * peer is reusing. Not thread-safe.
 */
public final class BufferWindow {
    private static final sun.misc.Unsafe UNSAFE = UnsafeAccess.UNSAFE;
    private static final long ADDRESS_FIELD = UnsafeAccess.ADDRESS_FIELD;
    private static final long CAPACITY_FIELD = UnsafeAccess.CAPACITY_FIELD;

    private final ByteBuffer segment;
    private final long segmentAddress;
    private final boolean readOnly;
    private ByteBuffer view;

    /**
     * @param segment  the mapped segment the window moves over (direct)
     * @param readOnly whether the view handed out is read-only
     */
    public BufferWindow(ByteBuffer segment, boolean readOnly) {
        this.segment = segment;
        this.readOnly = readOnly;
        this.segmentAddress = addressOf(segment);
        this.view = emptyView();
    }

    /** @return whether views move without allocating (false: the slicing fallback is in use) */
    public static boolean isAllocationFree() {
        return UNSAFE != null;
    }

    /**
     * Points the view at {@code length} bytes of the segment from {@code offset}.
     *
     * @param offset segment offset
     * @param length bytes
     * @return the view: position 0, limit and capacity {@code length}, little-endian
     */
    public ByteBuffer moveTo(int offset, int length) {
        if (offset < 0 || length < 0 || offset > segment.capacity() - length) {
            throw new IndexOutOfBoundsException("window [" + offset + ", +" + length + ") outside a segment of "
                    + segment.capacity() + " bytes");
        }
        if (UNSAFE == null) {
            view = orient(segment.slice(offset, length));
            return view;
        }
        UNSAFE.putLong(view, ADDRESS_FIELD, segmentAddress + offset);
        UNSAFE.putInt(view, CAPACITY_FIELD, length);
        view.clear();
        return view;
    }

    /** @return the view as last moved (empty after {@link #clear()}) */
    public ByteBuffer view() {
        return view;
    }

    /** Empties the view: capacity 0, so any access fails. */
    public void clear() {
        if (UNSAFE == null) {
            view.limit(0);
            view = emptyView();
            return;
        }
        UNSAFE.putLong(view, ADDRESS_FIELD, segmentAddress);
        UNSAFE.putInt(view, CAPACITY_FIELD, 0);
        view.clear();
    }

    private ByteBuffer emptyView() {
        return orient(segment.slice(0, 0));
    }

    private ByteBuffer orient(ByteBuffer buffer) {
        ByteBuffer oriented = readOnly && !buffer.isReadOnly() ? buffer.asReadOnlyBuffer() : buffer;
        return oriented.order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long addressOf(ByteBuffer buffer) {
        return UnsafeAccess.addressOf(buffer);
    }
}
