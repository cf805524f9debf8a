package io.zerobuffer.tools;

import java.nio.ByteBuffer;
import java.util.Locale;
import picocli.CommandLine;

/** What {@code relay --transform} does to each frame on its way from input to output. */
enum Transform {
    /** Copy as is. */
    NONE,
    /** Byte order reversed. */
    REVERSE,
    /** Every byte XORed with the key. */
    XOR;

    /**
     * Writes the transformed bytes of {@code src} (position to limit) into {@code dst} from
     * index 0, with absolute gets and puts: neither position changes.
     *
     * @param key the XOR key, 0 to 255
     */
    void apply(ByteBuffer src, ByteBuffer dst, int key) {
        int from = src.position();
        int n = src.remaining();
        switch (this) {
            case NONE:
                dst.put(0, src, from, n);
                break;
            case REVERSE:
                for (int j = 0, k = from + n - 1; j < n; j++, k--) {
                    dst.put(j, src.get(k));
                }
                break;
            case XOR:
                // Eight bytes at a time: the key repeated in every byte of a long is the same
                // whatever the byte order, as long as both buffers read and write with one order.
                long wide = (key & 0xFFL) * 0x0101_0101_0101_0101L;
                ByteBuffer in = src.order() == dst.order() ? src : src.duplicate().order(dst.order());
                int j = 0;
                for (; j + 8 <= n; j += 8) {
                    dst.putLong(j, in.getLong(from + j) ^ wide);
                }
                for (; j < n; j++) {
                    dst.put(j, (byte) (src.get(from + j) ^ key));
                }
                break;
            default:
                throw new IllegalStateException(name());
        }
    }

    /** A {@code --transform} value: none, reverse or xor. */
    static final class Converter implements CommandLine.ITypeConverter<Transform> {
        @Override
        public Transform convert(String value) {
            for (Transform t : values()) {
                if (t.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return t;
                }
            }
            throw new CommandLine.TypeConversionException("unknown transform '" + value
                    + "' (expected one of none|reverse|xor)");
        }
    }
}
