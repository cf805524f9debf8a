package io.zerobuffer.linux;

import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * What a process may do to a buffer: {@code AccessProbe NAME} attaches a writer and writes one
 * frame, then tries to open each of the buffer's files for reading and writing and to delete
 * the lock file. Prints one line per attempt: {@code ATTACHED}, {@code WROTE},
 * {@code REFUSED <exception>: <message>}, {@code OPEN <path>} / {@code DENIED <path>},
 * {@code DELETED <path>} / {@code NOT-DELETED <path>}.
 */
public final class AccessProbe {
    private AccessProbe() {
    }

    public static void main(String[] args) {
        String name = args[0];
        try (LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory()) {
            Writer writer = factory.attachWriter(name, WriterOptions.defaults().withAttachTimeout(Duration.ofSeconds(2)));
            System.out.println("ATTACHED");
            writer.write(new byte[] {42});
            System.out.println("WROTE");
            writer.close();
        } catch (ZeroBufferException e) {
            System.out.println("REFUSED " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        ObjectNames names = ObjectNames.of(name);
        for (Path path : new Path[] {Path.of("/dev/shm", name), Path.of("/dev/shm", "sem." + names.dataReady()),
            Path.of("/dev/shm", "sem." + names.spaceFreed()), names.lockFile()}) {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                System.out.println("OPEN " + path);
            } catch (IOException e) {
                System.out.println("DENIED " + path);
            }
        }
        try {
            Files.delete(names.lockFile());
            System.out.println("DELETED " + names.lockFile());
        } catch (IOException e) {
            System.out.println("NOT-DELETED " + names.lockFile());
        }
        System.out.flush();
    }
}
