package io.zerobuffer.linux;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.DuplexClient;
import io.zerobuffer.api.DuplexServer;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderOptions;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferFactory;
import io.zerobuffer.linux.duplex.LinuxDuplexClient;
import io.zerobuffer.linux.duplex.LinuxDuplexServer;
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
 *
 * <p><b>At JVM exit.</b> By default the factory also registers a JVM shutdown hook that does
 * the same {@link #close()} when the JVM ends normally or on SIGTERM, SIGINT or SIGHUP (not on
 * SIGKILL or a crash: those leave the buffer to the stale sweep of the next reader of that
 * name). {@link #close()} removes the hook. A host that manages lifecycles itself (an OSGi
 * framework closing on deactivation, a container) turns it off with
 * {@link #LinuxZeroBufferFactory(boolean) new LinuxZeroBufferFactory(false)}: the hook keeps the
 * factory and its class loader reachable until the factory is closed.
 *
 * <p>Thread-safe.
 */
public final class LinuxZeroBufferFactory implements ZeroBufferFactory, AutoCloseable {
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private final Thread exitHook;

    /** Creates a factory that closes what it opened at JVM exit; it opens nothing until asked. */
    public LinuxZeroBufferFactory() {
        this(true);
    }

    /**
     * Creates a factory; it opens nothing until asked.
     *
     * @param closeAtExit whether a JVM shutdown hook closes every reader and writer of this
     *                    factory still open when the JVM ends (normal exit, SIGTERM, SIGINT);
     *                    {@code false} for hosts that close the factory themselves
     */
    public LinuxZeroBufferFactory(boolean closeAtExit) {
        if (closeAtExit) {
            exitHook = new Thread(this::closeAtExit, "zerobuffer-exit");
            Runtime.getRuntime().addShutdownHook(exitHook);
        } else {
            exitHook = null;
        }
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

    @Override
    public DuplexServer createDuplexServer(String channel, BufferConfig requestConfig, ReaderOptions requestOptions,
            WriterOptions responseOptions) {
        LinuxBufferDirectory directory = new LinuxBufferDirectory();
        LinuxDuplexServer server;
        try {
            server = new LinuxDuplexServer(this, directory, channel, requestConfig, requestOptions, responseOptions,
                    closed -> {
                        open.remove(closed);
                        directory.close();
                    });
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
        open.add(server);
        return server;
    }

    @Override
    public DuplexClient createDuplexClient(String channel, BufferConfig responseConfig, WriterOptions requestOptions,
            ReaderOptions responseOptions) {
        LinuxDuplexClient client = LinuxDuplexClient.connect(this, channel, responseConfig, requestOptions,
                responseOptions, open::remove);
        open.add(client);
        return client;
    }

    /** @return how many readers and writers from this factory are still open */
    public int openCount() {
        return open.size();
    }

    /**
     * Closes every duplex server and client, reader and writer from this factory that is still
     * open: duplex channels first (they close their own buffers), then writers, then readers;
     * and removes the exit hook. The factory stays usable.
     */
    @Override
    public void close() {
        if (exitHook != null && Thread.currentThread() != exitHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway; closing twice is harmless
            }
        }
        closeOpen();
    }

    private void closeAtExit() {
        try {
            closeOpen();
        } catch (RuntimeException e) {
            System.err.println("zerobuffer: closing buffers at exit: " + e);
        }
    }

    private void closeOpen() {
        List<AutoCloseable> duplex = new ArrayList<>();
        List<AutoCloseable> writers = new ArrayList<>();
        List<AutoCloseable> readers = new ArrayList<>();
        for (AutoCloseable resource : open) {
            if (resource instanceof DuplexServer || resource instanceof DuplexClient) {
                duplex.add(resource);
            } else if (resource instanceof Writer) {
                writers.add(resource);
            } else {
                readers.add(resource);
            }
        }
        List<AutoCloseable> inOrder = new ArrayList<>(duplex);
        inOrder.addAll(writers);
        inOrder.addAll(readers);
        RuntimeException failure = null;
        for (AutoCloseable resource : inOrder) {
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
