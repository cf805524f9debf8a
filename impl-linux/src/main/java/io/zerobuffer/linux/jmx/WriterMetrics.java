package io.zerobuffer.linux.jmx;

import io.zerobuffer.api.BufferCorruptedException;
import io.zerobuffer.api.BufferFullException;
import io.zerobuffer.api.FrameTooLargeException;
import io.zerobuffer.api.InvalidFrameSizeException;
import io.zerobuffer.api.ReaderDeadException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.management.ObjectName;

/**
 * One writer's counters and its MBean. The writing thread updates plain long fields (no
 * allocation, no clock); JMX reads them from another thread, so a value may be a frame behind.
 */
public final class WriterMetrics implements WriterMetricsMXBean {
    private final String buffer;
    private final LongSupplier frames;
    private long bytes;
    private long blockedNanos;
    private long bufferFull;
    private long readerDead;
    private long frameSize;
    private long corruption;
    private long other;
    private volatile ObjectName registered;

    /**
     * @param buffer the buffer name
     * @param frames frames committed so far (the writer counts them already)
     */
    public WriterMetrics(String buffer, LongSupplier frames) {
        this.buffer = buffer;
        this.frames = frames;
    }

    /**
     * Registers the MBean ({@code io.zerobuffer:type=Writer,name=BUFFER}) a moment later, off this
     * thread; never fails.
     */
    public void register() {
        MBeans.registerLater(this, "Writer", buffer, name -> registered = name);
    }

    /** Unregisters it, after the registration. Call once. */
    public void unregister() {
        MBeans.unregisterLater(() -> registered);
    }

    /** @param size payload bytes of a committed frame */
    public void frame(long size) {
        bytes += size;
    }

    /**
     * A frame waited for space (or not).
     *
     * @param waitStart {@link System#nanoTime()} when it began to wait, 0 if it did not wait (the
     *                  clock is read only then)
     */
    public void waited(long waitStart) {
        if (waitStart != 0) {
            blockedNanos += System.nanoTime() - waitStart;
        }
    }

    /** @param failure what a write threw */
    public void error(RuntimeException failure) {
        if (failure instanceof BufferFullException) {
            bufferFull++;
        } else if (failure instanceof ReaderDeadException) {
            readerDead++;
        } else if (failure instanceof FrameTooLargeException || failure instanceof InvalidFrameSizeException) {
            frameSize++;
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
        return frames.getAsLong();
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
        return frames.getAsLong();
    }

    @Override
    public long getBufferFullErrors() {
        return bufferFull;
    }

    @Override
    public long getReaderDeadErrors() {
        return readerDead;
    }

    @Override
    public long getFrameSizeErrors() {
        return frameSize;
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
