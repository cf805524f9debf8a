package io.zerobuffer.tools;

import java.nio.ByteBuffer;

/**
 * The frame checksum of the peers' readers (docs/CLI.md, "Checksum"): {@code hash = hash * 31 + b}
 * over the unsigned bytes, in unsigned 64-bit arithmetic (Java's {@code long} wraps the same
 * way), printed as lower-case hex without leading zeros.
 */
final class Checksum {
    private Checksum() {
    }

    /** @return the hash of the bytes from position to limit; the position is not changed */
    static long of(ByteBuffer data) {
        long hash = 0;
        for (int j = data.position(), end = data.limit(); j < end; j++) {
            hash = hash * 31 + (data.get(j) & 0xFF);
        }
        return hash;
    }

    /** @return the hash as the peers print it */
    static String hex(long hash) {
        return Long.toHexString(hash);
    }
}
