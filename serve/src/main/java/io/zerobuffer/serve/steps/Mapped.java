package io.zerobuffer.serve.steps;

import io.zerobuffer.linux.layout.Oieb;
import io.zerobuffer.linux.layout.OiebDescriptor;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A plain read-write mapping of a buffer's shared memory ({@code /dev/shm/NAME}) with the
 * engine's OIEB flyweight over it: how the corruption and protocol steps look at and change
 * the shared header and ring behind the api's back.
 */
final class Mapped implements AutoCloseable {
    final MappedByteBuffer segment;
    final Oieb oieb;
    private final FileChannel channel;

    private Mapped(FileChannel channel, MappedByteBuffer segment) {
        this.channel = channel;
        this.segment = segment;
        this.oieb = new Oieb(segment);
    }

    static Mapped open(String bufferName) {
        Path path = Path.of("/dev/shm", bufferName);
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size());
            b.order(ByteOrder.LITTLE_ENDIAN);
            return new Mapped(ch, b);
        } catch (IOException e) {
            throw new StepFailure("expected to map " + path + ": " + e);
        }
    }

    /** @return segment offset of the ring */
    int ringOffset() {
        return (int) OiebDescriptor.payloadBlockOffset(oieb.metadataSize());
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the mapping stays valid until collected; nothing to do
        }
    }
}
