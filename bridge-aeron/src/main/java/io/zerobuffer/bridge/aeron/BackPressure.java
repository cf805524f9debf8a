package io.zerobuffer.bridge.aeron;

/** What the send side does when the publication cannot take a frame now. */
public enum BackPressure {
    /**
     * Wait: the sender stops reading its local buffer until the publication takes the frame, so
     * the local ring fills and the local writer waits, as it would for a slow local reader.
     */
    BLOCK,
    /** Drop the whole frame, count it, and read the next one. */
    DROP;

    /**
     * @param text {@code block} or {@code drop}, any case
     * @return the value
     * @throws IllegalArgumentException naming the value
     */
    public static BackPressure parse(String text) {
        for (BackPressure value : values()) {
            if (value.name().equalsIgnoreCase(text.trim())) {
                return value;
            }
        }
        throw new IllegalArgumentException("back-pressure '" + text + "' is neither 'block' nor 'drop'");
    }
}
