package io.zerobuffer.bridge.aeron;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The frames the tests send: bytes 0..7 hold the frame index (little-endian), byte j from 8 on
 * is {@code (index + j) mod 256} (the sequential pattern), so a reader checks every byte and
 * sees which frames are missing.
 */
final class IndexedPattern {
    private IndexedPattern() {
    }

    static void fill(ByteBuffer target, long index, int size) {
        target.order(ByteOrder.LITTLE_ENDIAN).putLong(0, index);
        for (int j = 8; j < size; j++) {
            target.put(j, (byte) (index + j));
        }
    }

    /** @return the frame's index */
    static long index(ByteBuffer data) {
        return data.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    /** @return the first wrong byte, or -1 */
    static int firstMismatch(ByteBuffer data, long index) {
        for (int j = 8; j < data.limit(); j++) {
            if (data.get(j) != (byte) (index + j)) {
                return j;
            }
        }
        return -1;
    }
}
