package io.zerobuffer.tools;

import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.WriterDeadException;
import java.time.Duration;

/**
 * The reading side shared by {@code reader} and {@code relay}: waits (bounded) for a writer to
 * come, then hands out frames with a per-frame timeout, and says why it stopped. It reads in
 * slices of at most 100 ms so that Ctrl-C is noticed quickly; no slice allocates.
 *
 * <p>A writer that leaves does not cost frames: the engine throws
 * {@link io.zerobuffer.api.EndOfStreamException} only once every committed frame was read, so
 * the frames still in the ring come out first and {@link Outcome#END} follows.
 */
final class FrameSource {
    /** Why {@link #next()} returned {@code null} (or {@link #FRAME} if it did not). */
    enum Outcome {
        /** A frame was returned. */
        FRAME,
        /** The writer left (gracefully or not) and every frame it committed was read. */
        END,
        /** A writer was there, but no frame came within the per-frame timeout. */
        TIMEOUT,
        /** No writer came within the writer wait. */
        NO_WRITER,
        /** The process was asked to stop. */
        STOPPED
    }

    private static final Duration WAIT_SLICE = Duration.ofMillis(100);

    private final Reader reader;
    private final long timeoutNanos;
    private final long writerWaitNanos;
    private final Duration frameSlice;
    private final StopSignal stop;
    private final long created;
    private boolean writerSeen;
    private long writerSeenAt;
    private Outcome outcome = Outcome.FRAME;
    private WriterDeadException end;

    /**
     * @param reader       the reader to read
     * @param timeoutMs    per-frame wait once a writer was seen
     * @param writerWaitMs how long to wait for a writer to come
     * @param stop         the stop flag
     */
    FrameSource(Reader reader, long timeoutMs, long writerWaitMs, StopSignal stop) {
        this.reader = reader;
        this.timeoutNanos = Duration.ofMillis(timeoutMs).toNanos();
        this.writerWaitNanos = Duration.ofMillis(writerWaitMs).toNanos();
        this.frameSlice = timeoutMs < WAIT_SLICE.toMillis() ? Duration.ofMillis(timeoutMs) : WAIT_SLICE;
        this.stop = stop;
        this.created = System.nanoTime();
    }

    /**
     * @return the next frame (close it before calling again), or {@code null}: see {@link #outcome()}
     * @throws io.zerobuffer.api.ZeroBufferException for a read error other than the writer leaving
     */
    Frame next() {
        long waitStart = System.nanoTime();
        while (true) {
            if (stop.requested()) {
                return stopped(Outcome.STOPPED);
            }
            Frame frame;
            try {
                frame = reader.read(writerSeen ? frameSlice : WAIT_SLICE);
            } catch (WriterDeadException gone) {
                end = gone;
                return stopped(Outcome.END);
            }
            long now = System.nanoTime();
            if (frame != null) {
                markWriterSeen(now);
                outcome = Outcome.FRAME;
                return frame;
            }
            if (!writerSeen) {
                if (reader.isWriterConnected()) {
                    markWriterSeen(now);
                    waitStart = now;
                } else if (now - created >= writerWaitNanos) {
                    return stopped(Outcome.NO_WRITER);
                }
            } else if (now - waitStart >= timeoutNanos) {
                return stopped(Outcome.TIMEOUT);
            }
        }
    }

    private void markWriterSeen(long now) {
        if (!writerSeen) {
            writerSeen = true;
            writerSeenAt = now;
        }
    }

    private Frame stopped(Outcome why) {
        outcome = why;
        return null;
    }

    /** @return why the last {@link #next()} returned what it did */
    Outcome outcome() {
        return outcome;
    }

    /** @return the exception that ended the stream, if {@link Outcome#END} */
    WriterDeadException endCause() {
        return end;
    }

    /** @return whether a writer was seen (a frame came, or a writer was attached) */
    boolean writerSeen() {
        return writerSeen;
    }

    /** @return {@link System#nanoTime()} when the writer was first seen (valid if {@link #writerSeen()}) */
    long writerSeenAt() {
        return writerSeenAt;
    }
}
