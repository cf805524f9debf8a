package io.zerobuffer.api;

/**
 * Creates readers and attaches writers by buffer name. In an OSGi framework the engine bundle
 * publishes an implementation as a service. Thread-safe.
 */
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
     * Creates a buffer and becomes its reader, waiting for frames as the options say. The
     * default implementation ignores the options (it reads with {@link WaitStrategy#BLOCKING});
     * the Linux engine honours them.
     *
     * @param name    the buffer name, see {@link BufferNames}
     * @param config  the sizes
     * @param options how reads wait
     * @return the reader, owning the buffer until closed
     * @see #createReader(String, BufferConfig)
     * @since 1.1
     */
    default Reader createReader(String name, BufferConfig config, ReaderOptions options) {
        return createReader(name, config);
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
}
