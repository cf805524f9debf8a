package io.zerobuffer.api;

/**
 * Base of every ZeroBuffer failure. The message names the buffer and the value that was
 * wrong; {@link #bufferName()} gives the buffer programmatically.
 */
public class ZeroBufferException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String bufferName;

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     */
    public ZeroBufferException(String bufferName, String message) {
        super("buffer '" + bufferName + "': " + message);
        this.bufferName = bufferName;
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     * @param cause      the underlying failure
     */
    public ZeroBufferException(String bufferName, String message, Throwable cause) {
        super("buffer '" + bufferName + "': " + message, cause);
        this.bufferName = bufferName;
    }

    /** @return the name of the buffer this failure concerns */
    public String bufferName() {
        return bufferName;
    }
}
