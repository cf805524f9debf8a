package io.zerobuffer.api;

/**
 * The operating system refused this process one of a buffer's objects (its shared memory, a
 * semaphore or its lock file): the buffer exists, but its reader created it for another user or
 * group (see {@link AccessMode}), or a stale object of another user holds the name. Retrying
 * does not help. The message gives the path, its mode and owner, and this process's user.
 *
 * @since 1.2
 */
public class BufferAccessDeniedException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    the object refused, its mode and owner, and who asked
     */
    public BufferAccessDeniedException(String bufferName, String message) {
        super(bufferName, message);
    }
}
