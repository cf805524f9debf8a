package io.zerobuffer.api;

/** The buffer's writer is gone. Thrown as is when the writer process died (crash, {@code kill -9}); see {@link EndOfStreamException} for a writer that detached gracefully. Catch this type to handle both. */
public class WriterDeadException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     */
    public WriterDeadException(String bufferName, String message) {
        super(bufferName, message);
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     * @param cause      the underlying failure
     */
    public WriterDeadException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
    }
}
