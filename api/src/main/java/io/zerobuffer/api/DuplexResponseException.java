package io.zerobuffer.api;

/**
 * A {@link DuplexHandler} broke the duplex rule "exactly one response per request": it wrote
 * a second response (thrown to the handler from the response writer, so the second response
 * never reaches the client), or it returned without writing any (reported by the server).
 * Either way the server logs it and counts it in {@link DuplexServer#handlerErrors()}.
 *
 * @since 1.2
 */
public class DuplexResponseException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the response buffer ({@code CHANNEL_response})
     * @param message    what the handler did, naming the request's sequence
     */
    public DuplexResponseException(String bufferName, String message) {
        super(bufferName, message);
    }
}
