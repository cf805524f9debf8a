package io.zerobuffer.linux;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A second, independent read-write mapping of {@code /dev/shm/NAME} ({@link FileChannel#map}),
 * as another process would have: what tests corrupt shared fields through, and read back what
 * the engine wrote. Offsets are segment offsets; values little-endian.
 */
final class SecondMapping {
    /** OIEB field offsets (PROTOCOL.md §2). */
    static final int OIEB_SIZE = 0x00;
    static final int METADATA_SIZE = 0x08;
    static final int METADATA_FREE_BYTES = 0x10;
    static final int METADATA_WRITTEN_BYTES = 0x18;
    static final int PAYLOAD_SIZE = 0x20;
    static final int PAYLOAD_FREE_BYTES = 0x28;
    static final int PAYLOAD_WRITE_POS = 0x30;
    static final int PAYLOAD_READ_POS = 0x38;
    static final int PAYLOAD_WRITTEN_COUNT = 0x40;
    static final int PAYLOAD_READ_COUNT = 0x48;
    static final int WRITER_PID = 0x50;
    static final int READER_PID = 0x58;
    static final int RESERVED = 0x60;

    final MappedByteBuffer memory;

    SecondMapping(String bufferName) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of("/dev/shm", bufferName), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
        }
        memory.order(ByteOrder.LITTLE_ENDIAN);
    }

    long getLong(int offset) {
        return memory.getLong(offset);
    }

    void putLong(int offset, long value) {
        memory.putLong(offset, value);
    }

    /** @return a copy of {@code length} bytes from {@code offset} */
    byte[] bytes(int offset, int length) {
        byte[] copy = new byte[length];
        memory.get(offset, copy, 0, length);
        return copy;
    }

    int size() {
        return memory.capacity();
    }
}
