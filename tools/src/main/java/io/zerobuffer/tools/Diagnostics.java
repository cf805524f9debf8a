package io.zerobuffer.tools;

import io.zerobuffer.api.ZeroBufferException;

/** Wording of the diagnostics the commands print on standard error. */
final class Diagnostics {
    private Diagnostics() {
    }

    /**
     * What went wrong with a buffer the caller's message already names: the exception's message
     * without the engine's {@code buffer 'NAME': } prefix, so that a line reads
     * {@code could not connect to buffer 'video': no reader} rather than naming it twice.
     *
     * @param e the failure
     * @return its message, minus a leading mention of its own buffer
     */
    static String detail(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof ZeroBufferException zb) {
            String prefix = "buffer '" + zb.bufferName() + "': ";
            if (message.startsWith(prefix)) {
                return message.substring(prefix.length());
            }
        }
        return message;
    }
}
