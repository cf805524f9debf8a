package io.zerobuffer.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ChecksumTest {

    /** The docs/CLI.md formula with arbitrary precision, reduced modulo 2^64 only at the end. */
    private static String reference(byte[] data) {
        BigInteger hash = BigInteger.ZERO;
        for (byte b : data) {
            hash = hash.multiply(BigInteger.valueOf(31)).add(BigInteger.valueOf(b & 0xFF));
        }
        return hash.mod(BigInteger.ONE.shiftLeft(64)).toString(16);
    }

    @Test
    void emptyAndSmallInputs() {
        assertEquals("0", Checksum.hex(Checksum.of(ByteBuffer.allocate(0))));
        assertEquals("ff", Checksum.hex(Checksum.of(ByteBuffer.wrap(new byte[] {(byte) 0xFF}))));
        // 1*31 + 2 = 33 = 0x21: bytes are unsigned
        assertEquals("21", Checksum.hex(Checksum.of(ByteBuffer.wrap(new byte[] {1, 2}))));
    }

    @Test
    void wrapsAsUnsigned64BitArithmeticAndPrintsWithoutLeadingZeros() {
        byte[] data = new byte[4096];
        for (int j = 0; j < data.length; j++) {
            data[j] = (byte) (j * 7 + 200);
        }
        assertEquals(reference(data), Checksum.hex(Checksum.of(ByteBuffer.wrap(data))));
    }

    @Test
    void coversPositionToLimitOnly() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 1, 2, 9});
        buffer.position(1).limit(3);
        assertEquals("21", Checksum.hex(Checksum.of(buffer)));
        assertEquals(1, buffer.position());
    }
}
