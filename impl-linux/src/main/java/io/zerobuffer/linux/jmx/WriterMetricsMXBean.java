package io.zerobuffer.linux.jmx;

/** What an open writer shows in JConsole or VisualVM ({@code io.zerobuffer:type=Writer,name=BUFFER}). */
public interface WriterMetricsMXBean {
    /** @return the buffer name */
    String getBufferName();

    /** @return frames committed */
    long getFrames();

    /** @return payload bytes committed */
    long getBytes();

    /** @return milliseconds spent blocked waiting for ring space */
    long getBlockedMillis();

    /** @return sequence number of the last frame committed, 0 if none */
    long getLastSequence();

    /** @return writes that timed out on a full ring */
    long getBufferFullErrors();

    /** @return writes that failed because the reader died or closed */
    long getReaderDeadErrors();

    /** @return frames refused as too large (or empty) for the ring */
    long getFrameSizeErrors();

    /** @return writes that found impossible values in shared memory */
    long getCorruptionErrors();

    /** @return other failed writes */
    long getOtherErrors();
}
