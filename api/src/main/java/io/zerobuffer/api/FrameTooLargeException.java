package io.zerobuffer.api;

/** A frame (16-byte header plus payload) can never fit in the ring, whatever the reader does. */
public class FrameTooLargeException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     */
    public FrameTooLargeException(String bufferName, String message) {
        super(bufferName, message);
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     * @param cause      the underlying failure
     */
    public FrameTooLargeException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
    }
}
