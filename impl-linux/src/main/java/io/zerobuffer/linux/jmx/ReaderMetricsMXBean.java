package io.zerobuffer.linux.jmx;

/** What an open reader shows in JConsole or VisualVM ({@code io.zerobuffer:type=Reader,name=BUFFER}). */
public interface ReaderMetricsMXBean {
    /** @return the buffer name */
    String getBufferName();

    /** @return frames read */
    long getFrames();

    /** @return payload bytes read */
    long getBytes();

    /** @return milliseconds spent waiting for a frame */
    long getBlockedMillis();

    /** @return sequence number of the last frame read, 0 if none */
    long getLastSequence();

    /** @return reads that ended because the writer's process died */
    long getWriterDeadErrors();

    /** @return reads that ended because the writer detached after its last frame */
    long getEndOfStreamErrors();

    /** @return frames whose sequence number was not the expected one */
    long getSequenceErrors();

    /** @return reads that found impossible values in shared memory */
    long getCorruptionErrors();

    /** @return other failed reads */
    long getOtherErrors();
}
