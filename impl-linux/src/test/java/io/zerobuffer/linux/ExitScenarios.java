package io.zerobuffer.linux;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import java.time.Duration;

/**
 * A plain-Java program that opens a reader and a writer and never closes them, run in a child
 * JVM by {@link ExitCleanupTest}. Modes: {@code hold NAME} prints READY and reads until the JVM
 * is stopped (by a signal); {@code return NAME} returns from {@code main} once both are open;
 * {@code hold-unmanaged NAME} is {@code hold} with the factory's exit cleanup switched off.
 */
public final class ExitScenarios {
    private ExitScenarios() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String name = args[1];
        LinuxZeroBufferFactory factory = mode.equals("hold-unmanaged") ? new LinuxZeroBufferFactory(false)
                : new LinuxZeroBufferFactory();
        Reader reader = factory.createReader(name, BufferConfig.of(1024, 64 * 1024));
        Writer writer = factory.attachWriter(name, WriterOptions.defaults().withAttachTimeout(Duration.ofSeconds(10)));
        writer.write(new byte[100]);
        try (Frame frame = reader.read(Duration.ofSeconds(10))) {
            if (frame == null) {
                throw new AssertionError("no frame");
            }
        }
        System.out.println("READY");
        System.out.flush();
        if (mode.equals("return")) {
            return;
        }
        // a reader blocked in read() when the signal comes, as in a real consumer
        while (true) {
            try {
                reader.read(Duration.ofSeconds(1));
            } catch (IllegalStateException closed) {
                Thread.sleep(60_000);
            }
        }
    }
}
