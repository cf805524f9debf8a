package io.zerobuffer.serve.duplex;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferFactory;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The client side of a request/response channel (PROTOCOL.md §6): it attaches to
 * {@code NAME_request} as writer and creates {@code NAME_response}, of the same sizes, as its
 * reader. The n-th response answers the n-th request.
 */
public final class ChannelClient implements AutoCloseable {
    private final Writer requests;
    private final Reader responses;

    /**
     * @param engine the engine
     * @param name   the channel name
     */
    public ChannelClient(ZeroBufferFactory engine, String name) {
        this.requests = engine.attachWriter(ChannelServer.requestName(name),
                WriterOptions.defaults().withAttachTimeout(Duration.ofSeconds(5)).withWriteTimeout(Duration.ofSeconds(5)));
        try {
            BufferConfig c = requests.config();
            this.responses = engine.createReader(ChannelServer.responseName(name), c);
        } catch (RuntimeException e) {
            requests.close();
            throw e;
        }
    }

    /** @return the request writer */
    public Writer requests() {
        return requests;
    }

    /** @return the response reader */
    public Reader responses() {
        return responses;
    }

    /** @param request the bytes of one request */
    public void send(byte[] request) {
        requests.write(request);
    }

    /**
     * @param timeout how long to wait
     * @return a copy of the next response, or {@code null} if none came in time
     */
    public byte[] receive(Duration timeout) {
        try (Frame f = responses.read(timeout)) {
            if (f == null) {
                return null;
            }
            ByteBuffer d = f.data();
            byte[] copy = new byte[d.remaining()];
            d.get(0, copy);
            return copy;
        }
    }

    /** Detaches from the requests and removes the response buffer. */
    @Override
    public void close() {
        try {
            requests.close();
        } finally {
            responses.close();
        }
    }
}
