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
    private final LongSupplier blockedNanos;
    private final LongSupplier frames;
    private long bytes;
    private long bufferFull;
    private long readerDead;
    private long frameSize;
    private long corruption;
    private long other;
    private volatile ObjectName registered;

    /**
     * @param buffer       the buffer name
     * @param frames       frames committed so far (the writer counts them already)
     * @param blockedNanos the writer's time spent blocked so far
     */
    public WriterMetrics(String buffer, LongSupplier frames, LongSupplier blockedNanos) {
        this.buffer = buffer;
        this.frames = frames;
        this.blockedNanos = blockedNanos;
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
        return TimeUnit.NANOSECONDS.toMillis(blockedNanos.getAsLong());
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
