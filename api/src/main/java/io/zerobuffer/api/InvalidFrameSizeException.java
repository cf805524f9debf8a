package io.zerobuffer.api;

/** A frame size below 1 byte, or a frame whose header disagrees with the ring. */
public class InvalidFrameSizeException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     */
    public InvalidFrameSizeException(String bufferName, String message) {
        super(bufferName, message);
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     * @param cause      the underlying failure
     */
    public InvalidFrameSizeException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
    }
}
