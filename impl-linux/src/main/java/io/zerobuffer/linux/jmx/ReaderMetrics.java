package io.zerobuffer.linux.jmx;

import io.zerobuffer.api.BufferCorruptedException;
import io.zerobuffer.api.EndOfStreamException;
import io.zerobuffer.api.SequenceErrorException;
import io.zerobuffer.api.WriterDeadException;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * One reader's counters and its MBean. The reading thread updates plain long fields (no
 * allocation, no clock); JMX reads them from another thread, so a value may be a frame behind.
 */
public final class ReaderMetrics implements ReaderMetricsMXBean {
    private final String buffer;
    private long frames;
    private long blockedNanos;
    private long bytes;
    private long lastSequence;
    private long writerDead;
    private long endOfStream;
    private long sequenceErrors;
    private long corruption;
    private long other;
    private volatile ObjectName registered;

    /** @param buffer the buffer name */
    public ReaderMetrics(String buffer) {
        this.buffer = buffer;
    }

    /**
     * Registers the MBean ({@code io.zerobuffer:type=Reader,name=BUFFER}) a moment later, off this
     * thread; never fails.
     */
    public void register() {
        MBeans.registerLater(this, "Reader", buffer, name -> registered = name);
    }

    /** Unregisters it, after the registration. Call once. */
    public void unregister() {
        MBeans.unregisterLater(() -> registered);
    }

    /**
     * A frame was handed out.
     *
     * @param size     its payload bytes
     * @param sequence its sequence number
     */
    public void frame(int size, long sequence) {
        frames++;
        bytes += size;
        lastSequence = sequence;
    }

    /**
     * A read waited (or not).
     *
     * @param waitStart {@link System#nanoTime()} when it began to wait, 0 if it did not wait (the
     *                  clock is read only then)
     */
    public void waited(long waitStart) {
        if (waitStart != 0) {
            blockedNanos += System.nanoTime() - waitStart;
        }
    }

    /** @param failure what a read threw */
    public void error(RuntimeException failure) {
        if (failure instanceof EndOfStreamException) {
            endOfStream++;
        } else if (failure instanceof WriterDeadException) {
            writerDead++;
        } else if (failure instanceof SequenceErrorException) {
            sequenceErrors++;
        } else if (failure instanceof BufferCorruptedException) {
            corruption++;
        } else {
            other++;
        }
    }

    @Override
    public String getBufferName() {
        return buffer;
    }

    @Override
    public long getFrames() {
        return frames;
    }

    @Override
    public long getBytes() {
        return bytes;
    }

    @Override
    public long getBlockedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(blockedNanos);
    }

    @Override
    public long getLastSequence() {
        return lastSequence;
    }

    @Override
    public long getWriterDeadErrors() {
        return writerDead;
    }

    @Override
    public long getEndOfStreamErrors() {
        return endOfStream;
    }

    @Override
    public long getSequenceErrors() {
        return sequenceErrors;
    }

    @Override
    public long getCorruptionErrors() {
        return corruption;
    }

    @Override
    public long getOtherErrors() {
        return other;
    }
}
