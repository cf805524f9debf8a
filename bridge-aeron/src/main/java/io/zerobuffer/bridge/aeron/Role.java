package io.zerobuffer.bridge.aeron;

/** Which end of the bridge a process is. */
public enum Role {
    /** The reader of a local buffer: forwards its frames to an Aeron publication. */
    SEND,
    /** Subscribes, and writes the frames into a local buffer as that buffer's writer. */
    RECEIVE;

    /**
     * @param text {@code send} or {@code receive}, any case
     * @return the value
     * @throws IllegalArgumentException naming the value
     */
    public static Role parse(String text) {
        for (Role value : values()) {
            if (value.name().equalsIgnoreCase(text.trim())) {
                return value;
            }
        }
        throw new IllegalArgumentException("role '" + text + "' is neither 'send' nor 'receive'");
    }
}
