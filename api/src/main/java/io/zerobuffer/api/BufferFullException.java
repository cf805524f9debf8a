package io.zerobuffer.api;

/** The ring had no room for a frame within the writer's write timeout: the reader is not keeping up. */
public class BufferFullException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     */
    public BufferFullException(String bufferName, String message) {
        super(bufferName, message);
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     * @param cause      the underlying failure
     */
    public BufferFullException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
    }
}
