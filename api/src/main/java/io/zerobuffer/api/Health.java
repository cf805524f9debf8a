package io.zerobuffer.api;

/**
 * A buffer's health. {@link #HEALTHY}, {@link #DEGRADED} and {@link #CRITICAL} say how full its
 * ring is, by the thresholds of the protocol's planning rules; {@link #CORRUPT} and
 * {@link #STALLED} say that something is wrong whatever the fill.
 */
public enum Health {
    /** Under 80 % used. */
    HEALTHY,
    /** 80 % to 95 % used: the reader is falling behind. */
    DEGRADED,
    /** Over 95 % used: the writer is about to block. */
    CRITICAL,
    /**
     * The reader stopped consuming: frames are unread and the read count has not moved for a
     * while although the reader's process is alive. Only an observer that watches over time can
     * tell; a single snapshot never says it.
     *
     * @since 1.2
     */
    STALLED,
    /**
     * The header holds values no peer can produce (a negative counter, more unread bytes or frames
     * than the ring can hold, more read than written, a position outside the ring): see
     * {@link BufferStatus#corruption()}.
     *
     * @since 1.2
     */
    CORRUPT;

    /**
     * @param utilisation used fraction of the ring, 0 to 1
     * @return the health for that utilisation
     */
    public static Health of(double utilisation) {
        if (utilisation > 0.95) {
            return CRITICAL;
        }
        return utilisation >= 0.80 ? DEGRADED : HEALTHY;
    }
}
