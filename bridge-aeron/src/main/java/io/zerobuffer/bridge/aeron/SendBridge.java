package io.zerobuffer.bridge.aeron;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.zerobuffer.api.WriterDeadException;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.ZeroBufferFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The send end: the reader of a local buffer, forwarding each frame to an Aeron publication,
 * and the metadata once per connected receiver.
 *
 * <p>Liveness: when the receiver goes away (the publication is no longer connected) the local
 * reader is closed, so the local writer gets {@code ReaderDeadException} as if its reader had
 * died; the buffer is created again when a receiver connects. When the local writer detaches
 * or dies, an end-of-stream message goes out (the receiver detaches too) and the buffer is
 * created again for the next writer.
 *
 * <p>Round-trip time: every {@value #PROBE_INTERVAL_MS} ms a {@link MessageHeader#TYPE_PROBE
 * probe} goes out in the stream, naming the port of a return stream this end subscribes to on
 * every interface; the receive end echoes it there, and the time until the echo is read is the
 * round trip, shown in the progress line. The probe travels in the stream, behind the frames
 * already offered: on an idle link it is the network's round trip (within the
 * {@link #READ_SLICE read slice}), on a back-pressured one it includes that queue, i.e. what a
 * frame sent now waits.
 *
 * <p>Per frame: one copy, from the ring into Aeron's term buffer; no allocation.
 */
final class SendBridge extends AbstractBridge {
    /** How long one read waits for a frame (echoes are read in between). */
    private static final Duration READ_SLICE = Duration.ofMillis(2);
    private static final long IDLE_PARK_NANOS = 200_000;
    static final long PROBE_INTERVAL_MS = 250;
    /** The return stream: any interface, a port the system picks. */
    private static final String RETURN_CHANNEL = "aeron:udp?endpoint=0.0.0.0:0";

    private final UnsafeBuffer header = new UnsafeBuffer(ByteBuffer.allocateDirect(MessageHeader.LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN));
    private final UnsafeBuffer payload = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer probe = new UnsafeBuffer(ByteBuffer.allocateDirect(MessageHeader.LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN));
    private final FragmentHandler echoHandler = this::onEcho;
    private Subscription returns;
    private int returnPort;
    private long nextProbe;
    private ExclusivePublication publication;
    private Reader reader;
    private boolean metadataSent;
    private boolean wasConnected;

    SendBridge(ZeroBufferFactory factory, BridgeSettings settings) {
        super(factory, settings, "send");
    }

    @Override
    void run() {
        ChannelUri uri = ChannelUri.parse(settings.channel());
        if (uri.get(CommonContext.TERM_LENGTH_PARAM_NAME) == null) {
            uri.put(CommonContext.TERM_LENGTH_PARAM_NAME, Integer.toString(settings.termLength()));
        }
        if (uri.get(CommonContext.SPARSE_PARAM_NAME) == null) {
            uri.put(CommonContext.SPARSE_PARAM_NAME, "true");
        }
        String channel = uri.toString();
        publication = media.aeron().addExclusivePublication(channel, settings.streamId());
        int largest = publication.maxMessageLength() - MessageHeader.LENGTH;
        LOG.info(() -> "send '" + settings.bufferName() + "' -> " + channel + " stream " + settings.streamId()
                + ", back-pressure " + settings.backPressure().name().toLowerCase() + ", largest frame " + largest
                + " B (term length " + publication.termBufferLength() + ")");
        returns = media.aeron().addSubscription(RETURN_CHANNEL, settings.streamId());
        String endpoint = uri.get(CommonContext.ENDPOINT_PARAM_NAME);
        describe(endpoint == null ? "-" : endpoint);
        openReader();
        try {
            while (running) {
                long now = System.nanoTime();
                boolean connected = publication.isConnected();
                if (connected != wasConnected) {
                    connectionChanged(connected);
                }
                returns.poll(echoHandler, 4);
                if (connected && now >= nextProbe) {
                    sendProbe(now);
                }
                counters.maybeReport(now, connected ? "receiver connected" : "no receiver");
                if (reader == null || (!connected && settings.backPressure() == BackPressure.BLOCK)) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS * 10);
                    continue;
                }
                if (connected && !metadataSent && reader.hasMetadata()) {
                    metadataSent = sendMetadata();
                }
                forwardOne();
            }
        } finally {
            publication.close();
            returns.close();
        }
    }

    /** Offers one probe (once: a back-pressured stream skips it) naming the return stream's port. */
    private void sendProbe(long now) {
        nextProbe = now + TimeUnit.MILLISECONDS.toNanos(PROBE_INTERVAL_MS);
        if (returnPort == 0) {
            String endpoint = returns.resolvedEndpoint();
            if (endpoint == null) {
                return;
            }
            returnPort = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        }
        probe.putInt(MessageHeader.TYPE_OFFSET, MessageHeader.TYPE_PROBE);
        probe.putInt(MessageHeader.RESERVED_OFFSET, returnPort);
        probe.putLong(MessageHeader.SEQUENCE_OFFSET, now);
        publication.offer(probe, 0, MessageHeader.LENGTH);
    }

    private void onEcho(DirectBuffer buffer, int offset, int length, Header header) {
        if (length < MessageHeader.LENGTH
                || buffer.getInt(offset + MessageHeader.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN) != MessageHeader.TYPE_ECHO) {
            return;
        }
        long rtt = System.nanoTime() - buffer.getLong(offset + MessageHeader.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (rtt >= 0 && rtt < TimeUnit.MINUTES.toNanos(1)) {
            counters.rtt(rtt);
        }
    }

    private void connectionChanged(boolean connected) {
        wasConnected = connected;
        peerConnected = connected;
        if (connected) {
            counters.peerConnected();
            LOG.info(() -> "send '" + settings.bufferName() + "': receiver connected");
            metadataSent = false;
            if (reader == null) {
                openReader();
            }
        } else {
            counters.peerLost();
            LOG.warning(() -> "send '" + settings.bufferName() + "': receiver lost (no status from it for "
                    + settings.livenessTimeout().toMillis() + " ms); closing the local reader so its writer sees it");
            closeReader();
        }
    }

    private void openReader() {
        reader = factory.createReader(settings.bufferName(), settings.bufferConfig());
        LOG.info(() -> "send '" + settings.bufferName() + "': buffer created (" + settings.bufferConfig()
                + "), waiting for its writer");
    }

    private void closeReader() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    private void forwardOne() {
        Frame frame;
        try {
            frame = reader.read(READ_SLICE);
        } catch (WriterDeadException gone) {
            // the writer died, or detached (EndOfStreamException is a subtype): tell the far side, start over
            LOG.info(() -> "send '" + settings.bufferName() + "': local writer gone (" + gone.getMessage()
                    + "); end of stream forwarded, buffer created again");
            sendEndOfStream();
            closeReader();
            openReader();
            metadataSent = false;
            return;
        }
        if (frame == null) {
            return;
        }
        try {
            ByteBuffer data = frame.data();
            int size = frame.size();
            header.putInt(MessageHeader.TYPE_OFFSET, MessageHeader.TYPE_FRAME);
            header.putInt(MessageHeader.RESERVED_OFFSET, 0);
            header.putLong(MessageHeader.SEQUENCE_OFFSET, frame.sequence());
            payload.wrap(data);
            if (offer(size, settings.backPressure() == BackPressure.BLOCK)) {
                counters.frame(size);
            } else {
                counters.drop();
            }
        } finally {
            payload.wrap(0, 0);
            frame.close();
        }
    }

    private boolean sendMetadata() {
        ByteBuffer metadata = reader.metadata();
        header.putInt(MessageHeader.TYPE_OFFSET, MessageHeader.TYPE_METADATA);
        header.putInt(MessageHeader.RESERVED_OFFSET, 0);
        header.putLong(MessageHeader.SEQUENCE_OFFSET, 0);
        if (metadata.remaining() == 0) {
            return true;
        }
        payload.wrap(metadata);
        try {
            boolean sent = offer(metadata.remaining(), true);
            if (sent) {
                LOG.info(() -> "send '" + settings.bufferName() + "': metadata sent (" + metadata.remaining() + " B)");
            }
            return sent;
        } finally {
            payload.wrap(0, 0);
        }
    }

    private void sendEndOfStream() {
        header.putInt(MessageHeader.TYPE_OFFSET, MessageHeader.TYPE_END_OF_STREAM);
        header.putInt(MessageHeader.RESERVED_OFFSET, 0);
        header.putLong(MessageHeader.SEQUENCE_OFFSET, 0);
        long deadline = System.nanoTime() + settings.livenessTimeout().toNanos();
        while (running && publication.isConnected() && System.nanoTime() < deadline) {
            if (publication.offer(header, 0, MessageHeader.LENGTH) > 0) {
                return;
            }
            LockSupport.parkNanos(IDLE_PARK_NANOS);
        }
    }

    /**
     * Offers header + payload as one message.
     *
     * @param length payload bytes in {@link #payload}
     * @param wait   whether to wait while back-pressured (else one attempt)
     * @return whether the message was published
     */
    private boolean offer(int length, boolean wait) {
        int spins = 0;
        while (running) {
            long result = publication.offer(header, 0, MessageHeader.LENGTH, payload, 0, length, null);
            if (result > 0) {
                return true;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED) {
                throw new IllegalStateException("publication " + publication.channel() + " refused a message: "
                        + Publication.errorString(result));
            }
            if (result == Publication.NOT_CONNECTED) {
                return false;
            }
            if (result == Publication.ADMIN_ACTION) {
                continue; // a term rotation: try again at once
            }
            if (!wait) {
                return false;
            }
            // back-pressured: wait, keeping an eye on the clock for progress lines
            if (++spins < 100) {
                Thread.onSpinWait();
            } else if (spins < 200) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
            returns.poll(echoHandler, 4);
            counters.maybeReport(System.nanoTime(), "back-pressured");
        }
        return false;
    }

    @Override
    void releaseLocal() {
        closeReader();
    }
}
