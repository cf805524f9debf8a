package io.zerobuffer.api;

/** Metadata can be written once per buffer; it has been written already. */
public class MetadataAlreadyWrittenException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     */
    public MetadataAlreadyWrittenException(String bufferName, String message) {
        super(bufferName, message);
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     * @param cause      the underlying failure
     */
    public MetadataAlreadyWrittenException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
    }
}
