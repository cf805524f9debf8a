package io.zerobuffer.api;

/** The buffer's reader is gone: its pid is zero or its process no longer exists. Nobody will release frames any more. */
public class ReaderDeadException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     */
    public ReaderDeadException(String bufferName, String message) {
        super(bufferName, message);
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     * @param cause      the underlying failure
     */
    public ReaderDeadException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
    }
}
