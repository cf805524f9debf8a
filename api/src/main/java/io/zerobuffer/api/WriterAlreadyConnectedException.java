package io.zerobuffer.api;

/** A writer tried to attach to a buffer that a live writer is already attached to. */
public class WriterAlreadyConnectedException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     */
    public WriterAlreadyConnectedException(String bufferName, String message) {
        super(bufferName, message);
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     * @param cause      the underlying failure
     */
    public WriterAlreadyConnectedException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
    }
}
