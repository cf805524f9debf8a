package io.zerobuffer.tools;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The frame contents the peers' writers produce and their readers verify (docs/CLI.md, "Data patterns"). */
enum DataPattern {
    /** Byte j of frame i = (i + j) mod 256. */
    SEQUENTIAL,
    /** mt19937 seeded with the frame index, each byte a uniform draw in [0, 255] (see {@link RandomDraw}). */
    RANDOM,
    /** Every byte 0x00. */
    ZERO,
    /** Every byte 0xFF. */
    ONES;

    /** @return the name used on the command line */
    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a name from the command line
     * @return the pattern
     * @throws IllegalArgumentException naming the valid choices
     */
    static DataPattern parse(String text) {
        for (DataPattern p : values()) {
            if (p.cliName().equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pattern '" + text + "' (expected one of " + choices() + ")");
    }

    /** @return the valid names, separated by '|' */
    static String choices() {
        return Arrays.stream(values()).map(DataPattern::cliName).collect(Collectors.joining("|"));
    }
}
