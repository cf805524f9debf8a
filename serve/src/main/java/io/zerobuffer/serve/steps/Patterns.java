package io.zerobuffer.serve.steps;

import java.nio.ByteBuffer;

/**
 * The family's test data: the byte patterns the C++, C# and Python step definitions write and
 * check, so that a frame written by one language verifies in another.
 */
public final class Patterns {
    private Patterns() {
    }

    /**
     * @param size     bytes
     * @param sequence the frame's sequence number
     * @return byte i = (i + sequence) mod 256: the family's frame pattern
     */
    public static byte[] frame(int size, long sequence) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i + sequence);
        }
        return data;
    }

    /**
     * @param size bytes
     * @return byte i = i mod 256: the family's simple pattern, also its metadata pattern
     */
    public static byte[] simple(int size) {
        return frame(size, 0);
    }

    /**
     * Fills a view in place with the frame pattern.
     *
     * @param target   the view, from position 0 to its limit
     * @param sequence the frame's sequence number
     */
    public static void fill(ByteBuffer target, long sequence) {
        int n = target.limit();
        for (int i = 0; i < n; i++) {
            target.put(i, (byte) (i + sequence));
        }
    }

    /**
     * @param data     the bytes seen
     * @param sequence the sequence the pattern was made with
     * @return -1 if every byte matches the frame pattern, else the first index that differs
     */
    public static int firstMismatch(ByteBuffer data, long sequence) {
        int n = data.limit();
        for (int i = 0; i < n; i++) {
            if (data.get(i) != (byte) (i + sequence)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param data     the bytes seen
     * @param sequence the pattern's sequence
     * @param what     what the bytes are, for the message
     * @throws StepFailure naming the first byte that differs
     */
    public static void check(ByteBuffer data, long sequence, String what) {
        int at = firstMismatch(data, sequence);
        if (at >= 0) {
            throw new StepFailure(what + ": byte " + at + " expected " + ((at + sequence) & 0xFF) + ", saw "
                    + (data.get(at) & 0xFF) + " (pattern (i + " + sequence + ") mod 256 over " + data.limit() + " bytes)");
        }
    }
}
