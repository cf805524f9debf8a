package io.zerobuffer.api;

/** A frame carried a sequence number other than the one expected: frames were lost, duplicated or the ring is corrupt. */
public class SequenceErrorException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     */
    public SequenceErrorException(String bufferName, String message) {
        super(bufferName, message);
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     * @param cause      the underlying failure
     */
    public SequenceErrorException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
    }
}
