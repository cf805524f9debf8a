package io.zerobuffer.api;

import java.util.concurrent.Executor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The server side of a duplex channel {@code C}: the reader and owner of {@code C_request} and
 * the writer of each client's {@code C_response}. Wire-compatible with the C++, C# and Python
 * duplex clients.
 *
 * <p>{@link #start(DuplexHandler)} creates {@code C_request} and starts one thread that serves
 * clients one after another for as long as the server runs: it waits for a client indefinitely,
 * attaches to its {@code C_response} once the client has created it, hands each request to the
 * handler in order, and when the client leaves or dies it detaches, discards the half-finished
 * exchange (the request buffer is created afresh) and waits for the next client. A second
 * client while one is served fails with {@link WriterAlreadyConnectedException}.
 *
 * <p>Thread-safe: start, stop, close and the counters may be called from any thread.
 *
 * @since 1.2
 */
@ProviderType
public interface DuplexServer extends AutoCloseable {

    /** @return the channel name {@code C} */
    String channel();

    /**
     * Creates {@code C_request} and starts serving on a new thread, which calls the handler.
     *
     * @param handler answers each request with one response
     * @throws IllegalStateException           if the server is running or closed
     * @throws ReaderAlreadyConnectedException if a live server already serves the channel
     */
    void start(DuplexHandler handler);

    /**
     * As {@link #start(DuplexHandler)}, but each request is handled by a task given to the
     * executor. The server hands over one request at a time and waits for its task to finish,
     * so responses are still committed in request order.
     *
     * @param handler  answers each request with one response
     * @param executor runs the handler
     * @throws IllegalStateException if the server is running or closed
     */
    void start(DuplexHandler handler, Executor executor);

    /**
     * Stops serving: the request being handled is finished (its response committed), then the
     * server detaches from the client's {@code C_response} (the client receives what was written,
     * then {@link ServerDeadException}) and removes {@code C_request}. Waits for the serving
     * thread to end, unless called from the handler itself. The server may be started again.
     * Does nothing if it is not running.
     */
    void stop();

    /** @return whether the server is serving (between start and stop) */
    boolean isRunning();

    /** @return whether a client is attached and being served */
    boolean isClientConnected();

    /** @return requests handed to the handler since the server was created */
    long requests();

    /** @return responses committed since the server was created */
    long responses();

    /**
     * @return requests whose handler threw or wrote no response, plus second responses
     *         refused and init callbacks that threw, since the server was created
     */
    long handlerErrors();

    /** @return clients served (attached) since the server was created */
    long clients();

    /** Stops the server; it cannot be started again. Idempotent. */
    @Override
    void close();
}
