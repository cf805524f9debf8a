package io.zerobuffer.demo;

import java.nio.ByteBuffer;

/**
 * Paints a moving test pattern into YUV420 frames: diagonal luma stripes that scroll by four
 * pixels a frame and chroma planes whose level drifts with the frame index. Painting uses bulk
 * copies of one precomputed row, so a 1080p frame costs a few hundred microseconds.
 *
 * <p>Luma byte at (x, y) of frame i is {@code (x + y + 4 i) mod 256}; {@link #expectedLuma}
 * lets a reader check frames without keeping copies. Not thread-safe.
 */
public final class SyntheticYuvSource {
    private final VideoFormat format;
    private final byte[] ramp;
    private final byte[] chromaRow;

    /** @param format the frame format */
    public SyntheticYuvSource(VideoFormat format) {
        this.format = format;
        this.ramp = new byte[format.width() + 256];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (byte) i;
        }
        this.chromaRow = new byte[format.width() / 2];
    }

    /**
     * Paints frame {@code index} into {@code target} from its position; the position advances by
     * {@link VideoFormat#frameSize()}.
     *
     * @param index  frame index from 0
     * @param target a buffer with at least a frame's room remaining
     */
    public void paint(long index, ByteBuffer target) {
        int shift = (int) ((index * 4) & 0xFF);
        for (int y = 0; y < format.height(); y++) {
            target.put(ramp, (y + shift) & 0xFF, format.width());
        }
        paintChroma(target, (byte) (128 + 64 * Math.sin(index / 30.0)));
        paintChroma(target, (byte) (128 + 64 * Math.cos(index / 30.0)));
    }

    private void paintChroma(ByteBuffer target, byte level) {
        java.util.Arrays.fill(chromaRow, level);
        for (int y = 0; y < format.height() / 2; y++) {
            target.put(chromaRow);
        }
    }

    /**
     * @param index frame index from 0
     * @param x     column
     * @param y     row
     * @return the luma byte {@link #paint} writes at (x, y) of that frame
     */
    public static byte expectedLuma(long index, int x, int y) {
        return (byte) (x + y + index * 4);
    }
}
