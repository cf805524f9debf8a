package io.zerobuffer.api;

/** The metadata (plus its 8-byte length prefix) does not fit the buffer's metadata block. */
public class MetadataTooLargeException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     */
    public MetadataTooLargeException(String bufferName, String message) {
        super(bufferName, message);
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     * @param cause      the underlying failure
     */
    public MetadataTooLargeException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
    }
}
