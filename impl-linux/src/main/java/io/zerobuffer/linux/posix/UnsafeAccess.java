package io.zerobuffer.linux.posix;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code sun.misc.Unsafe}, where the runtime offers it (in an OSGi framework: where the system
 * bundle exports {@code sun.misc}), and the native address of a direct buffer. The engine's
 * flyweights over mapped memory (the OIEB, frame headers, semaphore words, moving views) use it
 * to reach that memory without a {@link ByteBuffer}'s per-access checks (index, byte order,
 * read-only), and fall back to the buffer where it is missing.
 */
public final class UnsafeAccess {
    /** The instance, {@code null} when unavailable. */
    public static final sun.misc.Unsafe UNSAFE;
    /**
     * {@link #UNSAFE} on a little-endian machine, where its native loads and stores match the
     * protocol's little-endian fields; {@code null} otherwise (or when unavailable).
     */
    public static final sun.misc.Unsafe UNSAFE_LITTLE_ENDIAN;
    /** Offset of {@code Buffer.address} in a buffer object, -1 when unavailable. */
    public static final long ADDRESS_FIELD;
    /** Offset of {@code Buffer.capacity} in a buffer object, -1 when unavailable. */
    public static final long CAPACITY_FIELD;

    static {
        sun.misc.Unsafe unsafe = null;
        long address = -1;
        long capacity = -1;
        try {
            Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
            address = unsafe.objectFieldOffset(Buffer.class.getDeclaredField("address"));
            capacity = unsafe.objectFieldOffset(Buffer.class.getDeclaredField("capacity"));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
            unsafe = null;
        }
        UNSAFE = unsafe;
        UNSAFE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? unsafe : null;
        ADDRESS_FIELD = address;
        CAPACITY_FIELD = capacity;
    }

    private UnsafeAccess() {
    }

    /**
     * @param direct a direct buffer
     * @return the native address of its first byte, 0 when {@link #UNSAFE} is unavailable
     */
    public static long addressOf(ByteBuffer direct) {
        return UNSAFE == null ? 0 : UNSAFE.getLong(direct, ADDRESS_FIELD);
    }
}
