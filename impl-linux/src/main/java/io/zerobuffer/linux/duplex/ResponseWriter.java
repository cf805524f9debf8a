package io.zerobuffer.linux.duplex;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.DuplexResponseException;
import io.zerobuffer.api.Writer;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The writer a {@link io.zerobuffer.api.DuplexHandler} answers through: the server's writer of
 * the client's {@code C_response}, enforcing "exactly one response per request". A second
 * response is refused before it reaches the ring, so the n-th response still answers the n-th
 * request. {@link #close()} does nothing (the server owns the writer). No allocation per request.
 */
final class ResponseWriter implements Writer {
    private Writer target;
    private long requestSequence;
    private int responses;
    private boolean acquired;

    /** Points this writer at the current client's response writer, for the request of that sequence. */
    void begin(Writer responseWriter, long sequence) {
        this.target = responseWriter;
        this.requestSequence = sequence;
        this.responses = 0;
        this.acquired = false;
    }

    /** @return responses committed for the current request (0 or 1) */
    int responses() {
        return responses;
    }

    /** @return whether a response was acquired and not committed */
    boolean acquiredWithoutCommit() {
        return acquired;
    }

    /** Ends the request: from now until the next {@link #begin}, every write is refused. */
    void end() {
        target = null;
    }

    private Writer checkFirst() {
        Writer writer = target;
        if (writer == null) {
            throw new IllegalStateException("response writer used outside its handler call");
        }
        if (responses > 0) {
            throw new DuplexResponseException(writer.name(), "a second response to request " + requestSequence
                    + " was refused: a handler writes exactly one response per request");
        }
        return writer;
    }

    @Override
    public String name() {
        return target().name();
    }

    private Writer target() {
        Writer writer = target;
        if (writer == null) {
            throw new IllegalStateException("response writer used outside its handler call");
        }
        return writer;
    }

    @Override
    public BufferConfig config() {
        return target().config();
    }

    @Override
    public void writeMetadata(ByteBuffer metadata) {
        target().writeMetadata(metadata);
    }

    @Override
    public void writeMetadata(byte[] metadata) {
        target().writeMetadata(metadata);
    }

    @Override
    public ByteBuffer acquireMetadata(int size) {
        return target().acquireMetadata(size);
    }

    @Override
    public void commitMetadata() {
        target().commitMetadata();
    }

    @Override
    public void write(byte[] data) {
        checkFirst().write(data);
        responses++;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        checkFirst().write(data, offset, length);
        responses++;
    }

    @Override
    public void write(ByteBuffer data) {
        checkFirst().write(data);
        responses++;
    }

    @Override
    public ByteBuffer acquire(int size) {
        ByteBuffer view = checkFirst().acquire(size);
        acquired = true;
        return view;
    }

    /** A response is one frame: a batch of one is written, a larger one refused. */
    @Override
    public void write(ByteBuffer[] frames, int offset, int count) {
        Writer writer = checkFirst();
        if (count > 1) {
            throw new DuplexResponseException(writer.name(), count + " responses to request " + requestSequence
                    + " were refused: a handler writes exactly one response per request");
        }
        writer.write(frames, offset, count);
        responses += count;
    }

    @Override
    public ByteBuffer tryAcquire(int size) {
        ByteBuffer view = checkFirst().tryAcquire(size);
        acquired = view != null;
        return view;
    }

    @Override
    public void abort() {
        target().abort();
        acquired = false;
    }

    @Override
    public void commit() {
        Writer writer = target();
        writer.commit();
        acquired = false;
        responses++;
    }

    @Override
    public boolean drain(Duration timeout) {
        return target().drain(timeout);
    }

    @Override
    public boolean isReaderConnected() {
        return target().isReaderConnected();
    }

    @Override
    public long framesWritten() {
        return target().framesWritten();
    }

    @Override
    public BufferStatus status() {
        return target().status();
    }

    /** Does nothing: the server owns the response writer. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        Writer writer = target;
        return "ResponseWriter[" + (writer == null ? "idle" : writer.name() + ", request " + requestSequence) + "]";
    }
}
