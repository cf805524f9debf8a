package io.zerobuffer.api;

/**
 * A path the engine would use is not what it must be: the lock file is a symbolic link, a
 * directory, a FIFO or another non-regular file, or the lock directory is a symbolic link or not
 * a directory. Someone (perhaps another local user) put it there; the engine neither followed
 * it, nor changed it, nor removed it. The message names the path and what was found.
 *
 * @since 1.2
 */
public class UnsafeFileException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /**
     * @param bufferName the buffer concerned
     * @param message    the path and what was found there
     */
    public UnsafeFileException(String bufferName, String message) {
        super(bufferName, message);
    }
}
