package io.zerobuffer.bridge.aeron;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Random;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A userspace impaired UDP link for the tests, where the kernel has no {@code sch_netem}: it sits
 * between an Aeron sender and its receiver on 127.0.0.1 and forwards every datagram, both ways,
 * with seeded loss, delay with jitter and reordering.
 *
 * <pre>
 *   sender ──data──▶ [front: 127.0.0.1:port()] ─ delay/loss/reorder ─▶ [back] ──data──▶ receiver
 *   sender ◀─status/NAK── [front] ◀─ delay/loss/reorder ─ [back] ◀─status/NAK── receiver
 * </pre>
 *
 * The sender's channel names {@code endpoint=127.0.0.1:port()}; the receiver's names the real
 * endpoint given here. Status messages and NAKs from the receiver reach the back socket (the
 * source of the data it sees) and go back to the sender's last-seen address.
 *
 * <p>Each datagram is lost with probability {@code loss}, else delayed by {@code minDelay} plus a
 * uniform jitter up to {@code jitter}; a fraction {@code reorder} of them is held back a further
 * {@code holdBack}, behind the datagrams that follow it.
 */
final class ImpairmentRelay implements AutoCloseable {
    private final DatagramChannel front;
    private final DatagramChannel back;
    private final InetSocketAddress receiver;
    private final double loss;
    private final long minDelayNanos;
    private final long jitterNanos;
    private final double reorder;
    private final long holdBackNanos;
    private final Random random;
    private final DelayQueue<Datagram> queue = new DelayQueue<>();
    private final Thread forward;
    private final Thread backward;
    private final Thread delivery;
    private volatile SocketAddress sender;
    private volatile boolean running = true;
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    final AtomicLong reordered = new AtomicLong();

    /**
     * @param receiverPort the receiver's endpoint port on 127.0.0.1
     * @param loss         probability of losing a datagram (each way)
     * @param minDelay     least delay, ms
     * @param jitter       jitter on top, ms (uniform)
     * @param reorder      probability of holding a datagram back behind the next ones
     * @param holdBack     how much longer a held-back datagram waits, ms
     * @param seed         the random seed
     */
    ImpairmentRelay(int receiverPort, double loss, long minDelay, long jitter, double reorder, long holdBack, long seed) {
        this.receiver = new InetSocketAddress("127.0.0.1", receiverPort);
        this.loss = loss;
        this.minDelayNanos = TimeUnit.MILLISECONDS.toNanos(minDelay);
        this.jitterNanos = TimeUnit.MILLISECONDS.toNanos(jitter);
        this.reorder = reorder;
        this.holdBackNanos = TimeUnit.MILLISECONDS.toNanos(holdBack);
        this.random = new Random(seed);
        try {
            front = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", BridgeProcess.freePort()));
            back = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            front.socket().setReceiveBufferSize(4 << 20);
            back.socket().setReceiveBufferSize(4 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        forward = new Thread(() -> pump(front, true), "relay-forward");
        backward = new Thread(() -> pump(back, false), "relay-backward");
        delivery = new Thread(this::deliver, "relay-delivery");
        for (Thread t : new Thread[] {forward, backward, delivery}) {
            t.setDaemon(true);
            t.start();
        }
    }

    /** @return the port the sender's channel names */
    int port() {
        return front.socket().getLocalPort();
    }

    /** Takes datagrams from one side and schedules them to the other. */
    private void pump(DatagramChannel from, boolean toReceiver) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
        while (running) {
            try {
                buffer.clear();
                SocketAddress source = from.receive(buffer);
                if (toReceiver) {
                    sender = source;
                }
                buffer.flip();
                long delay;
                synchronized (random) {
                    if (random.nextDouble() < loss) {
                        lost.incrementAndGet();
                        continue;
                    }
                    delay = minDelayNanos + (long) (random.nextDouble() * jitterNanos);
                    if (random.nextDouble() < reorder) {
                        delay += holdBackNanos;
                        reordered.incrementAndGet();
                    }
                }
                ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
                copy.put(buffer).flip();
                queue.add(new Datagram(System.nanoTime() + delay, copy, toReceiver));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (running) {
                    System.err.println("relay: " + e);
                }
            }
        }
    }

    private void deliver() {
        while (running) {
            try {
                Datagram d = queue.poll(50, TimeUnit.MILLISECONDS);
                if (d == null) {
                    continue;
                }
                if (d.toReceiver) {
                    back.send(d.data, receiver);
                } else if (sender != null) {
                    front.send(d.data, sender);
                }
                forwarded.incrementAndGet();
            } catch (InterruptedException | ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (running) {
                    System.err.println("relay: " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            front.close();
            back.close();
        } catch (IOException ignored) {
            // closing
        }
        delivery.interrupt();
        for (Thread t : new Thread[] {forward, backward, delivery}) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "relay: " + forwarded.get() + " datagrams forwarded, " + lost.get() + " lost, " + reordered.get()
                + " held back";
    }

    private static final class Datagram implements Delayed {
        final long due;
        final ByteBuffer data;
        final boolean toReceiver;

        Datagram(long due, ByteBuffer data, boolean toReceiver) {
            this.due = due;
            this.data = data;
            this.toReceiver = toReceiver;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(due, ((Datagram) o).due);
        }
    }
}
