package io.zerobuffer.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransformTest {

    private static ByteBuffer source(int n) {
        ByteBuffer src = ByteBuffer.allocateDirect(n + 3).order(ByteOrder.LITTLE_ENDIAN);
        for (int j = 0; j < n + 3; j++) {
            src.put(j, (byte) (j * 13 + 1));
        }
        return src.position(3).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 1024, 1031})
    void xorAppliesTheKeyToEveryByte(int n) {
        ByteBuffer src = source(n);
        ByteBuffer dst = ByteBuffer.allocate(n).order(ByteOrder.BIG_ENDIAN);
        Transform.XOR.apply(src, dst, 0x5A);
        for (int j = 0; j < n; j++) {
            assertEquals((byte) (src.get(j) ^ 0x5A), dst.get(j), "byte " + j);
        }
    }

    @Test
    void reverseAndNone() {
        ByteBuffer src = source(10);
        ByteBuffer dst = ByteBuffer.allocate(10);
        Transform.REVERSE.apply(src, dst, 0);
        for (int j = 0; j < 10; j++) {
            assertEquals(src.get(9 - j), dst.get(j));
        }
        Transform.NONE.apply(src, dst, 0);
        assertEquals(-1, src.mismatch(dst));
    }
}
