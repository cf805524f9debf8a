package io.zerobuffer.api;

/** A reader tried to create a buffer that a live reader already owns. */
public class ReaderAlreadyConnectedException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     */
    public ReaderAlreadyConnectedException(String bufferName, String message) {
        super(bufferName, message);
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     * @param cause      the underlying failure
     */
    public ReaderAlreadyConnectedException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
    }
}
