package io.zerobuffer.linux.ring;

import io.zerobuffer.api.BufferCorruptedException;
import io.zerobuffer.linux.layout.MetadataBlock;
import io.zerobuffer.linux.layout.Oieb;

/**
 * The checks of the shared OIEB fields the ring algorithm uses (PROTOCOL.md §3 step 2, §4):
 * positions inside the ring, free bytes between 0 and the ring size, block sizes as they were
 * when this party attached, and the metadata length prefix within its block. A field that fails is another process's doing (of any
 * implementation, or a hostile local user): it is reported as a
 * {@link BufferCorruptedException} naming the field and its value, before anything is written.
 *
 * <p>The per-frame checks compare values the caller already loaded against sizes it cached;
 * this class only builds the messages, off the hot path.
 */
public final class SharedFields {
    private SharedFields() {
    }

    /**
     * Checks the positions and free bytes a writer attaching finds: {@code payload_write_pos}
     * and {@code payload_read_pos} in {@code [0, ringSize]}, {@code payload_free_bytes} in
     * {@code [0, ringSize]}.
     *
     * @param bufferName buffer name, for the message
     * @param oieb       the mapped OIEB
     * @param ringSize   the validated ring size
     * @throws BufferCorruptedException naming the first field out of range
     */
    public static void checkPositions(String bufferName, Oieb oieb, long ringSize) {
        checkInRing(bufferName, "payload_write_pos", oieb.writePosition(), ringSize);
        checkInRing(bufferName, "payload_read_pos", oieb.readPosition(), ringSize);
        checkFreeBytes(bufferName, oieb.payloadFreeBytes(), ringSize);
    }

    /**
     * @param bufferName buffer name, for the message
     * @param metadata   the metadata block, with its validated size
     * @return the length prefix of published metadata, when it lies within the block
     * @throws BufferCorruptedException otherwise
     */
    public static int checkLengthPrefix(String bufferName, MetadataBlock metadata) {
        long length = metadata.lengthPrefix();
        if (!metadata.holdsPrefix() || length < 0 || length > metadata.capacity()) {
            throw new BufferCorruptedException(bufferName, "metadata length prefix is " + length + ", the "
                    + metadata.blockSize() + "-byte metadata block holds at most " + metadata.capacity()
                    + " bytes after it");
        }
        return (int) length;
    }

    /**
     * @param bufferName buffer name, for the message
     * @param free       a value of {@code payload_free_bytes}
     * @param ringSize   the ring size
     * @throws BufferCorruptedException if {@code free} is negative or above the ring size
     */
    static void checkFreeBytes(String bufferName, long free, long ringSize) {
        if (free < 0 || free > ringSize) {
            throw corrupted(bufferName, "payload_free_bytes", free, "outside [0, " + ringSize + "], the ring size");
        }
    }

    /**
     * @param bufferName buffer name, for the message
     * @param field      the position field, as PROTOCOL.md names it
     * @param position   its value
     * @param ringSize   the ring size
     * @return {@code position}, when it lies in {@code [0, ringSize]}
     * @throws BufferCorruptedException otherwise
     */
    static long checkInRing(String bufferName, String field, long position, long ringSize) {
        if (position < 0 || position > ringSize) {
            throw corrupted(bufferName, field, position, "outside the ring of " + ringSize + " bytes");
        }
        return position;
    }

    /**
     * @param bufferName buffer name
     * @param field      the OIEB field, as PROTOCOL.md names it
     * @param value      the value found
     * @param expected   what it should have been, e.g. "outside the ring of 4096 bytes"
     * @return the exception, to throw
     */
    static BufferCorruptedException corrupted(String bufferName, String field, long value, String expected) {
        return new BufferCorruptedException(bufferName, field + " is " + value + ", " + expected);
    }

    /**
     * Says which of the fields a party compares per frame is wrong, once a combined check failed.
     *
     * @param bufferName     buffer name
     * @param oieb           the mapped OIEB
     * @param metadataSize   metadata_size when this party attached
     * @param ringSize       payload_size when this party attached
     * @param positionField  the position field this party owns
     * @param ownPosition    the value this party last stored there
     * @param free           the payload_free_bytes value the check saw
     * @return the exception, to throw
     */
    static BufferCorruptedException describe(String bufferName, Oieb oieb, long metadataSize, long ringSize,
            String positionField, long ownPosition, long free) {
        long payloadSize = oieb.payloadSize();
        if (payloadSize != ringSize) {
            return corrupted(bufferName, "payload_size", payloadSize, "was " + ringSize + " when this side attached");
        }
        long blockSize = oieb.metadataSize();
        if (blockSize != metadataSize) {
            return corrupted(bufferName, "metadata_size", blockSize, "was " + metadataSize + " when this side attached");
        }
        if (free < 0 || free > ringSize) {
            return corrupted(bufferName, "payload_free_bytes", free, "outside [0, " + ringSize + "], the ring size");
        }
        boolean writer = "payload_write_pos".equals(positionField);
        long own = writer ? oieb.writePosition() : oieb.readPosition();
        if (own != ownPosition) {
            return corrupted(bufferName, positionField, own, "this " + (writer ? "writer" : "reader")
                    + ", its only writer, stored " + ownPosition);
        }
        long other = writer ? oieb.readPosition() : oieb.writePosition();
        String otherField = writer ? "payload_read_pos" : "payload_write_pos";
        if (other < 0 || other > ringSize) {
            return corrupted(bufferName, otherField, other, "outside the ring of " + ringSize + " bytes");
        }
        // the field was put back between the check and this look: still not a buffer to trust
        return new BufferCorruptedException(bufferName, "shared fields changed under this side while checked: "
                + "payload_size, metadata_size, payload_free_bytes " + free + " or " + positionField
                + " (this side stored " + ownPosition + ")");
    }
}
