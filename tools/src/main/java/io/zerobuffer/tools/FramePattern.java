package io.zerobuffer.tools;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Produces and checks the bytes of one {@link DataPattern} for frames of one size, without
 * allocating per frame: the sequential pattern is 256 precomputed views of one template, the
 * constant patterns one view, and the random pattern is regenerated into one scratch array.
 * Not thread-safe.
 */
final class FramePattern {
    private final DataPattern pattern;
    private final int size;
    private final RandomDraw draw;
    private final byte[] bytes;
    private final ByteBuffer[] views;
    private final Mt19937 engine;

    /**
     * @param pattern the pattern
     * @param size    frame size in bytes, at least 1
     * @param draw    how the random pattern draws bytes
     */
    FramePattern(DataPattern pattern, int size, RandomDraw draw) {
        if (size < 1) {
            throw new IllegalArgumentException("frame size " + size + " is below 1");
        }
        this.pattern = pattern;
        this.size = size;
        this.draw = draw;
        switch (pattern) {
            case SEQUENTIAL:
                // (i + j) mod 256 for frame i is the template from offset i mod 256.
                bytes = new byte[size + 255];
                for (int k = 0; k < bytes.length; k++) {
                    bytes[k] = (byte) k;
                }
                views = new ByteBuffer[256];
                for (int k = 0; k < 256; k++) {
                    views[k] = ByteBuffer.wrap(bytes, k, size).slice();
                }
                engine = null;
                break;
            case ZERO:
            case ONES:
                bytes = new byte[size];
                Arrays.fill(bytes, pattern == DataPattern.ONES ? (byte) 0xFF : 0);
                views = new ByteBuffer[] {ByteBuffer.wrap(bytes)};
                engine = null;
                break;
            case RANDOM:
                bytes = new byte[size];
                views = new ByteBuffer[] {ByteBuffer.wrap(bytes)};
                engine = new Mt19937();
                break;
            default:
                throw new IllegalArgumentException("pattern " + pattern);
        }
    }

    /** @return the frame size this instance produces */
    int size() {
        return size;
    }

    /**
     * @param frameIndex the frame index, counting from 0
     * @return a view (position 0, limit {@link #size()}) of the expected bytes; valid until the
     *         next call
     */
    ByteBuffer expected(long frameIndex) {
        switch (pattern) {
            case SEQUENTIAL:
                return views[(int) (frameIndex & 0xFF)];
            case RANDOM:
                engine.seed((int) frameIndex);
                for (int j = 0; j < size; j++) {
                    bytes[j] = (byte) draw.nextByte(engine);
                }
                return views[0];
            default:
                return views[0];
        }
    }

    /**
     * Writes frame {@code frameIndex} into {@code dst} at indexes 0 to {@link #size()} − 1
     * (absolute puts: the position is not changed).
     */
    void fill(ByteBuffer dst, long frameIndex) {
        dst.put(0, expected(frameIndex), 0, size);
    }

    /**
     * @param frame      the frame payload, from position to limit
     * @param frameIndex the frame index, counting from 0
     * @return whether the payload is the pattern's frame {@code frameIndex} (of the payload's length)
     */
    boolean matches(ByteBuffer frame, long frameIndex) {
        if (frame.remaining() != size) {
            if (frame.remaining() == 0) {
                return false;
            }
            // A frame of another size: an error case, checked with a pattern of that size.
            return new FramePattern(pattern, frame.remaining(), draw).matches(frame, frameIndex);
        }
        return frame.mismatch(expected(frameIndex)) < 0;
    }
}
