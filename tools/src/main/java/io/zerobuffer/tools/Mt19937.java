package io.zerobuffer.tools;

/**
 * The 32-bit Mersenne Twister (MT19937) exactly as {@code std::mt19937}: same seeding, same
 * tempering, same output sequence. Reseeding reuses the state array, so a generator can be
 * seeded once per frame without allocating.
 */
final class Mt19937 {
    /** The seed {@code std::mt19937} uses when constructed without one. */
    static final int DEFAULT_SEED = 5489;

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int index;

    Mt19937() {
        seed(DEFAULT_SEED);
    }

    Mt19937(int seed) {
        seed(seed);
    }

    /**
     * Re-initialises the state as {@code std::mt19937::seed(value)} does (the seed is taken
     * modulo 2³², as the C++ engine masks it to its 32-bit word).
     */
    void seed(int seed) {
        mt[0] = seed;
        for (int i = 1; i < N; i++) {
            int prev = mt[i - 1];
            mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        index = N;
    }

    /** @return the next output as an unsigned 32-bit value held in an {@code int} */
    int nextInt() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** @return the next output as a non-negative {@code long} in [0, 2³²) */
    long nextUnsigned() {
        return nextInt() & 0xffff_ffffL;
    }

    /** Regenerates the 624 words; three loops instead of index arithmetic modulo 624. */
    private void twist() {
        int[] x = mt;
        int i = 0;
        for (; i < N - M; i++) {
            int y = (x[i] & UPPER_MASK) | (x[i + 1] & LOWER_MASK);
            x[i] = x[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; i < N - 1; i++) {
            int y = (x[i] & UPPER_MASK) | (x[i + 1] & LOWER_MASK);
            x[i] = x[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        int y = (x[N - 1] & UPPER_MASK) | (x[0] & LOWER_MASK);
        x[N - 1] = x[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        index = 0;
    }
}
