package io.zerobuffer.serve.duplex;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferNotFoundException;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterDeadException;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The server side of a request/response channel made of two ordinary buffers (PROTOCOL.md §6):
 * it creates {@code NAME_request} as its reader and, once a client created
 * {@code NAME_response}, attaches to it as writer. One handler thread answers each request with
 * exactly one response, in order. A client that leaves or dies is noticed before the response is
 * written; the server then waits for the next client.
 */
public final class ChannelServer implements AutoCloseable {
    /** How long a response waits for room in the response ring. */
    public static final Duration RESPONSE_WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final ZeroBufferFactory engine;
    private final String name;
    private final Reader requests;
    private final Object writeLock = new Object();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile Writer responses;
    private volatile Thread thread;
    private volatile boolean stop;
    private volatile Throwable lastFailure;
    private volatile Throwable fatal;

    /**
     * @param engine the engine
     * @param name   the channel name
     * @param config sizes of the request buffer
     */
    public ChannelServer(ZeroBufferFactory engine, String name, BufferConfig config) {
        this.engine = engine;
        this.name = name;
        this.requests = engine.createReader(requestName(name), config);
    }

    /**
     * @param channel a channel name
     * @return its request buffer's name
     */
    public static String requestName(String channel) {
        return channel + "_request";
    }

    /**
     * @param channel a channel name
     * @return its response buffer's name
     */
    public static String responseName(String channel) {
        return channel + "_response";
    }

    /** @return the channel name */
    public String name() {
        return name;
    }

    /** @return the request buffer's reader */
    public Reader requests() {
        return requests;
    }

    /**
     * Starts answering requests.
     *
     * @param handler      computes a response from a request (a read-only view, valid during the call)
     * @param processingMs time each request takes before its response is written
     */
    public synchronized void start(Function<ByteBuffer, byte[]> handler, long processingMs) {
        if (thread != null) {
            throw new IllegalStateException("channel '" + name + "': a handler is running already");
        }
        thread = new Thread(() -> serve(handler, processingMs), "channel-server-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(Function<ByteBuffer, byte[]> handler, long processingMs) {
        try {
            while (!stop) {
                byte[] response;
                try (Frame request = requests.read(Duration.ofMillis(200))) {
                    if (request == null) {
                        continue;
                    }
                    try {
                        responseWriter();
                    } catch (ReaderDeadException | BufferNotFoundException noClient) {
                        lastFailure = noClient;
                    }
                    received.incrementAndGet();
                    response = handler.apply(request.data());
                } catch (WriterDeadException clientGone) {
                    dropResponses();
                    Thread.sleep(100);
                    continue;
                }
                if (processingMs > 0) {
                    Thread.sleep(processingMs);
                }
                respond(response);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fatal = e;
        }
    }

    private void respond(byte[] response) throws InterruptedException {
        try {
            Writer w = responseWriter();
            if (!w.isReaderConnected()) {
                throw new ReaderDeadException(responseName(name), "the client's response reader is gone");
            }
            synchronized (writeLock) {
                w.write(response);
            }
            lastFailure = null;
        } catch (ReaderDeadException | BufferNotFoundException e) {
            lastFailure = e;
            dropResponses();
        } finally {
            handled.incrementAndGet();
        }
    }

    private Writer responseWriter() throws InterruptedException {
        Writer w = responses;
        if (w != null) {
            return w;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                w = engine.attachWriter(responseName(name), WriterOptions.defaults()
                        .withWriteTimeout(RESPONSE_WRITE_TIMEOUT).withAttachTimeout(Duration.ofMillis(100)));
                responses = w;
                return w;
            } catch (BufferNotFoundException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private void dropResponses() {
        Writer w = responses;
        responses = null;
        if (w != null) {
            try {
                w.close();
            } catch (RuntimeException ignored) {
                // the client is gone; nothing to detach from
            }
        }
    }

    /**
     * Writes one more response outside the handler, waiting for room as long as the response
     * write timeout allows.
     *
     * @param response the bytes
     * @throws InterruptedException if interrupted
     */
    public void writeResponse(byte[] response) throws InterruptedException {
        Writer w = responseWriter();
        synchronized (writeLock) {
            w.write(response);
        }
    }

    /** @return requests taken in so far (each counted once the response writer is attached, or failed to) */
    public long received() {
        return received.get();
    }

    /** @return requests answered (or whose answer failed) so far */
    public long handled() {
        return handled.get();
    }

    /** @return why the last response could not be written, or {@code null} if it was */
    public Throwable lastFailure() {
        return lastFailure;
    }

    /** @return what stopped the handler thread, or {@code null} if it runs or stopped as asked */
    public Throwable fatal() {
        return fatal;
    }

    /** @return whether the handler thread runs */
    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** Stops the handler, detaches from the responses and removes the request buffer. */
    @Override
    public void close() {
        stop = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        dropResponses();
        requests.close();
    }
}
