package io.zerobuffer.tools;

import java.util.Locale;

/**
 * How a byte in [0, 255] is drawn from a 32-bit engine, as libstdc++'s
 * {@code std::uniform_int_distribution<int>(0, 255)} does it.
 *
 * <p>libstdc++ changed this in GCC 11: before, it rejected draws ≥ 256 × ⌊(2³²−1)/256⌋ and
 * divided by ⌊(2³²−1)/256⌋ ({@link #DIVISION}, docs/CLI.md "Data patterns"); since GCC 11 a
 * 32-bit engine is downscaled with Lemire's multiply-and-shift, which for a range of 256 never
 * rejects and keeps the top 8 bits ({@link #MULTIPLY_SHIFT}). The two disagree on about one
 * byte in 130,000 (for example frame 299, byte 765: 208 against 209), so a peer built with one
 * reports verification errors for frames written with the other. The default is what the C++
 * peers built with a current compiler expect (GCC 12 here); {@code ZEROBUFFER_RANDOM_DRAW=division}
 * (or the system property {@code zerobuffer.random.draw}) selects the older rule.
 */
enum RandomDraw {
    /** libstdc++ from GCC 11 on: {@code (x * 256) >> 32}, no rejection for a range of 256. */
    MULTIPLY_SHIFT,
    /** libstdc++ up to GCC 10: reject x ≥ 4294967040, then x / 16777215. */
    DIVISION;

    /** ⌊(2³²−1)/256⌋. */
    private static final long SCALING = 0xffff_ffffL / 256;
    /** 256 × {@link #SCALING}: draws at or above it are rejected by {@link #DIVISION}. */
    private static final long PAST = 256 * SCALING;

    /** @return the next byte value in [0, 255] drawn from {@code engine} */
    int nextByte(Mt19937 engine) {
        if (this == MULTIPLY_SHIFT) {
            return engine.nextInt() >>> 24;
        }
        long x;
        do {
            x = engine.nextUnsigned();
        } while (x >= PAST);
        return (int) (x / SCALING);
    }

    /**
     * @return the draw selected by the system property {@code zerobuffer.random.draw} or the
     *         environment variable {@code ZEROBUFFER_RANDOM_DRAW} ({@code multiply-shift} or
     *         {@code division}), {@link #MULTIPLY_SHIFT} if neither is set
     * @throws IllegalArgumentException if the value names neither
     */
    static RandomDraw configured() {
        String value = System.getProperty("zerobuffer.random.draw", System.getenv("ZEROBUFFER_RANDOM_DRAW"));
        if (value == null || value.isBlank()) {
            return MULTIPLY_SHIFT;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "multiply-shift":
            case "lemire":
                return MULTIPLY_SHIFT;
            case "division":
                return DIVISION;
            default:
                throw new IllegalArgumentException("ZEROBUFFER_RANDOM_DRAW '" + value
                        + "' is neither 'multiply-shift' nor 'division'");
        }
    }
}
