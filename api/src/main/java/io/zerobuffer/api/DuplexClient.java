package io.zerobuffer.api;

import java.nio.ByteBuffer;
import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The client side of a duplex channel {@code C}: the writer of {@code C_request} (which the
 * server created) and the reader and owner of {@code C_response} (which the client creates).
 * Wire-compatible with the C++, C# and Python duplex servers.
 *
 * <p>Requests and responses are frames with no extra bytes. The n-th response answers the n-th
 * request; both sides number from 1, so a response's {@link Frame#sequence()} equals the
 * sequence {@link #commit()} or {@code send} returned for its request. Requests may be
 * pipelined: send several, then receive their responses in the same order.
 *
 * <p>A server that dies or stops is reported as {@link ServerDeadException}: by
 * {@link #receive(Duration)} within about 100 ms, and by the next {@link #acquire(int)} or
 * {@code send}: a server that stopped at once, one that died within about 100 ms (its liveness
 * is asked at most every 50 ms, so sending stays free of system calls). One
 * client per channel at a time: a second one fails with
 * {@link WriterAlreadyConnectedException}. Not thread-safe: one thread sends and receives
 * (the status methods excepted).
 *
 * @since 1.2
 */
@ProviderType
public interface DuplexClient extends AutoCloseable {

    /** @return the channel name {@code C} (the buffers are {@code C_request} and {@code C_response}) */
    String channel();

    /**
     * Copies metadata into the request buffer, once per client; a server that implements
     * {@link DuplexHandler#onInit(ByteBuffer)} receives it before the first request.
     *
     * @param metadata the bytes
     * @throws MetadataAlreadyWrittenException if metadata was written already
     * @throws MetadataTooLargeException       if it does not fit the request buffer's metadata block
     */
    void writeMetadata(byte[] metadata);

    /**
     * Reserves room for a request of {@code size} bytes in the request ring and returns a
     * writable view of it; fill it, then {@link #commit()}.
     *
     * @param size request bytes; at least 1
     * @return a writable view, position 0, limit {@code size}
     * @throws FrameTooLargeException if the request can never fit the server's request ring
     * @throws BufferFullException    if the server did not free room within the write timeout
     * @throws ServerDeadException    if the server stopped or died (see the class comment)
     */
    ByteBuffer acquire(int size);

    /**
     * Publishes the request reserved by {@link #acquire(int)}.
     *
     * @return the request's sequence number, which its response will carry
     * @throws IllegalStateException if no request is acquired
     */
    long commit();

    /**
     * Copies one request into the request ring: the bytes from position to limit.
     *
     * @param request the request; at least 1 byte
     * @return the request's sequence number
     * @see #acquire(int)
     */
    long send(ByteBuffer request);

    /**
     * Copies one request into the request ring.
     *
     * @param request the request; at least 1 byte
     * @return the request's sequence number
     * @see #acquire(int)
     */
    long send(byte[] request);

    /**
     * Waits for the next response.
     *
     * @param timeout how long to wait; zero polls
     * @return the response, a view in place in shared memory; close it before the next
     *         receive. {@code null} if none came within the timeout
     * @throws ServerDeadException if the server died or stopped (after every response it
     *                             wrote has been received)
     */
    Frame receive(Duration timeout);

    /**
     * Sends a request and waits for its response.
     *
     * @param request the request, from position to limit
     * @param timeout how long to wait for the response
     * @return the response (close it before the next call), or {@code null} on timeout
     * @throws SequenceErrorException if the next response carries another sequence than the
     *                                request's: an earlier request went unanswered or its
     *                                response was not received; connect again to resynchronise
     * @throws ServerDeadException    if the server is gone
     */
    Frame call(ByteBuffer request, Duration timeout);

    /**
     * Sends a request and waits for its response.
     *
     * @param request the request
     * @param timeout how long to wait for the response
     * @return the response (close it before the next call), or {@code null} on timeout
     * @see #call(ByteBuffer, Duration)
     */
    Frame call(byte[] request, Duration timeout);

    /** @return whether a server process owns the request buffer and is alive */
    boolean isServerConnected();

    /** @return requests committed by this client */
    long requestsSent();

    /** @return responses received by this client */
    long responsesReceived();

    /**
     * Detaches from {@code C_request} (the server sees the client leave and waits for the next
     * one) and removes {@code C_response}. Idempotent.
     */
    @Override
    void close();
}
