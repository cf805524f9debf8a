package io.zerobuffer.linux;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderOptions;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Linux engine: creates readers and attaches writers over POSIX shared memory, named
 * semaphores and {@code flock} lock files, wire-compatible with the C++, C# and Python
 * ZeroBuffer implementations. Use it directly in plain Java, or as the {@link ZeroBufferFactory}
 * service the engine bundle publishes.
 *
 * <p>The factory remembers what it opened until closed: {@link #close()} closes every reader
 * and writer still open, so that nothing is left in {@code /dev/shm} or {@code /tmp/zerobuffer}.
 * Thread-safe.
 */
public final class LinuxZeroBufferFactory implements ZeroBufferFactory, AutoCloseable {
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();

    /** Creates a factory; it opens nothing until asked. */
    public LinuxZeroBufferFactory() {
    }

    @Override
    public Reader createReader(String name, BufferConfig config) {
        return createReader(name, config, ReaderOptions.defaults());
    }

    @Override
    public Reader createReader(String name, BufferConfig config, ReaderOptions options) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(options, "options");
        LinuxReader reader = LinuxReader.create(name, config, options, open::remove);
        open.add(reader);
        return reader;
    }

    @Override
    public Writer attachWriter(String name, WriterOptions options) {
        Objects.requireNonNull(options, "options");
        LinuxWriter writer = LinuxWriter.attach(name, options, open::remove);
        open.add(writer);
        return writer;
    }

    /** @return how many readers and writers from this factory are still open */
    public int openCount() {
        return open.size();
    }

    /** Closes every reader and writer from this factory that is still open; writers first. */
    @Override
    public void close() {
        List<AutoCloseable> writersFirst = new ArrayList<>();
        for (AutoCloseable resource : open) {
            if (resource instanceof Writer) {
                writersFirst.add(0, resource);
            } else {
                writersFirst.add(resource);
            }
        }
        RuntimeException failure = null;
        for (AutoCloseable resource : writersFirst) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing " + resource + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
