package io.zerobuffer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class SyntheticYuvSourceTest {

    @Test
    void fullHdFrameIsThreeMegabytes() {
        assertEquals(3_110_400, VideoFormat.FULL_HD_30.frameSize());
        assertEquals(33_333_333, VideoFormat.FULL_HD_30.frameIntervalNanos());
    }

    @Test
    void paintFillsExactlyOneFrameWithTheExpectedMovingLuma() {
        VideoFormat format = new VideoFormat(64, 32, 30);
        SyntheticYuvSource source = new SyntheticYuvSource(format);
        ByteBuffer frame = ByteBuffer.allocate(format.frameSize() + 10);
        source.paint(7, frame);
        assertEquals(format.frameSize(), frame.position());
        for (int y = 0; y < format.height(); y++) {
            for (int x = 0; x < format.width(); x++) {
                assertEquals(SyntheticYuvSource.expectedLuma(7, x, y), frame.get(y * format.width() + x));
            }
        }
        assertNotEquals(SyntheticYuvSource.expectedLuma(7, 0, 0), SyntheticYuvSource.expectedLuma(8, 0, 0));
    }

    @Test
    void metadataDescribesTheFormat() {
        assertEquals("{\"format\":\"YUV420\",\"layout\":\"I420\",\"width\":1920,\"height\":1080,\"fps\":30,"
                + "\"frame_size\":3110400}", new String(VideoFormat.FULL_HD_30.metadata()));
    }

    @Test
    void oddDimensionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new VideoFormat(1919, 1080, 30));
    }
}
