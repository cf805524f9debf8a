package io.zerobuffer.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates readers and attaches writers by buffer name. In an OSGi framework the engine bundle
 * publishes an implementation as a service. Thread-safe.
 */
@ProviderType
public interface ZeroBufferFactory {

    /**
     * Creates a buffer and becomes its reader. Stale objects of that name left by dead
     * processes (of any language) are removed first.
     *
     * @param name   the buffer name, see {@link BufferNames}
     * @param config the sizes
     * @return the reader, owning the buffer until closed
     * @throws ReaderAlreadyConnectedException if a live reader owns that name
     * @throws IllegalArgumentException        if the name is invalid
     * @throws ZeroBufferException             if the OS refuses a resource (message says which)
     */
    Reader createReader(String name, BufferConfig config);

    /**
     * Creates a buffer and becomes its reader, waiting for frames as the options say. Every
     * implementation overrides this method and honours the options (the Linux engine does).
     * The default exists only so that implementations written against 1.1 still load; it
     * throws rather than ignore the options (in 1.1 it ignored them). It becomes abstract at
     * the next major version.
     *
     * @param name    the buffer name, see {@link BufferNames}
     * @param config  the sizes
     * @param options how reads wait
     * @return the reader, owning the buffer until closed
     * @throws UnsupportedOperationException if the implementation does not override this method
     * @see #createReader(String, BufferConfig)
     * @since 1.1
     */
    default Reader createReader(String name, BufferConfig config, ReaderOptions options) {
        throw new UnsupportedOperationException(getClass().getName()
                + " does not implement createReader(name, config, options): it cannot honour ReaderOptions "
                + options + " for buffer '" + name + "'; use createReader(name, config) for the defaults");
    }

    /**
     * Attaches a writer with {@link WriterOptions#defaults()}.
     *
     * @param name the buffer name
     * @return the writer
     * @see #attachWriter(String, WriterOptions)
     */
    default Writer attachWriter(String name) {
        return attachWriter(name, WriterOptions.defaults());
    }

    /**
     * Attaches a writer to a buffer a reader created.
     *
     * @param name    the buffer name
     * @param options timeouts and wait strategy
     * @return the writer
     * @throws BufferNotFoundException         if no buffer of that name appeared within the attach timeout
     * @throws IncompatibleBufferException     if the shared memory is not a ZeroBuffer v1 buffer
     * @throws ReaderDeadException             if the buffer's reader is gone
     * @throws WriterAlreadyConnectedException if a live writer is attached
     * @throws IllegalArgumentException        if the name is invalid
     */
    Writer attachWriter(String name, WriterOptions options);

    /**
     * Creates the server of duplex channel {@code channel}, not yet started: {@link
     * DuplexServer#start(DuplexHandler)} creates the request buffer {@code channel_request}
     * with these sizes and serves clients.
     *
     * @param channel       the channel name; {@code channel + "_request"} and {@code channel +
     *                      "_response"} must be valid buffer names
     * @param requestConfig the sizes of the request buffer (its ring bounds the largest request)
     * @return the server
     * @see #createDuplexServer(String, BufferConfig, ReaderOptions, WriterOptions)
     * @since 1.2
     */
    default DuplexServer createDuplexServer(String channel, BufferConfig requestConfig) {
        return createDuplexServer(channel, requestConfig, ReaderOptions.defaults(), WriterOptions.defaults());
    }

    /**
     * Creates the server of duplex channel {@code channel}, not yet started.
     *
     * @param channel         the channel name
     * @param requestConfig   the sizes of the request buffer
     * @param requestOptions  how the server waits for requests
     * @param responseOptions how the server waits for room in a client's response ring (the
     *                        attach timeout is not used: the server waits for clients indefinitely)
     * @return the server
     * @throws IllegalArgumentException if the channel name is invalid
     * @since 1.2
     */
    DuplexServer createDuplexServer(String channel, BufferConfig requestConfig, ReaderOptions requestOptions,
            WriterOptions responseOptions);

    /**
     * Connects a client to duplex channel {@code channel}: attaches to {@code channel_request}
     * (waiting up to 5 s for the server to create it), then creates {@code channel_response}
     * with these sizes.
     *
     * @param channel        the channel name
     * @param responseConfig the sizes of the response buffer (its ring bounds the largest response)
     * @return the client
     * @see #createDuplexClient(String, BufferConfig, WriterOptions, ReaderOptions)
     * @since 1.2
     */
    default DuplexClient createDuplexClient(String channel, BufferConfig responseConfig) {
        return createDuplexClient(channel, responseConfig,
                WriterOptions.defaults().withAttachTimeout(java.time.Duration.ofSeconds(5)), ReaderOptions.defaults());
    }

    /**
     * Connects a client to duplex channel {@code channel}.
     *
     * @param channel         the channel name
     * @param responseConfig  the sizes of the response buffer
     * @param requestOptions  how long to wait for the server's request buffer (attach timeout)
     *                        and for room in it
     * @param responseOptions how the client waits for responses
     * @return the client
     * @throws BufferNotFoundException          if no server created the request buffer in time
     * @throws WriterAlreadyConnectedException  if another client is connected
     * @throws ReaderAlreadyConnectedException  if a live process owns {@code channel_response}
     * @throws IllegalArgumentException         if the channel name is invalid
     * @since 1.2
     */
    DuplexClient createDuplexClient(String channel, BufferConfig responseConfig, WriterOptions requestOptions,
            ReaderOptions responseOptions);
}
