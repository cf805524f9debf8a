package io.zerobuffer.bridge.aeron;

import io.aeron.ControlledFragmentAssembler;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler.Action;
import io.aeron.logbuffer.Header;
import io.zerobuffer.api.BufferFullException;
import io.zerobuffer.api.FrameTooLargeException;
import io.zerobuffer.api.MetadataAlreadyWrittenException;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.api.ZeroBufferException;
import io.zerobuffer.api.ZeroBufferFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The receive end: subscribes, and writes each frame, whole and in order, into a local buffer
 * that a local reader created; it is that buffer's writer.
 *
 * <p>Frames reach the handler whole (Aeron's fragment assembler). A frame that cannot be
 * written now (no local reader yet, ring full) is left in Aeron's log and offered again, so the
 * sender is back-pressured instead of a frame being lost.
 *
 * <p>Liveness: when the sender goes away (its image times out) or sends end of stream, the
 * writer detaches, so the local reader sees the end of the stream; the next frame attaches it
 * again. When the local reader dies, the subscription is closed so the sender sees its receiver
 * go; it is opened again once a reader has created the buffer anew.
 *
 * <p>Round-trip probes are echoed at once to the port they name, on the host they came from
 * (the image's source address), over a small return publication.
 */
final class ReceiveBridge extends AbstractBridge {
    private static final long ATTACH_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Duration WRITE_SLICE = Duration.ofMillis(100);

    private final ControlledFragmentAssembler assembler = new ControlledFragmentAssembler(this::onMessage);
    private final AtomicInteger imagesGained = new AtomicInteger();
    private final AtomicInteger imagesLost = new AtomicInteger();
    private volatile String lastSource = "-";
    private final UnsafeBuffer echoMessage = new UnsafeBuffer(ByteBuffer.allocateDirect(MessageHeader.LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN));
    private Subscription subscription;
    private ExclusivePublication echo;
    private String echoEndpoint;
    private Writer writer;
    private long lastSequence;
    private long nextAttach;
    private boolean readerGone;
    private boolean attachFailureLogged;

    ReceiveBridge(ZeroBufferFactory factory, BridgeSettings settings) {
        super(factory, settings, "receive");
    }

    @Override
    void run() {
        subscribe();
        describe("-");
        try {
            while (running) {
                long now = System.nanoTime();
                imageEvents();
                int work = 0;
                if (subscription != null) {
                    work = subscription.controlledPoll(assembler, 16);
                    if (readerGone) {
                        unsubscribe();
                    }
                } else if (now >= nextAttach) {
                    nextAttach = now + 2 * ATTACH_RETRY_NANOS;
                    if (tryAttach()) {
                        LOG.info(() -> "receive '" + settings.bufferName() + "': a local reader is back; subscribing");
                        subscribe();
                    }
                }
                counters.maybeReport(now, (peerConnected ? "sender connected" : "no sender")
                        + (writer != null ? ", writer attached" : ", writer detached"));
                if (work == 0) {
                    LockSupport.parkNanos(100_000);
                }
            }
        } finally {
            closeEcho();
            if (subscription != null) {
                subscription.close();
            }
        }
    }

    private void subscribe() {
        readerGone = false;
        subscription = media.aeron().addSubscription(settings.channel(), settings.streamId(),
                this::imageAvailable, this::imageUnavailable);
        LOG.info(() -> "receive '" + settings.bufferName() + "' <- " + settings.channel() + " stream "
                + settings.streamId());
    }

    private void unsubscribe() {
        closeEcho();
        subscription.close();
        subscription = null;
        peerConnected = false;
        nextAttach = System.nanoTime() + 2 * ATTACH_RETRY_NANOS;
    }

    private void imageAvailable(Image image) {
        lastSource = image.sourceIdentity();
        imagesGained.incrementAndGet();
    }

    private void imageUnavailable(Image image) {
        imagesLost.incrementAndGet();
    }

    private void imageEvents() {
        if (imagesLost.getAndSet(0) > 0) {
            counters.peerLost();
            peerConnected = subscription != null && subscription.imageCount() > 0;
            LOG.warning(() -> "receive '" + settings.bufferName() + "': sender lost (nothing from it for "
                    + settings.livenessTimeout().toMillis() + " ms); the local writer detaches");
            detach();
            closeEcho();
            lastSequence = 0;
            if (!peerConnected) {
                describe("-");
            }
        }
        if (imagesGained.getAndSet(0) > 0) {
            counters.peerConnected();
            peerConnected = true;
            describe(lastSource);
            LOG.info(() -> "receive '" + settings.bufferName() + "': sender connected from " + lastSource);
        }
    }

    private Action onMessage(DirectBuffer buffer, int offset, int length, Header header) {
        if (length < MessageHeader.LENGTH) {
            LOG.warning(() -> "receive '" + settings.bufferName() + "': skipped a message of " + length
                    + " B, shorter than the bridge header");
            return Action.CONTINUE;
        }
        int type = buffer.getInt(offset + MessageHeader.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        int size = length - MessageHeader.LENGTH;
        switch (type) {
            case MessageHeader.TYPE_FRAME:
                return frame(buffer, offset, size);
            case MessageHeader.TYPE_METADATA:
                return metadata(buffer, offset, size);
            case MessageHeader.TYPE_PROBE:
                echo(buffer, offset, header);
                return Action.CONTINUE;
            case MessageHeader.TYPE_END_OF_STREAM:
                LOG.info(() -> "receive '" + settings.bufferName() + "': the sender's writer left; the local writer detaches");
                detach();
                lastSequence = 0;
                return Action.CONTINUE;
            default:
                LOG.warning(() -> "receive '" + settings.bufferName() + "': skipped a message of unknown type " + type);
                return Action.CONTINUE;
        }
    }

    /** Echoes a probe to the port it names on the host it came from; once, never waiting. */
    private void echo(DirectBuffer buffer, int offset, Header header) {
        int port = buffer.getInt(offset + MessageHeader.RESERVED_OFFSET, ByteOrder.LITTLE_ENDIAN);
        Image image = subscription.imageBySessionId(header.sessionId());
        if (port <= 0 || port > 0xffff || image == null) {
            return;
        }
        String source = image.sourceIdentity();
        int colon = source.lastIndexOf(':');
        if (colon <= 0) {
            return;
        }
        String endpoint = source.substring(0, colon) + ":" + port;
        if (!endpoint.equals(echoEndpoint)) {
            closeEcho();
            echo = media.aeron().addExclusivePublication("aeron:udp?endpoint=" + endpoint + "|term-length=65536",
                    settings.streamId());
            echoEndpoint = endpoint;
            LOG.fine(() -> "receive '" + settings.bufferName() + "': echoing round-trip probes to " + endpoint);
        }
        echoMessage.putInt(MessageHeader.TYPE_OFFSET, MessageHeader.TYPE_ECHO);
        echoMessage.putInt(MessageHeader.RESERVED_OFFSET, 0);
        echoMessage.putLong(MessageHeader.SEQUENCE_OFFSET,
                buffer.getLong(offset + MessageHeader.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN));
        echo.offer(echoMessage, 0, MessageHeader.LENGTH);
    }

    private void closeEcho() {
        if (echo != null) {
            echo.close();
            echo = null;
            echoEndpoint = null;
        }
    }

    private Action frame(DirectBuffer buffer, int offset, int size) {
        if (size == 0 || !ensureWriter()) {
            return size == 0 ? Action.CONTINUE : Action.ABORT;
        }
        long sequence = buffer.getLong(offset + MessageHeader.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        ByteBuffer slot;
        try {
            slot = writer.acquire(size);
        } catch (BufferFullException full) {
            return Action.ABORT; // the local reader is slow: leave the frame in Aeron's log
        } catch (ReaderDeadException dead) {
            readerLost(dead);
            return Action.ABORT;
        } catch (FrameTooLargeException tooLarge) {
            // the local reader's ring can never hold it: skip this frame, count it, carry on
            counters.drop();
            LOG.warning(() -> "receive '" + settings.bufferName() + "': frame " + sequence + " dropped: "
                    + tooLarge.getMessage());
            lastSequence = sequence;
            return Action.CONTINUE;
        }
        buffer.getBytes(offset + MessageHeader.LENGTH, slot, 0, size);
        try {
            writer.commit();
        } catch (ReaderDeadException dead) {
            readerLost(dead);
            return Action.ABORT;
        }
        if (lastSequence != 0 && sequence > lastSequence + 1) {
            counters.gap(sequence - lastSequence - 1);
        }
        lastSequence = sequence;
        counters.frame(size);
        return Action.CONTINUE;
    }

    private Action metadata(DirectBuffer buffer, int offset, int size) {
        if (!ensureWriter()) {
            return Action.ABORT;
        }
        try {
            ByteBuffer block = writer.acquireMetadata(size);
            buffer.getBytes(offset + MessageHeader.LENGTH, block, 0, size);
            writer.commitMetadata();
            LOG.info(() -> "receive '" + settings.bufferName() + "': metadata written (" + size + " B)");
        } catch (MetadataAlreadyWrittenException already) {
            LOG.fine(() -> "receive '" + settings.bufferName() + "': metadata already in the buffer, kept");
        } catch (ReaderDeadException dead) {
            readerLost(dead);
            return Action.ABORT;
        } catch (ZeroBufferException e) {
            LOG.warning(() -> "receive '" + settings.bufferName() + "': metadata not written: " + e.getMessage());
        }
        return Action.CONTINUE;
    }

    private boolean ensureWriter() {
        if (writer != null) {
            return true;
        }
        long now = System.nanoTime();
        if (now < nextAttach) {
            return false;
        }
        nextAttach = now + ATTACH_RETRY_NANOS;
        return tryAttach();
    }

    private boolean tryAttach() {
        try {
            writer = factory.attachWriter(settings.bufferName(), WriterOptions.defaults().withWriteTimeout(WRITE_SLICE));
            attachFailureLogged = false;
            LOG.info(() -> "receive '" + settings.bufferName() + "': attached to the local buffer as its writer");
            return true;
        } catch (ZeroBufferException e) {
            if (!attachFailureLogged) {
                attachFailureLogged = true;
                LOG.info(() -> "receive '" + settings.bufferName() + "': no local reader to write to yet ("
                        + e.getMessage() + "); retrying");
            }
            return false;
        }
    }

    private void readerLost(ReaderDeadException dead) {
        LOG.warning(() -> "receive '" + settings.bufferName() + "': local reader gone (" + dead.getMessage()
                + "); unsubscribing so the sender sees it");
        detach();
        readerGone = true;
    }

    private void detach() {
        if (writer != null) {
            try {
                writer.close();
            } catch (RuntimeException e) {
                LOG.fine(() -> "receive '" + settings.bufferName() + "': detach: " + e);
            }
            writer = null;
        }
    }

    @Override
    void releaseLocal() {
        detach();
    }
}
