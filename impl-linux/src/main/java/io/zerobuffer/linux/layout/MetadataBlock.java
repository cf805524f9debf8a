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
 *
 * <p>The block size is fixed when the flyweight is made (from a size validated at attach, or
 * read once): a {@code metadata_size} changed later by another process never moves a write of
 * this class past the block. A block smaller than the prefix (size 0 is legal) takes no
 * metadata at all.
 */
public final class MetadataBlock {
    private final Oieb oieb;
    private final ByteBuffer segment;
    private final long blockSize;

    /**
     * @param oieb      the OIEB of the same segment
     * @param blockSize the metadata block size, validated against the segment
     */
    public MetadataBlock(Oieb oieb, long blockSize) {
        this.oieb = oieb;
        this.segment = oieb.segment();
        this.blockSize = blockSize;
    }

    /**
     * A block whose size is read once from the OIEB, for passive readers that validated it.
     *
     * @param oieb the OIEB of the same segment
     */
    public MetadataBlock(Oieb oieb) {
        this(oieb, oieb.metadataSize());
    }

    /** @return the block size this flyweight was made with */
    public long blockSize() {
        return blockSize;
    }

    /** @return whether the block has room for the 8-byte length prefix (a size-0 block has not) */
    public boolean holdsPrefix() {
        return blockSize >= METADATA_LENGTH_PREFIX_SIZE;
    }

    /** @return the largest metadata the block takes, prefix excluded (0 if the block is too small) */
    public long capacity() {
        return Math.max(0, blockSize - METADATA_LENGTH_PREFIX_SIZE);
    }

    /** @return whether metadata has been published */
    public boolean isWritten() {
        return oieb.metadataWrittenBytes() > 0;
    }

    /**
     * @return the length prefix as stored, unchecked: valid only in {@code [0, capacity()]} of a
     *         block that {@linkplain #holdsPrefix() holds a prefix}
     */
    public long lengthPrefix() {
        return holdsPrefix() ? segment.getLong(METADATA_BLOCK_OFFSET) : 0;
    }

    /**
     * @return the published metadata length, 0 if none; never more than the block holds, even
     *         when a corrupt prefix says otherwise (for passive observers; the engine refuses a
     *         corrupt prefix instead)
     */
    public int length() {
        if (!isWritten()) {
            return 0;
        }
        return (int) Math.max(0, Math.min(lengthPrefix(), capacity()));
    }

    /** @return segment offset of the first metadata byte */
    public static int dataOffset() {
        return METADATA_BLOCK_OFFSET + METADATA_LENGTH_PREFIX_SIZE;
    }

    /**
     * Writes the length prefix and publishes the metadata, whose bytes must already be in place
     * at {@link #dataOffset()}.
     *
     * @param length metadata bytes, at most {@link #capacity()}
     * @throws IllegalStateException if the block cannot take that much (the caller checks first)
     */
    public void publish(int length) {
        if (!holdsPrefix() || length < 0 || length > capacity()) {
            throw new IllegalStateException("metadata of " + length + " bytes does not fit a block of " + blockSize);
        }
        segment.putLong(METADATA_BLOCK_OFFSET, length);
        oieb.publishMetadata(blockSize, METADATA_LENGTH_PREFIX_SIZE + (long) length);
    }
}
