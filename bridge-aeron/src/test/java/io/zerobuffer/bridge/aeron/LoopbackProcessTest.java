package io.zerobuffer.bridge.aeron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.BridgeInfo;
import io.zerobuffer.linux.LinuxBufferDirectory;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge on one host: original writer (this JVM) → buffer → send bridge (a JVM) → Aeron UDP
 * on 127.0.0.1 → receive bridge (another JVM) → buffer → reader (this JVM).
 */
class LoopbackProcessTest {
    private static final int FRAME_1080P_PLUS_HEADER = 3_110_416;
    private static final int[] SIZES = {8, 1000, 65_536, FRAME_1080P_PLUS_HEADER, 4095, 1 << 20};
    /** The send end's progress line: frames/s, MiB/s, ..., rtt in ms. */
    static final Pattern RTT_IN_PROGRESS_LINE = Pattern.compile(
            "frames/s, [0-9.]+ MiB/s, \\d+ frames, \\d+ dropped, \\d+ gaps, rtt ([0-9]+\\.[0-9]+) ms");
    private static final long LIVENESS_BOUND_MILLIS = 1000; // the far side learns within a second

    private final LinuxZeroBufferFactory zb = new LinuxZeroBufferFactory();
    private final String near = Peers.uniqueName("near");
    private final String far = Peers.uniqueName("far");
    private final String channel = "aeron:udp?endpoint=127.0.0.1:" + BridgeProcess.freePort();
    private Reader farReader;
    private BridgeProcess send;
    private BridgeProcess receive;

    @BeforeEach
    void farBuffer() {
        farReader = zb.createReader(far, BufferConfig.of(4096, 16 << 20));
    }

    @AfterEach
    void cleanUp() {
        if (send != null) {
            send.close();
        }
        if (receive != null) {
            receive.close();
        }
        zb.close();
    }

    private BridgeProcess startSend(String... extra) {
        return BridgeProcess.start(null, concat(new String[] {"send", near, "--to", channel,
                "--payload-size", Integer.toString(16 << 20)}, extra));
    }

    /**
     * A send end with a small ring: the engine's writer looks at its reader's liveness when it
     * waits for space, so a small ring makes a streaming writer notice a closed reader soon.
     */
    private BridgeProcess startSendSmallRing() {
        return BridgeProcess.start(null, "send", near, "--to", channel, "--payload-size", Integer.toString(128 << 10));
    }

    private BridgeProcess startReceive() {
        return BridgeProcess.start(null, "receive", far, "--from", channel);
    }

    @Test
    void everyFrameArrivesWholeInOrderWithTheMetadata() throws Exception {
        receive = startReceive();
        send = startSend();
        int count = 60;
        Peers.FarReader reader = new Peers.FarReader(farReader, 0);
        reader.start();
        Peers.NearWriter writer = new Peers.NearWriter(zb, near, count, i -> SIZES[(int) (i % SIZES.length)], 0, false);
        writer.start();
        writer.join(90_000);
        assertEquals(List.of(), writer.errors);
        assertEquals(count, writer.written.get());
        reader.awaitFrames(count, Duration.ofSeconds(60));
        long deadline = System.currentTimeMillis() + 10_000;
        while (reader.endsAt.isEmpty() && System.currentTimeMillis() < deadline) {
            BridgeProcess.sleep(20);
        }
        reader.halt();
        assertEquals(List.of(), reader.errors);
        for (int i = 0; i < count; i++) {
            assertEquals(i, reader.indices.get(i), "frame order");
        }
        assertEquals(count, reader.indices.size());
        long expectedBytes = 0;
        for (int i = 0; i < count; i++) {
            expectedBytes += SIZES[i % SIZES.length];
        }
        assertEquals(expectedBytes, reader.bytes.get());
        assertEquals("bridge-test", StandardCharsets.US_ASCII.decode(farReader.metadata()).toString());
        assertEquals(1, reader.endsAt.size(), "the far reader sees the end of the stream once the writer left");
        long[] sent = send.stop();
        assertEquals(count, sent[0]);
        assertEquals(0, sent[2], "dropped");
    }

    @Test
    void theSendSideProgressLineCarriesTheRoundTripTime() throws Exception {
        receive = startReceive();
        send = startSend();
        Peers.FarReader reader = new Peers.FarReader(farReader, 0);
        reader.start();
        Peers.NearWriter writer = new Peers.NearWriter(zb, near, Long.MAX_VALUE, i -> 4096, 10, false);
        writer.start();
        reader.awaitFrames(20, Duration.ofSeconds(60));
        Matcher line = send.awaitLogMatching(RTT_IN_PROGRESS_LINE, Duration.ofSeconds(30));
        writer.halt();
        reader.halt();
        double rttMillis = Double.parseDouble(line.group(1));
        System.out.println("progress line with a round-trip time: " + line.group());
        assertTrue(rttMillis > 0, "a measured round trip: " + line.group());
        assertEquals(List.of(), reader.errors);
    }

    @Test
    void theEnginesDirectoryListsBothEndsWithTheirRemoteEndUntilTheirProcessDies() throws Exception {
        receive = startReceive();
        send = startSend();
        send.awaitLog("receiver connected", 1, Duration.ofSeconds(60));
        receive.awaitLog("sender connected", 1, Duration.ofSeconds(60));
        String port = channel.substring(channel.lastIndexOf(':') + 1);
        try (LinuxBufferDirectory directory = new LinuxBufferDirectory()) {
            BridgeInfo sendEnd = awaitBridge(directory, near, BridgeInfo.SEND);
            assertEquals(channel, sendEnd.channel());
            assertEquals("127.0.0.1:" + port, sendEnd.remote());
            assertEquals(BridgeSettings.DEFAULT_STREAM_ID, sendEnd.streamId());
            BridgeInfo receiveEnd = awaitBridge(directory, far, BridgeInfo.RECEIVE);
            assertTrue(receiveEnd.remote().matches("127\\.0\\.0\\.1:\\d+"), "the sender's address: " + receiveEnd);
            assertTrue(sendEnd.pid() != receiveEnd.pid());

            send.kill(); // kill -9: its description stays behind, naming a dead process
            assertTrue(Files.exists(Path.of("/tmp/zerobuffer", sendEnd.fileName())));
            assertTrue(directory.bridges().stream().noneMatch(b -> b.bufferName().equals(near)),
                    "a dead bridge is not listed: " + directory.bridges());
            long[] counts = receive.stop(); // SIGTERM: it removes its description
            assertTrue(counts[0] >= 0);
            assertTrue(Files.notExists(Path.of("/tmp/zerobuffer", receiveEnd.fileName())), "removed at stop");
        } finally {
            Files.deleteIfExists(Path.of("/tmp/zerobuffer", BridgeInfo.fileName(near, BridgeInfo.SEND)));
        }
    }

    private static BridgeInfo awaitBridge(LinuxBufferDirectory directory, String buffer, String role) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (BridgeInfo b : directory.bridges()) {
                if (b.bufferName().equals(buffer) && b.role().equals(role) && !b.remote().equals("-")) {
                    return b;
                }
            }
            BridgeProcess.sleep(50);
        }
        throw new AssertionError("no " + role + " end of " + buffer + " with a remote end in " + directory.bridges());
    }

    @Test
    void killingTheSendBridgeEndsTheFarStreamWithinASecondAndARestartResumesIt() throws Exception {
        receive = startReceive();
        send = startSend();
        Peers.FarReader reader = new Peers.FarReader(farReader, 0);
        reader.start();
        Peers.NearWriter writer = new Peers.NearWriter(zb, near, Long.MAX_VALUE, i -> 4096, 10, true);
        writer.start();
        reader.awaitFrames(20, Duration.ofSeconds(60));

        long killedAt = System.currentTimeMillis();
        send.kill();
        long reported = receive.awaitLog("sender lost", 1, Duration.ofSeconds(10));
        long deadline = System.currentTimeMillis() + 10_000;
        while (reader.endsAt.isEmpty() && System.currentTimeMillis() < deadline) {
            BridgeProcess.sleep(5);
        }
        assertEquals(1, reader.endsAt.size(), "the far reader sees its writer go");
        long farEnd = reader.endsAt.get(0) - killedAt;
        System.out.printf("send bridge killed: receive side reported after %d ms, far reader saw the end after %d ms%n",
                reported - killedAt, farEnd);
        assertTrue(farEnd <= LIVENESS_BOUND_MILLIS, "far reader saw the end after " + farEnd + " ms");

        int before = reader.indices.size();
        send = startSend();
        reader.awaitFrames(before + 20, Duration.ofSeconds(60));
        writer.halt();
        reader.halt();
        assertEquals(List.of(), writer.errors);
        assertEquals(List.of(), reader.errors);
        assertTrue(!writer.readerLostAt.isEmpty(), "the original writer saw its reader (the send bridge) die");
        assertIncreasing(reader.indices);
    }

    @Test
    void killingTheReceiveBridgeClosesTheNearReaderWithinASecondAndARestartResumes() throws Exception {
        receive = startReceive();
        send = startSendSmallRing();
        Peers.FarReader reader = new Peers.FarReader(farReader, 0);
        reader.start();
        Peers.NearWriter writer = new Peers.NearWriter(zb, near, Long.MAX_VALUE, i -> 4096, 10, true);
        writer.start();
        reader.awaitFrames(20, Duration.ofSeconds(60));

        long killedAt = System.currentTimeMillis();
        receive.kill();
        long reported = send.awaitLog("receiver lost", 1, Duration.ofSeconds(10));
        long deadline = System.currentTimeMillis() + 10_000;
        while (writer.readerLostAt.isEmpty() && System.currentTimeMillis() < deadline) {
            BridgeProcess.sleep(5);
        }
        assertEquals(1, writer.readerLostAt.size(), "the original writer gets ReaderDeadException");
        long nearEnd = writer.readerLostAt.get(0) - killedAt;
        System.out.printf("receive bridge killed: send side reported after %d ms, original writer saw ReaderDead after %d ms%n",
                reported - killedAt, nearEnd);
        assertTrue(nearEnd <= LIVENESS_BOUND_MILLIS, "original writer saw its reader go after " + nearEnd + " ms");

        int before = reader.indices.size();
        receive = startReceive();
        reader.awaitFrames(before + 20, Duration.ofSeconds(60));
        writer.halt();
        reader.halt();
        assertEquals(List.of(), writer.errors);
        assertEquals(List.of(), reader.errors);
        assertIncreasing(reader.indices);
    }

    @Test
    void dropModeDropsWholeFramesAndCountsExactlyTheGap() throws Exception {
        receive = startReceive();
        // a 1 MiB term: a 512 KiB publication window, so a slow far reader back-pressures soon
        send = startSend("--back-pressure", "drop", "--term-length", Integer.toString(1 << 20));
        Peers.DropOutcome outcome = Peers.dropWholeFrames("drop", zb, near, farReader, send, receive);
        assertTrue(outcome.missingInside() > 0, "frames were dropped between delivered ones, not only at the end");
    }

    private static void assertIncreasing(List<Long> indices) {
        for (int i = 1; i < indices.size(); i++) {
            assertTrue(indices.get(i) > indices.get(i - 1), "frame " + indices.get(i) + " after " + indices.get(i - 1));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
