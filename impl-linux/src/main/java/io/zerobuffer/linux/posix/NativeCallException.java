package io.zerobuffer.linux.posix;

import io.zerobuffer.api.ZeroBufferException;

/**
 * A libc call failed in a way the protocol has no named error for (permissions, no memory, no
 * space in {@code /dev/shm}...). The message names the call, the OS object and errno.
 */
public final class NativeCallException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    NativeCallException(String bufferName, String call, String object, int errno) {
        super(bufferName, call + "(" + object + ") failed: " + LibC.describe(errno));
        this.errno = errno;
    }

    /** @return the error number the call set */
    public int errno() {
        return errno;
    }
}
