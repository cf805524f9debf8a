package io.zerobuffer.api;

/**
 * The server of a duplex channel is gone: its process died, or it stopped serving. A client
 * waiting for a response learns it within about 100 ms (at most one second); a request sent
 * meanwhile is refused with it only when it has to wait for ring space (a request that fits is
 * written, and the next receive reports the server gone). Thrown by {@link DuplexClient}; catch
 * {@link WriterDeadException} to handle it with the other "the other side is gone" failures.
 *
 * @since 1.2
 */
public class ServerDeadException extends WriterDeadException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned ({@code CHANNEL_request} or {@code CHANNEL_response})
     * @param message    what went wrong, naming the process or the state seen
     */
    public ServerDeadException(String bufferName, String message) {
        super(bufferName, message);
    }

    /**
     * @param bufferName the buffer concerned ({@code CHANNEL_request} or {@code CHANNEL_response})
     * @param message    what went wrong, naming the process or the state seen
     * @param cause      the underlying failure
     */
    public ServerDeadException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
    }
}
