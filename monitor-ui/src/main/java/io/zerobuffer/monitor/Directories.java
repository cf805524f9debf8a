package io.zerobuffer.monitor;

import io.zerobuffer.api.BufferDirectory;
import java.util.ServiceLoader;

/**
 * The standalone monitor's {@link BufferDirectory}: the first implementation on the class path
 * that declares itself in {@code META-INF/services/io.zerobuffer.api.BufferDirectory} (the
 * engine's is {@code io.zerobuffer.linux.LinuxBufferDirectory}). Inside an OSGi framework the
 * monitor gets its directory as a service instead; either way it names no implementation.
 */
public final class Directories {
    private Directories() {
    }

    /**
     * @return a new directory
     * @throws IllegalStateException when no implementation is on the class path
     */
    public static BufferDirectory open() {
        return ServiceLoader.load(BufferDirectory.class, Directories.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no io.zerobuffer.api.BufferDirectory implementation on the class path (zerobuffer-impl-linux)"));
    }

    /**
     * Closes a directory that holds resources (the engine's unmaps its cached mappings).
     *
     * @param directory a directory from {@link #open()}
     */
    public static void close(BufferDirectory directory) {
        if (directory instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing on the way out: nothing to report to
            }
        }
    }
}
