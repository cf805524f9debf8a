package io.zerobuffer.bridge.aeron;

import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Plain Aeron between two hosts, the limit the bridge is measured against: the same embedded
 * driver settings as a bridge end, no ZeroBuffer.
 *
 * <pre>
 *   PlainAeron pub CHANNEL MESSAGE_BYTES SECONDS    offers as fast as the publication takes them
 *   PlainAeron sub CHANNEL SECONDS                  prints "plain-aeron: N messages, X MiB/s" once done
 * </pre>
 */
public final class PlainAeron {
    private PlainAeron() {
    }

    public static void main(String[] args) {
        String channel = args[1];
        BridgeSettings settings = BridgeSettings.of(Role.SEND, "plain-aeron", channel);
        try (AeronMedia media = AeronMedia.start(settings)) {
            if (args[0].equals("pub")) {
                int size = Integer.parseInt(args[2]);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[3]));
                String ch = channel + "|term-length=" + settings.termLength() + "|sparse=true";
                try (ExclusivePublication publication = media.aeron().addExclusivePublication(ch, 1001)) {
                    UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
                    while (!publication.isConnected()) {
                        LockSupport.parkNanos(1_000_000);
                    }
                    long sent = 0;
                    int idle = 0;
                    while (System.nanoTime() < end) {
                        if (publication.offer(message, 0, size) > 0) {
                            sent++;
                            idle = 0;
                        } else if (++idle < 100) {
                            Thread.onSpinWait(); // the bridge's send end waits the same way
                        } else if (idle < 200) {
                            Thread.yield();
                        } else {
                            LockSupport.parkNanos(200_000);
                        }
                    }
                    System.out.println("plain-aeron pub: " + sent + " messages of " + size + " B");
                }
            } else {
                long seconds = Long.parseLong(args[2]);
                long[] counts = new long[2];
                long[] first = {0};
                long[] last = {0};
                FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) -> {
                    long now = System.nanoTime();
                    if (counts[0] == 0) {
                        first[0] = now;
                    }
                    last[0] = now;
                    counts[0]++;
                    counts[1] += length;
                });
                try (Subscription subscription = media.aeron().addSubscription(channel, 1001)) {
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                    while (System.nanoTime() < end) {
                        if (subscription.poll(assembler, 64) == 0) {
                            LockSupport.parkNanos(50_000);
                        }
                    }
                }
                double elapsed = Math.max(1, last[0] - first[0]) / 1e9;
                System.out.printf("plain-aeron sub: %d messages, %.1f MiB/s%n", counts[0],
                        (counts[1] - counts[1] / Math.max(1, counts[0])) / elapsed / (1 << 20));
            }
        }
        System.exit(0);
    }

}
