package io.zerobuffer.api;

/** A writer tried to attach to a buffer whose shared memory does not exist (or was not initialised within the attach timeout). */
public class BufferNotFoundException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     */
    public BufferNotFoundException(String bufferName, String message) {
        super(bufferName, message);
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     * @param cause      the underlying failure
     */
    public BufferNotFoundException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
    }
}
