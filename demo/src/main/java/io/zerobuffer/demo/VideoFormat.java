package io.zerobuffer.demo;

import java.nio.charset.StandardCharsets;

/**
 * A raw planar YUV 4:2:0 (I420) video format: a full-resolution luma plane followed by two
 * quarter-resolution chroma planes.
 *
 * @param width  pixels per row, even
 * @param height rows, even
 * @param fps    frames per second, at least 1
 */
public record VideoFormat(int width, int height, int fps) {

    /** 1920×1080 at 30 frames per second: 3,110,400 bytes a frame (3,110,416 in the ring with its header). */
    public static final VideoFormat FULL_HD_30 = new VideoFormat(1920, 1080, 30);

    /**
     * @throws IllegalArgumentException if a dimension is not positive and even, or fps is not positive
     */
    public VideoFormat {
        if (width <= 0 || height <= 0 || (width & 1) != 0 || (height & 1) != 0) {
            throw new IllegalArgumentException("YUV420 needs positive even dimensions, got " + width + "x" + height);
        }
        if (fps <= 0) {
            throw new IllegalArgumentException("fps " + fps + " is not positive");
        }
    }

    /** @return bytes of the luma plane */
    public int lumaSize() {
        return width * height;
    }

    /** @return bytes of one chroma plane */
    public int chromaSize() {
        return (width / 2) * (height / 2);
    }

    /** @return bytes of one frame: luma plus two chroma planes */
    public int frameSize() {
        return lumaSize() + 2 * chromaSize();
    }

    /** @return nanoseconds between two frames */
    public long frameIntervalNanos() {
        return 1_000_000_000L / fps;
    }

    /** @return the metadata a writer publishes for this format: one line of JSON, UTF-8 */
    public byte[] metadata() {
        return ("{\"format\":\"YUV420\",\"layout\":\"I420\",\"width\":" + width + ",\"height\":" + height
                + ",\"fps\":" + fps + ",\"frame_size\":" + frameSize() + "}").getBytes(StandardCharsets.UTF_8);
    }
}
