package io.zerobuffer.api;

/** The shared memory is not a ZeroBuffer v1 buffer this library can use: wrong OIEB size, another major version, or sizes that are corrupt or too large to map. */
public class IncompatibleBufferException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     */
    public IncompatibleBufferException(String bufferName, String message) {
        super(bufferName, message);
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     * @param cause      the underlying failure
     */
    public IncompatibleBufferException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
    }
}
