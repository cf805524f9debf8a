package io.zerobuffer.bench.aeron;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.Header;
import java.util.Arrays;
import java.util.Locale;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Round trips over Aeron IPC, shaped like the ping-pong cell of {@code ./zerobuffer bench}, for
 * its {@code --peer-pingpong-cmd}: an echo JVM (pinned to CPU_ECHO, the embedded media driver in
 * it, see {@link AeronIpc}) offers each request back on a second stream; an initiator JVM
 * (pinned to CPU_INIT) offers SIZE bytes copied from an array, polls for the reply and touches
 * its first and last byte. Both sides busy-spin by default ({@code BusySpinIdleStrategy}),
 * {@code blocking} uses Aeron's default {@code BackoffIdleStrategy}. WARMUP round trips, then
 * ITERATIONS measured ones. Prints one line: {@code <p50> us p50 <p90> us p90 <p99> us p99 <max> us max}.
 *
 * <pre>
 * usage: AeronIpcPingPong SIZE ITERATIONS WARMUP CPU_ECHO CPU_INIT [spin|blocking]
 * </pre>
 */
public final class AeronIpcPingPong {
    static final int REQUESTS = 1201;
    static final int REPLIES = 1202;

    private AeronIpcPingPong() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--echo")) {
            echo(args[1], args[2]);
            return;
        }
        if (args.length > 0 && args[0].equals("--initiate")) {
            initiate(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5]);
            return;
        }
        if (args.length < 5) {
            System.err.println("usage: AeronIpcPingPong SIZE ITERATIONS WARMUP CPU_ECHO CPU_INIT [spin|blocking]");
            System.exit(3);
        }
        String wait = args.length > 5 ? args[5] : "spin";
        String directory = AeronIpc.directory("pp");
        String result;
        try (ChildJvm echo = ChildJvm.start("echo", args[3], AeronIpcPingPong.class, "--echo", directory, wait)) {
            echo.expect("ready");
            try (ChildJvm initiator = ChildJvm.start("initiator", args[4], AeronIpcPingPong.class, "--initiate", directory,
                    args[0], args[1], args[2], wait)) {
                String[] words = initiator.expect("result");
                result = String.join(" ", Arrays.copyOfRange(words, 1, words.length));
            }
        }
        System.out.println(result);
    }

    private static void echo(String directory, String wait) {
        try (MediaDriver driver = AeronIpc.launchDriver(directory);
                Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(directory));
                Subscription requests = aeron.addSubscription(AeronIpc.CHANNEL, REQUESTS);
                ExclusivePublication replies = aeron.addExclusivePublication(AeronIpc.CHANNEL, REPLIES)) {
            IdleStrategy idle = AeronIpc.idle(wait);
            FragmentHandler answer = new FragmentAssembler((buffer, offset, length, header) -> {
                long result;
                while ((result = replies.offer(buffer, offset, length)) < 0) {
                    if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED) {
                        throw new IllegalStateException("offer: " + Publication.errorString(result));
                    }
                    idle.idle();
                }
                idle.reset();
            });
            System.out.println("ready");
            Thread watcher = new Thread(AeronIpcThroughput::waitForEndOfInput);
            watcher.setDaemon(true);
            watcher.start();
            while (watcher.isAlive()) {
                for (int i = 0; i < 1024; i++) {
                    idle.idle(requests.poll(answer, 16));
                }
            }
        }
    }

    /** Touches the first and last byte of a reply where they lie and notes its end. */
    private static final class Reply implements FragmentHandler {
        boolean complete;
        long touched;

        @Override
        public void onFragment(DirectBuffer buffer, int offset, int length, Header header) {
            byte flags = header.flags();
            if ((flags & FrameDescriptor.BEGIN_FRAG_FLAG) != 0) {
                touched += buffer.getByte(offset);
            }
            if ((flags & FrameDescriptor.END_FRAG_FLAG) != 0) {
                touched += buffer.getByte(offset + length - 1);
                complete = true;
            }
        }
    }

    private static void initiate(String directory, int size, int iterations, int warmUp, String wait) throws Exception {
        byte[] source = new byte[size];
        Arrays.fill(source, (byte) 3);
        UnsafeBuffer buffer = new UnsafeBuffer(source);
        long[] latencies = new long[iterations];
        Reply reply = new Reply();
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(directory));
                Subscription replies = aeron.addSubscription(AeronIpc.CHANNEL, REPLIES);
                ExclusivePublication requests = aeron.addExclusivePublication(AeronIpc.CHANNEL, REQUESTS)) {
            while (!requests.isConnected() || !replies.isConnected()) {
                Thread.sleep(1);
            }
            IdleStrategy idle = AeronIpc.idle(wait);
            for (int i = 0; i < warmUp + iterations; i++) {
                long start = System.nanoTime();
                long result;
                while ((result = requests.offer(buffer, 0, size)) < 0) {
                    if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED) {
                        throw new IllegalStateException("offer: " + Publication.errorString(result));
                    }
                    idle.idle();
                }
                idle.reset();
                reply.complete = false;
                while (!reply.complete) {
                    idle.idle(replies.poll(reply, 16));
                }
                long elapsed = System.nanoTime() - start;
                if (i >= warmUp) {
                    latencies[i - warmUp] = elapsed;
                }
            }
        }
        Arrays.sort(latencies);
        System.out.println(String.format(Locale.ROOT, "result %.2f us p50 %.2f us p90 %.2f us p99 %.2f us max (touched %d)",
                at(latencies, 0.5), at(latencies, 0.9), at(latencies, 0.99), latencies[iterations - 1] / 1e3,
                reply.touched));
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))] / 1e3;
    }
}
