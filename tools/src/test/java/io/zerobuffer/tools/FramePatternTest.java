package io.zerobuffer.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FramePatternTest {

    /** Bytes 0..15 of random frame 7, as g++ 12 (libstdc++) draws them. */
    private static final int[] RANDOM_FRAME_7 = {19, 58, 199, 81, 112, 250, 185, 116, 250, 78, 137, 67, 128, 22, 18, 107};

    private static byte[] frame(DataPattern pattern, int size, long index, RandomDraw draw) {
        ByteBuffer dst = ByteBuffer.allocateDirect(size);
        new FramePattern(pattern, size, draw).fill(dst, index);
        byte[] out = new byte[size];
        dst.get(0, out);
        return out;
    }

    @Test
    void sequentialIsFrameIndexPlusByteIndexModulo256() {
        byte[] bytes = frame(DataPattern.SEQUENTIAL, 600, 1000, RandomDraw.MULTIPLY_SHIFT);
        for (int j = 0; j < bytes.length; j++) {
            assertEquals((byte) ((1000 + j) % 256), bytes[j], "byte " + j);
        }
    }

    @Test
    void zeroAndOnesAreConstant() {
        for (byte b : frame(DataPattern.ZERO, 100, 3, RandomDraw.MULTIPLY_SHIFT)) {
            assertEquals(0, b);
        }
        for (byte b : frame(DataPattern.ONES, 100, 3, RandomDraw.MULTIPLY_SHIFT)) {
            assertEquals((byte) 0xFF, b);
        }
    }

    @Test
    void randomFrameSevenIsWhatGpp12Draws() {
        byte[] bytes = frame(DataPattern.RANDOM, 16, 7, RandomDraw.MULTIPLY_SHIFT);
        byte[] expected = new byte[16];
        for (int j = 0; j < 16; j++) {
            expected[j] = (byte) RANDOM_FRAME_7[j];
        }
        assertArrayEquals(expected, bytes);
        // Frame 7's first bytes are the same under the older rule.
        assertArrayEquals(expected, frame(DataPattern.RANDOM, 16, 7, RandomDraw.DIVISION));
    }

    /** Checksums of 1 KiB random frames computed by a C++ program built with g++ 12 (libstdc++). */
    @ParameterizedTest
    @CsvSource({
        "0, 5b08bde2cf6583d, 5b08bde2cf6583d",
        "1, 2b6680d286947428, 2b6680d286947428",
        "299, fb4d32cbf905e2d2, b714a8d6b98bc693",
        "449, 2da5d1469f5c5a46, 26013e305e401107",
        "575, 68a18d9a32b12c08, 37b018ec25979609",
        "4294967295, 58b9b92864814eef, 58b9b92864814eef"})
    void randomFramesMatchLibstdcxxUnderBothDrawRules(long frame, String multiplyShift, String division) {
        assertEquals(multiplyShift, Checksum.hex(Checksum.of(
                ByteBuffer.wrap(frame(DataPattern.RANDOM, 1024, frame, RandomDraw.MULTIPLY_SHIFT)))));
        assertEquals(division, Checksum.hex(Checksum.of(
                ByteBuffer.wrap(frame(DataPattern.RANDOM, 1024, frame, RandomDraw.DIVISION)))));
    }

    @Test
    void theTwoDrawRulesDifferWhereGpp12AndTheOldRuleDiffer() {
        // g++ 12: frame 299 byte 765 is 208; the rule of GCC <= 10 (ZEROBUFFER_RANDOM_DRAW=division, docs/CLI.md) gives 209.
        assertEquals(208, frame(DataPattern.RANDOM, 1024, 299, RandomDraw.MULTIPLY_SHIFT)[765] & 0xFF);
        assertEquals(209, frame(DataPattern.RANDOM, 1024, 299, RandomDraw.DIVISION)[765] & 0xFF);
    }

    @Test
    void divisionRejectsDrawsAtOrAbove4294967040() {
        // An engine stub is not possible (Mt19937 is final and concrete), so check the rule on
        // the numbers: the largest accepted draw maps to 255, and 255 * 16777215 maps to 255.
        assertEquals(4294967040L, 256L * (0xFFFFFFFFL / 256));
        assertEquals(255, (int) ((4294967040L - 1) / (0xFFFFFFFFL / 256)));
    }

    @ParameterizedTest
    @EnumSource(DataPattern.class)
    void everyPatternVerifiesWhatItFills(DataPattern pattern) {
        FramePattern writer = new FramePattern(pattern, 777, RandomDraw.MULTIPLY_SHIFT);
        FramePattern reader = new FramePattern(pattern, 777, RandomDraw.MULTIPLY_SHIFT);
        ByteBuffer ring = ByteBuffer.allocateDirect(777);
        for (long i = 0; i < 300; i++) {
            writer.fill(ring, i);
            assertTrue(reader.matches(ring, i), pattern + " frame " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataPattern.class, names = {"SEQUENTIAL", "RANDOM"})
    void aFrameOfAnotherIndexOrWithOneFlippedByteFailsVerification(DataPattern pattern) {
        FramePattern p = new FramePattern(pattern, 256, RandomDraw.MULTIPLY_SHIFT);
        ByteBuffer ring = ByteBuffer.allocate(256);
        p.fill(ring, 5);
        assertFalse(p.matches(ring, 6));
        ring.put(100, (byte) (ring.get(100) ^ 1));
        assertFalse(p.matches(ring, 5));
    }

    @Test
    void aFrameOfAnotherSizeIsCheckedAtItsOwnSize() {
        FramePattern p = new FramePattern(DataPattern.SEQUENTIAL, 64, RandomDraw.MULTIPLY_SHIFT);
        ByteBuffer longer = ByteBuffer.allocate(100);
        new FramePattern(DataPattern.SEQUENTIAL, 100, RandomDraw.MULTIPLY_SHIFT).fill(longer, 9);
        assertTrue(p.matches(longer, 9));
        assertFalse(p.matches(longer, 10));
    }

    @Test
    void patternNamesAreTheCliNames() {
        assertEquals(DataPattern.RANDOM, DataPattern.parse("random"));
        assertEquals("sequential|random|zero|ones", DataPattern.choices());
        assertThrows(IllegalArgumentException.class, () -> DataPattern.parse("RANDOM"));
        assertThrows(IllegalArgumentException.class, () -> DataPattern.parse("none"));
    }
}
