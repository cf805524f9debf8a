package io.zerobuffer.tools;

import java.nio.ByteBuffer;

/**
 * The soak stream's frames, derived from a seed alone, so that the writer and the reader in two
 * JVMs agree on every frame without exchanging anything but the seed: frame {@code i} has a size
 * from 1 byte to the maximum, log-uniform (the exponent uniform in 0..16, then the size uniform
 * below that power of two: as many small frames as large ones, many wraps and tails), and bytes
 * from a xorshift64 generator seeded by the frame's index, 8 at a time. No allocation.
 */
final class SoakPattern {
    private final long seed;
    private final int maxSize;

    /**
     * @param seed    the stream's seed
     * @param maxSize the largest frame, at least 1
     */
    SoakPattern(long seed, int maxSize) {
        this.seed = seed;
        this.maxSize = maxSize;
    }

    /** @return the size of frame {@code index}: 1 to the maximum */
    int size(long index) {
        long h = mix(seed ^ (index * 0x9E3779B97F4A7C15L));
        int exponent = (int) Long.remainderUnsigned(h, 17);
        long limit = Math.min(maxSize, 1L << exponent);
        return 1 + (int) Long.remainderUnsigned(h >>> 20, limit);
    }

    /**
     * Fills a frame's payload.
     *
     * @param target little-endian view, position 0, limit the frame size
     * @param index  the frame index
     */
    void fill(ByteBuffer target, long index) {
        int size = target.limit();
        long x = start(index);
        int j = 0;
        for (; j + Long.BYTES <= size; j += Long.BYTES) {
            x = next(x);
            target.putLong(j, x);
        }
        x = next(x);
        for (; j < size; j++) {
            target.put(j, (byte) x);
            x >>>= 8;
        }
    }

    /**
     * @param data  little-endian view of a received payload, position 0
     * @param index the frame index it should be
     * @return the offset of the first wrong byte, or -1 if every byte is right
     */
    int firstMismatch(ByteBuffer data, long index) {
        int size = data.limit();
        long x = start(index);
        int j = 0;
        for (; j + Long.BYTES <= size; j += Long.BYTES) {
            x = next(x);
            long found = data.getLong(j);
            if (found != x) {
                return j + Long.numberOfTrailingZeros(found ^ x) / Byte.SIZE;
            }
        }
        x = next(x);
        for (; j < size; j++) {
            if (data.get(j) != (byte) x) {
                return j;
            }
            x >>>= 8;
        }
        return -1;
    }

    private long start(long index) {
        long x = mix(seed + index);
        return x == 0 ? 0x9E3779B97F4A7C15L : x;
    }

    private static long next(long x) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        return x;
    }

    /** splitmix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
