package io.zerobuffer.api;

/**
 * A field of the shared memory holds a value the protocol cannot produce: a position outside
 * the ring, free bytes above the ring size, a size changed since attach, a length prefix
 * longer than its block, or a segment shrunk or replaced under the mapping. Another process
 * (of any implementation, or a hostile local user) wrote it; the engine refused to use it and
 * wrote nothing outside its ring or metadata block. The message names the field and the value.
 *
 * @since 1.2
 */
public class BufferCorruptedException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    what was found, naming the field and its value
     */
    public BufferCorruptedException(String bufferName, String message) {
        super(bufferName, message);
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what was found, naming the field and its value
     * @param cause      the underlying failure (for example the JVM's fault on a truncated mapping)
     */
    public BufferCorruptedException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
    }
}
