package io.zerobuffer.monitor;

import io.zerobuffer.api.BufferDirectory;
import io.zerobuffer.api.BufferStatus;
import java.util.List;
import java.util.Optional;

/**
 * Where the monitor's numbers come from: a {@link BufferDirectory}, with the engine's extras
 * (lock-file state, ring tail, frame samples) when the directory is the Linux one. Must be
 * strictly passive, like the directory.
 */
public interface BufferSource {

    /** One buffer as seen by one poll. */
    record Observed(BufferStatus status, String lock, boolean lockProblem, long sampledFrameBytes) {
    }

    /**
     * The ring geometry of one buffer.
     *
     * @param payloadSize   ring size
     * @param readPosition  reader offset
     * @param writePosition writer offset
     * @param usedBytes     bytes not free
     * @param tailStart     start of the wasted tail, -1 if none or unknown
     * @param nextSequence  sequence of the next unread frame, -1 if none or unknown
     * @param nextFrameBytes payload bytes of the next unread frame, -1 if none or unknown
     */
    record Ring(long payloadSize, long readPosition, long writePosition, long usedBytes, long tailStart,
            long nextSequence, long nextFrameBytes) {
        /** @return bytes of the wasted tail, 0 if none */
        public long tailBytes() {
            return tailStart < 0 ? 0 : payloadSize - tailStart;
        }
    }

    /** @return every buffer now, sorted by name */
    List<Observed> poll();

    /**
     * @param name a buffer
     * @return its ring geometry, or empty if it is gone
     */
    Optional<Ring> ring(String name);

    /**
     * @param name     a buffer
     * @param maxBytes most bytes wanted
     * @return the start of its metadata, or empty
     */
    Optional<byte[]> metadata(String name, int maxBytes);

    /**
     * @param directory the directory to read
     * @return a source over it: the full one for the engine's directory, a plain one otherwise
     */
    static BufferSource of(BufferDirectory directory) {
        try {
            if (directory instanceof io.zerobuffer.linux.LinuxBufferDirectory linux) {
                return new LinuxSource(linux);
            }
        } catch (NoClassDefFoundError engineNotThere) {
            // an OSGi framework without the engine's packages: the plain view will do
        }
        return new PlainSource(directory);
    }
}
