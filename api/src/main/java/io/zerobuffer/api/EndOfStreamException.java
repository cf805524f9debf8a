package io.zerobuffer.api;

/** The writer detached gracefully and every frame it committed has been read: the stream has ended. A subtype of {@link WriterDeadException}, as upstream readers report this case as writer-dead. */
public class EndOfStreamException extends WriterDeadException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     */
    public EndOfStreamException(String bufferName, String message) {
        super(bufferName, message);
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     * @param cause      the underlying failure
     */
    public EndOfStreamException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
    }
}
