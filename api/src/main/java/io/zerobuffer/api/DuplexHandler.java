package io.zerobuffer.api;

import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers the requests of a duplex channel: called by the {@link DuplexServer} once per
 * request, in order, on one thread.
 *
 * <p>The handler writes exactly one response to the given writer: in place with
 * {@link Writer#acquire(int)} and {@link Writer#commit()}, or a copy with {@code write}. The
 * n-th response answers the n-th request (the response's sequence equals the request's). A
 * second response is refused with {@link DuplexResponseException}; a handler that writes none,
 * or throws, is logged and counted in {@link DuplexServer#handlerErrors()}, and that request gets
 * no response: the client's wait for it times out, as with the C++, C# and Python servers. From
 * then on the channel's responses no longer pair with its requests; the client should close and
 * connect again, which the server accepts without a restart.
 *
 * <p>In an OSGi framework, a handler registered as a service with the property
 * {@code zerobuffer.channel=NAME} (optional {@code zerobuffer.payload.size} and
 * {@code zerobuffer.metadata.size}, in bytes, for the request buffer) is served by the engine
 * for as long as it is registered.
 *
 * @since 1.2
 */
@ConsumerType
@FunctionalInterface
public interface DuplexHandler {

    /** Service property naming the channel a whiteboard handler serves. */
    String CHANNEL_PROPERTY = "zerobuffer.channel";
    /** Optional service property: the request ring's size in bytes. */
    String PAYLOAD_SIZE_PROPERTY = "zerobuffer.payload.size";
    /** Optional service property: the request buffer's metadata block size in bytes. */
    String METADATA_SIZE_PROPERTY = "zerobuffer.metadata.size";

    /**
     * Handles one request.
     *
     * @param request  the request frame, in place in shared memory; valid until this method
     *                 returns (the server closes it)
     * @param response the response writer; write exactly one frame. Owned by the server:
     *                 closing it does nothing
     * @throws Exception any failure: logged and counted, and the request gets no response
     */
    void handle(Frame request, Writer response) throws Exception;

    /**
     * Called once per client, before its first request is handled, when the client wrote
     * metadata on the request buffer. Does nothing by default.
     *
     * @param metadata a read-only view of the client's metadata, valid during this call
     * @throws Exception any failure: logged and counted; the requests are handled anyway
     */
    default void onInit(ByteBuffer metadata) throws Exception {
    }
}
