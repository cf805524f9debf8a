package io.zerobuffer.api;

/**
 * The buffer's reader is gone: its pid is zero (it closed the buffer) or its process no longer
 * exists (it died). Nobody will release frames any more.
 *
 * <p>A writer reports it at its next {@code write} or {@code acquire}, whether or not the ring
 * has room: at once when the reader closed, within about 100 ms when its process died. The
 * exception then says which of the two happened and how many of the writer's frames the reader
 * had taken ({@link #framesConsumed()}) against how many were written
 * ({@link #framesWritten()}); frames written and not consumed were lost with the reader.
 */
public class ReaderDeadException extends ZeroBufferException {
    private static final long serialVersionUID = 1L;

    /** The value of {@link #framesWritten()} and {@link #framesConsumed()} when not known. */
    public static final long UNKNOWN = -1;

    private final boolean readerClosed;
    private final long framesWritten;
    private final long framesConsumed;

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     */
    public ReaderDeadException(String bufferName, String message) {
        this(bufferName, message, false, UNKNOWN, UNKNOWN);
    }

    /**
     * @param bufferName the buffer concerned
     * @param message    what went wrong, naming the offending value
     * @param cause      the underlying failure
     */
    public ReaderDeadException(String bufferName, String message, Throwable cause) {
        super(bufferName, message, cause);
        this.readerClosed = false;
        this.framesWritten = UNKNOWN;
        this.framesConsumed = UNKNOWN;
    }

    /**
     * @param bufferName     the buffer concerned
     * @param message        what went wrong, naming the offending value
     * @param readerClosed   {@code true} if the reader closed the buffer (its pid is 0),
     *                       {@code false} if its process died
     * @param framesWritten  frames the writer had committed, or {@link #UNKNOWN}
     * @param framesConsumed of those, the frames the reader had taken, or {@link #UNKNOWN}
     * @since 1.2
     */
    public ReaderDeadException(String bufferName, String message, boolean readerClosed, long framesWritten,
            long framesConsumed) {
        super(bufferName, message);
        this.readerClosed = readerClosed;
        this.framesWritten = framesWritten;
        this.framesConsumed = framesConsumed;
    }

    /**
     * @return {@code true} if the reader closed the buffer (a clean departure, its pid is 0);
     *         {@code false} if its process died or this is not known
     * @since 1.2
     */
    public boolean readerClosed() {
        return readerClosed;
    }

    /**
     * @return frames the writer had committed when the departure was noticed, or
     *         {@link #UNKNOWN}
     * @since 1.2
     */
    public long framesWritten() {
        return framesWritten;
    }

    /**
     * @return of {@link #framesWritten()}, the frames the reader had taken before it left, or
     *         {@link #UNKNOWN}
     * @since 1.2
     */
    public long framesConsumed() {
        return framesConsumed;
    }
}
