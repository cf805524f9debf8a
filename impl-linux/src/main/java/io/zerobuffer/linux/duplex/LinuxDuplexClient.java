package io.zerobuffer.linux.duplex;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.DuplexClient;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.api.ReaderOptions;
import io.zerobuffer.api.SequenceErrorException;
import io.zerobuffer.api.ServerDeadException;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterDeadException;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A duplex client over any {@link ZeroBufferFactory}: attaches as writer to {@code C_request},
 * then creates and reads {@code C_response} (the order every peer uses).
 *
 * <p>A server's death reaches {@link #receive(Duration)} in two ways: once the server has
 * attached to {@code C_response}, the response reader sees its writer die within one wait slice
 * (100 ms); before that, the client checks the request buffer's reader after every slice.
 * Either way {@link ServerDeadException}. Per request and response: no allocation.
 */
public final class LinuxDuplexClient implements DuplexClient {
    /** Longest single wait for a response before the server's liveness is checked. */
    static final Duration WAIT_SLICE = Duration.ofMillis(100);
    private static final long WAIT_SLICE_NANOS = WAIT_SLICE.toNanos();
    /** Pause between two attach attempts while the server replaces its request buffer. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ChannelNames names;
    private final Writer request;
    private final Reader response;
    private final Consumer<Object> onClose;
    private long lastSequence;
    private long responsesReceived;
    private volatile boolean closed;

    private LinuxDuplexClient(ChannelNames names, Writer request, Reader response, Consumer<Object> onClose) {
        this.names = names;
        this.request = request;
        this.response = response;
        this.onClose = onClose;
    }

    /**
     * Connects: attach to the request buffer, then create the response buffer.
     *
     * @param factory         the engine
     * @param channel         the channel name
     * @param responseConfig  sizes of {@code C_response}
     * @param requestOptions  attach timeout and write timeout on {@code C_request}
     * @param responseOptions how responses are waited for
     * @param onClose         told when the client closes
     * @return the connected client
     */
    public static LinuxDuplexClient connect(ZeroBufferFactory factory, String channel, BufferConfig responseConfig,
            WriterOptions requestOptions, ReaderOptions responseOptions, Consumer<Object> onClose) {
        Objects.requireNonNull(responseConfig, "responseConfig");
        Objects.requireNonNull(requestOptions, "requestOptions");
        Objects.requireNonNull(responseOptions, "responseOptions");
        ChannelNames names = ChannelNames.of(channel);
        long deadline = System.nanoTime() + requestOptions.attachTimeout().toNanos();
        while (true) {
            Writer request = attachRequest(factory, names, requestOptions, deadline);
            Reader response;
            try {
                response = factory.createReader(names.response(), responseConfig, responseOptions);
            } catch (RuntimeException | Error e) {
                request.close();
                throw e;
            }
            if (request.isReaderConnected()) {
                return new LinuxDuplexClient(names, request, response, onClose);
            }
            // the server replaced its request buffer after the last client left while we attached
            response.close();
            request.close();
            if (System.nanoTime() - deadline >= 0) {
                throw new ServerDeadException(names.request(), "the server removed its request buffer while this client attached");
            }
        }
    }

    /**
     * Attaches to the request buffer. A buffer without a reader is one the server is replacing
     * between two clients: retried, like a buffer not there yet, until the attach deadline.
     */
    private static Writer attachRequest(ZeroBufferFactory factory, ChannelNames names, WriterOptions options,
            long deadline) {
        while (true) {
            try {
                return factory.attachWriter(names.request(), options.withAttachTimeout(
                        Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
            } catch (ReaderDeadException replaced) {
                if (System.nanoTime() - deadline >= 0) {
                    throw replaced;
                }
                LockSupport.parkNanos(RETRY_NANOS);
            }
        }
    }


    @Override
    public String channel() {
        return names.channel();
    }

    @Override
    public void writeMetadata(byte[] metadata) {
        request.writeMetadata(metadata);
    }

    @Override
    public ByteBuffer acquire(int size) {
        try {
            return request.acquire(size);
        } catch (ReaderDeadException e) {
            throw serverGone(e);
        }
    }

    @Override
    public long commit() {
        request.commit();
        return ++lastSequence;
    }

    @Override
    public long send(ByteBuffer data) {
        try {
            request.write(data);
        } catch (ReaderDeadException e) {
            throw serverGone(e);
        }
        return ++lastSequence;
    }

    @Override
    public long send(byte[] data) {
        try {
            request.write(data);
        } catch (ReaderDeadException e) {
            throw serverGone(e);
        }
        return ++lastSequence;
    }

    private ServerDeadException serverGone(ReaderDeadException e) {
        return new ServerDeadException(names.request(), "the server is gone: " + e.getMessage(), e);
    }

    @Override
    public Frame receive(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long remaining = timeout.toNanos();
        while (true) {
            Frame frame;
            try {
                frame = response.read(remaining >= WAIT_SLICE_NANOS ? WAIT_SLICE : Duration.ofNanos(Math.max(0, remaining)));
            } catch (WriterDeadException e) {
                // EndOfStreamException included: the server detached (it stopped) after its last response
                throw new ServerDeadException(names.response(), "the server is gone after "
                        + responsesReceived + " responses: " + e.getMessage(), e);
            }
            if (frame != null) {
                responsesReceived++;
                return frame;
            }
            if (!request.isReaderConnected()) {
                throw new ServerDeadException(names.request(), "the server process that owned the request buffer is gone after "
                        + responsesReceived + " responses");
            }
            remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return null;
            }
        }
    }

    @Override
    public Frame call(ByteBuffer data, Duration timeout) {
        return await(send(data), timeout);
    }

    @Override
    public Frame call(byte[] data, Duration timeout) {
        return await(send(data), timeout);
    }

    private Frame await(long sequence, Duration timeout) {
        Frame frame = receive(timeout);
        if (frame != null && frame.sequence() != sequence) {
            long found = frame.sequence();
            frame.close();
            throw new SequenceErrorException(names.response(), "response sequence " + found + " does not answer request "
                    + sequence + ": an earlier request went unanswered or its response was not received;"
                    + " connect again to resynchronise");
        }
        return frame;
    }

    @Override
    public boolean isServerConnected() {
        return !closed && request.isReaderConnected();
    }

    @Override
    public long requestsSent() {
        return lastSequence;
    }

    @Override
    public long responsesReceived() {
        return responsesReceived;
    }

    /** Detaches from the request buffer first, so the server sees the client leave, then removes the response buffer. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            request.close();
        } finally {
            response.close();
            onClose.accept(this);
        }
    }

    @Override
    public String toString() {
        return "DuplexClient[" + names.channel() + (closed ? ", closed]" : "]");
    }
}
