package io.zerobuffer.bench.aeron;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.Header;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One-way throughput of Aeron IPC, shaped like the one-way cell of {@code ./zerobuffer bench}, for
 * its {@code --peer-cmd}: a reader JVM (pinned to CPU_READER, the embedded media driver in it, see
 * {@link AeronIpc}) subscribes to {@code aeron:ipc}; a writer JVM (pinned to CPU_WRITER) offers
 * FRAMES messages of SIZE bytes, each copied from an array ({@code ExclusivePublication.offer}),
 * retrying while back-pressured; the reader touches the first and the last byte of each message
 * in place (first and last fragment, no reassembly copy). One warm-up round of the same count
 * comes first (the JVMs are fresh, ours are warmed the same way). Prints one line:
 * {@code <rate> frames/s}, FRAMES / (reader's time after the last message - writer's time before
 * the first).
 *
 * <pre>
 * usage: AeronIpcThroughput SIZE FRAMES CPU_READER CPU_WRITER [blocking|spin] [ROUNDS]
 *   blocking: Aeron's default BackoffIdleStrategy on both sides; spin: BusySpinIdleStrategy
 *   CPUs are taskset -c lists ("0", "0-1")
 * </pre>
 */
public final class AeronIpcThroughput {
    static final int STREAM = 1101;

    private AeronIpcThroughput() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--reader")) {
            reader(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]), Integer.parseInt(args[4]), args[5]);
            return;
        }
        if (args.length > 0 && args[0].equals("--writer")) {
            writer(args[1], Integer.parseInt(args[2]), args[3]);
            return;
        }
        if (args.length < 4) {
            System.err.println("usage: AeronIpcThroughput SIZE FRAMES CPU_READER CPU_WRITER [blocking|spin] [ROUNDS]");
            System.exit(3);
        }
        String size = args[0];
        long frames = Long.parseLong(args[1]);
        String wait = args.length > 4 ? args[4] : "blocking";
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        String directory = AeronIpc.directory("tp");
        double rate;
        try (ChildJvm reader = ChildJvm.start("reader", args[2], AeronIpcThroughput.class, "--reader", directory, size,
                Long.toString(frames), Integer.toString(rounds), wait)) {
            reader.expect("ready");
            try (ChildJvm writer = ChildJvm.start("writer", args[3], AeronIpcThroughput.class, "--writer", directory, size,
                    wait)) {
                writer.expect("connected");
                long start = 0;
                long end = 0;
                for (int round = 0; round < rounds; round++) {
                    writer.send("go " + frames);
                    start = Long.parseLong(writer.expect("sent")[1]);
                    end = Long.parseLong(reader.expect("done")[1]);
                }
                rate = frames / ((end - start) / 1e9);
                writer.send("quit");
            }
        }
        System.out.println(String.format(Locale.ROOT, "%.1f frames/s", rate));
    }

    /** Counts whole messages and touches their first and last byte where they lie. */
    private static final class Counter implements FragmentHandler {
        long messages;
        long touched;

        @Override
        public void onFragment(DirectBuffer buffer, int offset, int length, Header header) {
            byte flags = header.flags();
            if ((flags & FrameDescriptor.BEGIN_FRAG_FLAG) != 0) {
                touched += buffer.getByte(offset);
            }
            if ((flags & FrameDescriptor.END_FRAG_FLAG) != 0) {
                touched += buffer.getByte(offset + length - 1);
                messages++;
            }
        }
    }

    private static void reader(String directory, int size, long frames, int rounds, String wait) {
        try (MediaDriver driver = AeronIpc.launchDriver(directory);
                Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(directory));
                Subscription subscription = aeron.addSubscription(AeronIpc.CHANNEL, STREAM)) {
            System.out.println("ready");
            IdleStrategy idle = AeronIpc.idle(wait);
            Counter counter = new Counter();
            for (int round = 0; round < rounds; round++) {
                long target = counter.messages + frames;
                while (counter.messages < target) {
                    idle.idle(subscription.poll(counter, 256));
                }
                System.out.println("done " + System.nanoTime() + " " + counter.touched);
            }
            waitForEndOfInput();
        }
    }

    private static void writer(String directory, int size, String wait) throws Exception {
        byte[] source = new byte[size];
        Arrays.fill(source, (byte) 1);
        UnsafeBuffer buffer = new UnsafeBuffer(source);
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(directory));
                ExclusivePublication publication = aeron.addExclusivePublication(AeronIpc.CHANNEL, STREAM)) {
            while (!publication.isConnected()) {
                Thread.sleep(1);
            }
            System.out.println("connected");
            IdleStrategy idle = AeronIpc.idle(wait);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && line.startsWith("go ")) {
                long frames = Long.parseLong(line.substring(3));
                long start = System.nanoTime();
                for (long i = 0; i < frames; i++) {
                    long result;
                    while ((result = publication.offer(buffer, 0, size)) < 0) {
                        if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED) {
                            throw new IllegalStateException("offer: " + Publication.errorString(result));
                        }
                        idle.idle();
                    }
                    idle.reset();
                }
                System.out.println("sent " + start);
            }
        }
    }

    /** The launcher closes our stdin when the other side is done. */
    static void waitForEndOfInput() {
        try {
            while (System.in.read() >= 0) {
                // nothing is said to us but the end
            }
        } catch (java.io.IOException e) {
            // the launcher is gone: end as well
        }
    }
}
