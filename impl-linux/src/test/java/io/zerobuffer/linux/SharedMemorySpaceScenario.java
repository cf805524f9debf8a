package io.zerobuffer.linux;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;

/**
 * Run in a child JVM whose {@code /dev/shm} is a small tmpfs of its own (a mount namespace):
 * creates a buffer whose ring is larger than that file system, and prints what happened. When
 * the creation is (wrongly) allowed, a writer fills the ring to show what the first process to
 * touch a page that cannot be had meets.
 *
 * <pre>
 *   refused CLASS MESSAGE       the creation failed
 *   created                     the creation succeeded, then
 *   wrote N | write-failed CLASS MESSAGE
 * </pre>
 */
public final class SharedMemorySpaceScenario {
    private SharedMemorySpaceScenario() {
    }

    /** @param args buffer name, ring bytes */
    public static void main(String[] args) {
        String name = args[0];
        long ring = Long.parseLong(args[1]);
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            Reader reader;
            try {
                reader = factory.createReader(name, BufferConfig.of(0, ring));
            } catch (RuntimeException e) {
                System.out.println("refused " + e.getClass().getName() + " " + e.getMessage());
                return;
            }
            System.out.println("created");
            int frame = 64 << 10;
            byte[] source = new byte[frame];
            long written = 0;
            try (Writer writer = factory.attachWriter(name, WriterOptions.defaults())) {
                for (long bytes = 0; bytes + frame + 16 < ring; bytes += frame + 16) {
                    writer.write(source, 0, frame);
                    written++;
                }
                System.out.println("wrote " + written);
            } catch (RuntimeException | Error e) {
                System.out.println("write-failed " + e.getClass().getName() + " " + e.getMessage());
            } finally {
                reader.close();
            }
        }
    }
}
