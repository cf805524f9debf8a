package io.zerobuffer.linux;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.linux.layout.BufferWindow;
import io.zerobuffer.linux.posix.UnsafeAccess;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * Child-JVM scenario for {@link UnsafeFallbackTest}: a reader and a writer in one thread carry
 * frames of every write path through a small ring (so they wrap), and metadata, and check every
 * byte. Prints {@code unsafe=absent|present}, then {@code ok frames=N} or the first mismatch,
 * and exits 0 only when every frame matched.
 */
final class FallbackScenario {
    private FallbackScenario() {
    }

    public static void main(String[] args) {
        System.out.println("unsafe=" + (UnsafeAccess.UNSAFE == null ? "absent" : "present")
                + " allocation-free-views=" + BufferWindow.isAllocationFree());
        String name = args[0];
        int frames = Integer.parseInt(args[1]);
        Duration timeout = Duration.ofSeconds(5);
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            Reader reader = factory.createReader(name, BufferConfig.of(256, 4096));
            Writer writer = factory.attachWriter(name);
            byte[] metadata = "fallback metadata".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            writer.writeMetadata(metadata);
            ByteBuffer readBack = reader.metadata();
            byte[] got = new byte[readBack.remaining()];
            readBack.get(got);
            if (!Arrays.equals(metadata, got)) {
                System.out.println("metadata mismatch: " + new String(got, java.nio.charset.StandardCharsets.US_ASCII));
                System.exit(2);
            }
            for (int i = 0; i < frames; i++) {
                int size = 1 + (i * 37) % 700;
                byte[] payload = new byte[size];
                Arrays.fill(payload, (byte) i);
                payload[size - 1] = (byte) (i >>> 8);
                switch (i % 4) {
                    case 0:
                        writer.write(payload);
                        break;
                    case 1:
                        writer.write(ByteBuffer.wrap(payload));
                        break;
                    case 2:
                        writer.acquire(size).put(0, payload);
                        writer.commit();
                        break;
                    default:
                        ByteBuffer direct = ByteBuffer.allocateDirect(size).put(payload).flip();
                        writer.write(new ByteBuffer[] {direct}, 0, 1);
                        break;
                }
                try (Frame frame = reader.read(timeout)) {
                    ByteBuffer data = frame.data();
                    byte[] read = new byte[data.remaining()];
                    data.get(read);
                    if (frame.sequence() != i + 1 || !Arrays.equals(payload, read)) {
                        System.out.println("frame " + i + " mismatch: sequence " + frame.sequence() + ", " + read.length
                                + " bytes, expected " + size);
                        System.exit(3);
                    }
                }
            }
            writer.close();
            reader.close();
        }
        System.out.println("ok frames=" + frames);
    }
}
