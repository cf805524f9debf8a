package io.zerobuffer.linux.ring;

import io.zerobuffer.api.Frame;
import io.zerobuffer.linux.layout.BufferWindow;
import java.nio.ByteBuffer;

/**
 * The frame a {@link RingReader} hands out: a flyweight reused for every frame, whose payload
 * view is a {@link BufferWindow} over the ring. Closing it releases the ring space and empties
 * the view. Not thread-safe.
 */
final class RingFrame implements Frame {
    private final RingReader reader;
    private final BufferWindow window;
    private ByteBuffer data;
    private int size;
    private long sequence;
    private long ringBytes;
    private boolean open;

    RingFrame(RingReader reader, BufferWindow window) {
        this.reader = reader;
        this.window = window;
    }

    void open(int payloadOffset, int size, long sequence, long ringBytes) {
        this.data = window.moveTo(payloadOffset, size);
        this.size = size;
        this.sequence = sequence;
        this.ringBytes = ringBytes;
        this.open = true;
    }

    /** Forgets the frame without releasing ring space (the reader is closing). */
    void abandon() {
        open = false;
        window.clear();
    }

    @Override
    public ByteBuffer data() {
        checkOpen();
        return data;
    }

    @Override
    public int size() {
        checkOpen();
        return size;
    }

    @Override
    public long sequence() {
        checkOpen();
        return sequence;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            window.clear();
            reader.release(ringBytes);
        }
    }

    private void checkOpen() {
        if (!open) {
            throw new IllegalStateException("buffer '" + reader.bufferName() + "': frame already closed; its ring space may be reused");
        }
    }

    @Override
    public String toString() {
        return open ? "Frame[sequence=" + sequence + ", size=" + size + "]" : "Frame[closed]";
    }
}
