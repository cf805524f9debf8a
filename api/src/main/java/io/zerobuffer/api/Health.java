package io.zerobuffer.api;

/** How full a ring is, by the thresholds of the protocol's planning rules. */
public enum Health {
    /** Under 80 % used. */
    HEALTHY,
    /** 80 % to 95 % used: the reader is falling behind. */
    DEGRADED,
    /** Over 95 % used: the writer is about to block. */
    CRITICAL;

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
