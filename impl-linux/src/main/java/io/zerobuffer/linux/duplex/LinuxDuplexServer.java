package io.zerobuffer.linux.duplex;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.BufferDirectory;
import io.zerobuffer.api.BufferStatus;
import io.zerobuffer.api.DuplexHandler;
import io.zerobuffer.api.DuplexResponseException;
import io.zerobuffer.api.DuplexServer;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.api.ReaderOptions;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterDeadException;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferException;
import io.zerobuffer.api.ZeroBufferFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A duplex server over any {@link ZeroBufferFactory}: one thread serves clients one after
 * another.
 *
 * <pre>
 *   start ──► create C_request
 *               │
 *      ┌──────► wait for a client: a live writer on C_request, and a C_response whose
 *      │        reader is that same process (polled every 20 ms, indefinitely)
 *      │        │
 *      │        ▼
 *      │        serve: read request ─► handler(request, response writer) ─► exactly one response
 *      │        │   (until the client detaches or dies: C_request's writer, or C_response's reader)
 *      │        ▼
 *      └─────── detach from C_response, remove C_request and create it afresh
 *               (the half-finished exchange is discarded: unread requests, sequence numbers)
 * </pre>
 *
 * <p>A client that leaves before it created {@code C_response} is discarded the same way. A
 * handler that acquires a response and fails before committing it ends that client's turn
 * (the half-written response cannot be withdrawn), and the next client is served. Per request,
 * on the default single-thread path: no allocation.
 */
public final class LinuxDuplexServer implements DuplexServer {
    private static final Logger LOG = Logger.getLogger(LinuxDuplexServer.class.getPackageName());
    /** How often a waiting server looks for a client (the peers' servers retry every 100 ms). */
    static final long CLIENT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Longest single wait for a request before the server checks the client and its own stop flag. */
    static final Duration WAIT_SLICE = Duration.ofMillis(100);

    private final ZeroBufferFactory factory;
    private final BufferDirectory directory;
    private final ChannelNames names;
    private final BufferConfig requestConfig;
    private final ReaderOptions requestOptions;
    private final WriterOptions responseOptions;
    private final Consumer<Object> onClose;
    private final Object lifecycle = new Object();

    private Thread thread;
    private boolean closed;
    private volatile boolean running;
    private volatile boolean clientConnected;
    // written by the serving thread only; volatile for readers on other threads
    private volatile long requests;
    private volatile long responses;
    private volatile long handlerErrors;
    private volatile long clients;
    /** Set by the serving thread when a request broke the protocol: the request buffer must be renewed. */
    private boolean requestBufferSpoiled;

    /**
     * @param factory         the engine
     * @param directory       a passive view of the host's buffers, to see who owns a
     *                        {@code C_response} before attaching to it (an attach and detach
     *                        would end the stream of a client that has not been served yet)
     * @param channel         the channel name
     * @param requestConfig   sizes of {@code C_request}
     * @param requestOptions  how requests are waited for
     * @param responseOptions write timeout and wait strategy on each {@code C_response}
     * @param onClose         told when the server closes
     */
    public LinuxDuplexServer(ZeroBufferFactory factory, BufferDirectory directory, String channel, BufferConfig requestConfig,
            ReaderOptions requestOptions, WriterOptions responseOptions, Consumer<Object> onClose) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.names = ChannelNames.of(channel);
        this.requestConfig = Objects.requireNonNull(requestConfig, "requestConfig");
        this.requestOptions = Objects.requireNonNull(requestOptions, "requestOptions");
        this.responseOptions = Objects.requireNonNull(responseOptions, "responseOptions").withAttachTimeout(Duration.ZERO);
        this.onClose = onClose;
    }

    @Override
    public String channel() {
        return names.channel();
    }

    @Override
    public void start(DuplexHandler handler) {
        startServing(handler, null);
    }

    @Override
    public void start(DuplexHandler handler, Executor executor) {
        startServing(handler, Objects.requireNonNull(executor, "executor"));
    }

    private void startServing(DuplexHandler handler, Executor executor) {
        Objects.requireNonNull(handler, "handler");
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("duplex server '" + names.channel() + "' is closed");
            }
            if (thread != null) {
                throw new IllegalStateException("duplex server '" + names.channel() + "' is running already");
            }
            Reader requestReader = factory.createReader(names.request(), requestConfig, requestOptions);
            running = true;
            thread = new Thread(() -> serve(requestReader, handler, executor), "zerobuffer-duplex-" + names.channel());
            thread.setDaemon(true);
            thread.start();
        }
        LOG.fine(() -> "duplex server '" + names.channel() + "' started, waiting for clients on " + names.request());
    }

    @Override
    public void stop() {
        Thread serving;
        synchronized (lifecycle) {
            serving = thread;
            if (serving == null) {
                return;
            }
            running = false;
            thread = null;
        }
        if (serving == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                serving.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isClientConnected() {
        return clientConnected;
    }

    @Override
    public long requests() {
        return requests;
    }

    @Override
    public long responses() {
        return responses;
    }

    @Override
    public long handlerErrors() {
        return handlerErrors;
    }

    @Override
    public long clients() {
        return clients;
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stop();
        if (onClose != null) {
            onClose.accept(this);
        }
    }

    /** The serving thread: client after client until stopped. */
    private void serve(Reader initial, DuplexHandler handler, Executor executor) {
        Reader requestReader = initial;
        ResponseWriter responseWriter = new ResponseWriter();
        Frame carried = null;
        try {
            while (running) {
                Writer response = awaitClient(requestReader);
                if (response == null) {
                    if (carried != null) {
                        carried.close();
                        carried = null;
                    }
                    if (running) {
                        requestReader = renew(requestReader);
                        continue;
                    }
                    break;
                }
                long clientPid = response.status().readerPid();
                clients++;
                clientConnected = true;
                try {
                    carried = serveClient(requestReader, response, carried, clientPid, handler, executor, responseWriter);
                    if (running && carried == null && (requestBufferSpoiled || !requestReader.isWriterConnected())) {
                        requestBufferSpoiled = false;
                        requestReader = renew(requestReader);
                    }
                } finally {
                    clientConnected = false;
                }
            }
        } catch (ZeroBufferException e) {
            LOG.log(Level.SEVERE, "duplex server '" + names.channel() + "' stopped: " + e.getMessage(), e);
        } finally {
            running = false;
            synchronized (lifecycle) {
                if (thread == Thread.currentThread()) {
                    thread = null;
                }
            }
            if (carried != null) {
                carried.close();
            }
            if (requestReader != null) {
                requestReader.close();
            }
        }
    }

    /**
     * Discards the request buffer and everything in it, and creates it afresh for the next
     * client: a fresh ring, sequence and metadata block. Only done while no writer is attached;
     * a client that attached to the old buffer in the instant between the check and the removal
     * sees {@link io.zerobuffer.api.ServerDeadException} and may connect again.
     */
    private Reader renew(Reader requestReader) {
        requestReader.close();
        return factory.createReader(names.request(), requestConfig, requestOptions);
    }

    /**
     * @return the writer of the next client's response buffer; {@code null} when the server
     *         stops, or when a client left before it was served (the request buffer is then renewed)
     */
    private Writer awaitClient(Reader requestReader) {
        while (running) {
            // the state first, then the liveness: a client attaching between the two reads
            // must look "not there yet", never "left" (which would renew the buffer under it)
            BufferStatus status = requestReader.status();
            if (requestReader.isWriterConnected()) {
                Writer response = attachResponse(requestReader.status().writerPid());
                if (response != null) {
                    return response;
                }
            } else {
                if (status.writerPid() != 0 || status.writtenCount() > 0) {
                    LOG.fine(() -> "duplex channel '" + names.channel() + "': client " + status.writerPid()
                            + " left before it was served");
                    return null;
                }
            }
            LockSupport.parkNanos(CLIENT_POLL_NANOS);
        }
        return null;
    }

    /**
     * @return the writer of the client's response buffer, once it exists and that client's
     *         process owns it (checked passively first: attaching to a buffer and detaching
     *         again would end the stream of a client that is not served yet)
     */
    private Writer attachResponse(long clientPid) {
        if (clientPid == 0) {
            return null;
        }
        BufferStatus owner = directory.find(names.response()).orElse(null);
        if (owner == null || owner.readerPid() != clientPid) {
            return null;
        }
        Writer response;
        try {
            response = factory.attachWriter(names.response(), responseOptions);
        } catch (ZeroBufferException notYet) {
            // still being initialised, or replaced meanwhile: look again later
            return null;
        }
        if (response.status().readerPid() != clientPid) {
            response.close();
            return null;
        }
        return response;
    }

    /**
     * Serves one client until it leaves or dies, or the server stops.
     *
     * @param first a request that opened this client's turn, read while serving the last one
     * @return a request with sequence 1 from the next client, read while serving this one, or {@code null}
     */
    private Frame serveClient(Reader requestReader, Writer response, Frame first, long clientPid, DuplexHandler handler,
            Executor executor, ResponseWriter responseWriter) {
        LOG.fine(() -> "duplex channel '" + names.channel() + "': serving client " + clientPid);
        long read = 0;
        Frame request = first;
        try {
            while (running) {
                if (request == null) {
                    try {
                        request = requestReader.read(WAIT_SLICE);
                    } catch (WriterDeadException departed) {
                        LOG.fine(() -> "duplex channel '" + names.channel() + "': client " + clientPid + " left: "
                                + departed.getMessage());
                        return null;
                    } catch (ZeroBufferException broken) {
                        // a sequence or size the protocol cannot produce: drop this client, start afresh
                        LOG.warning(() -> "duplex channel '" + names.channel() + "': dropping client " + clientPid
                                + " after a broken request: " + broken.getMessage());
                        requestBufferSpoiled = true;
                        return null;
                    }
                    if (request == null) {
                        if (!response.isReaderConnected()) {
                            LOG.fine(() -> "duplex channel '" + names.channel() + "': client " + clientPid
                                    + " no longer reads " + names.response());
                            return null;
                        }
                        continue;
                    }
                }
                long sequence = request.sequence();
                if (sequence == 1 && read > 0) {
                    // a new writer numbers from 1: this client is gone and the next one has begun
                    Frame next = request;
                    request = null;
                    return next;
                }
                if (sequence != 1 && read == 0) {
                    // left in the ring by a client that was never served: discard
                    request.close();
                    request = null;
                    continue;
                }
                read++;
                try {
                    if (read == 1) {
                        init(requestReader, handler);
                    }
                    if (!handle(request, response, handler, executor, responseWriter)) {
                        return null;
                    }
                } finally {
                    responseWriter.end();
                    request.close();
                    request = null;
                }
            }
            return null;
        } catch (ReaderDeadException clientGone) {
            LOG.fine(() -> "duplex channel '" + names.channel() + "': client " + clientPid + " is gone: "
                    + clientGone.getMessage());
            return null;
        } finally {
            if (request != null) {
                // only reached by an exception while a frame was open
                request.close();
            }
            response.close();
        }
    }

    private void init(Reader requestReader, DuplexHandler handler) {
        if (!requestReader.hasMetadata()) {
            return;
        }
        try {
            handler.onInit(requestReader.metadata());
        } catch (Exception e) {
            handlerErrors++;
            LOG.log(Level.WARNING, "duplex channel '" + names.channel() + "': onInit threw " + e, e);
        }
    }

    /** @return whether this client's turn goes on */
    private boolean handle(Frame request, Writer response, DuplexHandler handler, Executor executor,
            ResponseWriter responseWriter) {
        long sequence = request.sequence();
        requests++;
        responseWriter.begin(response, sequence);
        Throwable failure = invoke(request, handler, executor, responseWriter);
        int written = responseWriter.responses();
        if (written > 0) {
            responses++;
        }
        if (failure instanceof ReaderDeadException && !responseWriter.acquiredWithoutCommit()) {
            throw (ReaderDeadException) failure;
        }
        if (failure != null) {
            handlerErrors++;
            if (failure instanceof DuplexResponseException) {
                LOG.warning(failure.getMessage());
            } else {
                LOG.log(Level.WARNING, "duplex channel '" + names.channel() + "': the handler threw on request " + sequence
                        + (written == 0 ? ", which gets no response: " : ": ") + failure, failure);
            }
        } else if (written == 0) {
            handlerErrors++;
            LOG.warning(new DuplexResponseException(names.response(), "the handler returned without a response to request "
                    + sequence + "; that request gets none").getMessage());
        }
        if (responseWriter.acquiredWithoutCommit()) {
            LOG.warning("duplex channel '" + names.channel() + "': the handler acquired a response to request " + sequence
                    + " and did not commit it; ending this client's turn");
            return false;
        }
        return true;
    }

    private static Throwable invoke(Frame request, DuplexHandler handler, Executor executor, ResponseWriter responseWriter) {
        try {
            if (executor == null) {
                handler.handle(request, responseWriter);
            } else {
                FutureTask<Void> task = new FutureTask<>(() -> {
                    handler.handle(request, responseWriter);
                    return null;
                });
                executor.execute(task);
                try {
                    task.get();
                } catch (ExecutionException e) {
                    return e.getCause();
                }
            }
            return null;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        } catch (Throwable e) {
            return e;
        }
    }

    @Override
    public String toString() {
        return "DuplexServer[" + names.channel() + (running ? ", running]" : "]");
    }
}
