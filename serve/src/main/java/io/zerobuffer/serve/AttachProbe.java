package io.zerobuffer.serve;

import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.linux.LinuxZeroBufferFactory;

/**
 * Tries to attach a writer to a buffer and prints the outcome on one line: {@code attached}, or
 * the exception's class and message. The permission scenario runs it as another user.
 */
public final class AttachProbe {
    private AttachProbe() {
    }

    /** @param args the buffer name */
    public static void main(String[] args) {
        try (LinuxZeroBufferFactory engine = new LinuxZeroBufferFactory()) {
            engine.attachWriter(args[0], WriterOptions.defaults()).close();
            System.out.println("attached");
        } catch (RuntimeException e) {
            System.out.println(e.getClass().getName() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
