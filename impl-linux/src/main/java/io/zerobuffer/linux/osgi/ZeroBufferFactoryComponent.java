package io.zerobuffer.linux.osgi;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.DuplexClient;
import io.zerobuffer.api.DuplexServer;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderOptions;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferFactory;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * Publishes the engine as the {@link ZeroBufferFactory} service. Bundle scope: every bundle
 * that uses the service gets its own instance, so the readers and writers a bundle opened are
 * closed (shared memory, semaphores and lock files removed) when that bundle releases the
 * service or stops, and all of them when this bundle stops or the framework shuts down.
 */
@Component(service = ZeroBufferFactory.class, scope = ServiceScope.BUNDLE)
public final class ZeroBufferFactoryComponent implements ZeroBufferFactory {
    /** No exit hook: the framework deactivates this component, which closes everything. */
    private final LinuxZeroBufferFactory engine = new LinuxZeroBufferFactory(false);

    @Override
    public Reader createReader(String name, BufferConfig config) {
        return engine.createReader(name, config);
    }

    @Override
    public Reader createReader(String name, BufferConfig config, ReaderOptions options) {
        return engine.createReader(name, config, options);
    }

    @Override
    public Writer attachWriter(String name, WriterOptions options) {
        return engine.attachWriter(name, options);
    }

    @Override
    public DuplexServer createDuplexServer(String channel, BufferConfig requestConfig, ReaderOptions requestOptions,
            WriterOptions responseOptions) {
        return engine.createDuplexServer(channel, requestConfig, requestOptions, responseOptions);
    }

    @Override
    public DuplexClient createDuplexClient(String channel, BufferConfig responseConfig, WriterOptions requestOptions,
            ReaderOptions responseOptions) {
        return engine.createDuplexClient(channel, responseConfig, requestOptions, responseOptions);
    }

    /** Closes every duplex channel, reader and writer created through this instance. */
    @Deactivate
    void deactivate() {
        engine.close();
    }
}
