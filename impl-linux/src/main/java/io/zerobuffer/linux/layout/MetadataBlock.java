package io.zerobuffer.linux.layout;

import static io.zerobuffer.linux.layout.OiebDescriptor.METADATA_BLOCK_OFFSET;
import static io.zerobuffer.linux.layout.OiebDescriptor.METADATA_LENGTH_PREFIX_SIZE;

import java.nio.ByteBuffer;

/**
 * A flyweight over the metadata block that follows the OIEB: a u64 length prefix, then that many
 * bytes. The API never shows the prefix.
 *
 * <pre>
 *  +----------------------------------+-----------------------------+-------------+
 *  | length (u64, LE)                 | length bytes of metadata    | unused      |
 *  +----------------------------------+-----------------------------+-------------+
 *  128                                136                       136+length   128+metadata_size
 * </pre>
 */
public final class MetadataBlock {
    private final Oieb oieb;
    private final ByteBuffer segment;

    /**
     * @param oieb the OIEB of the same segment
     */
    public MetadataBlock(Oieb oieb) {
        this.oieb = oieb;
        this.segment = oieb.segment();
    }

    /** @return the largest metadata the block takes, prefix excluded (0 if the block is too small) */
    public long capacity() {
        return Math.max(0, oieb.metadataSize() - METADATA_LENGTH_PREFIX_SIZE);
    }

    /** @return whether metadata has been published */
    public boolean isWritten() {
        return oieb.metadataWrittenBytes() > 0;
    }

    /**
     * @return the published metadata length, 0 if none; never more than the block holds, even
     *         when a corrupt prefix says otherwise
     */
    public int length() {
        if (!isWritten()) {
            return 0;
        }
        long length = segment.getLong(METADATA_BLOCK_OFFSET);
        return (int) Math.max(0, Math.min(length, capacity()));
    }

    /** @return segment offset of the first metadata byte */
    public static int dataOffset() {
        return METADATA_BLOCK_OFFSET + METADATA_LENGTH_PREFIX_SIZE;
    }

    /**
     * Writes the length prefix and publishes the metadata, whose bytes must already be in place
     * at {@link #dataOffset()}.
     *
     * @param length metadata bytes
     */
    public void publish(int length) {
        segment.putLong(METADATA_BLOCK_OFFSET, length);
        oieb.publishMetadata(METADATA_LENGTH_PREFIX_SIZE + (long) length);
    }
}
