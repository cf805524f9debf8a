package io.zerobuffer.bridge.aeron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Reader;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge over an impaired link that runs everywhere (no netem, no root): the two bridge JVMs
 * on 127.0.0.1 with an {@link ImpairmentRelay} between them that loses 1 % of the datagrams each
 * way, delays each by 5–20 ms and holds 5 % back a further 25 ms behind the next ones (seeded).
 */
class ImpairedLinkTest {
    private static final int[] SIZES = {8, 1000, 65_536, 3_110_416, 4095, 1 << 20};
    private static final long SEED = 0x5eed_b51dL;

    private final LinuxZeroBufferFactory zb = new LinuxZeroBufferFactory();
    private final String near = Peers.uniqueName("near");
    private final String far = Peers.uniqueName("far");
    private final int receiverPort = BridgeProcess.freePort();
    private ImpairmentRelay relay;
    private Reader farReader;
    private BridgeProcess send;
    private BridgeProcess receive;

    @BeforeEach
    void link() {
        relay = new ImpairmentRelay(receiverPort, 0.01, 5, 15, 0.05, 25, SEED);
        farReader = zb.createReader(far, BufferConfig.of(4096, 16 << 20));
    }

    @AfterEach
    void cleanUp() {
        try {
            if (send != null) {
                send.close();
            }
            if (receive != null) {
                receive.close();
            }
            zb.close();
        } finally {
            System.out.println(relay);
            relay.close();
        }
    }

    private void startBridges(String... sendOptions) {
        receive = BridgeProcess.start(null, "receive", far, "--from", "aeron:udp?endpoint=127.0.0.1:" + receiverPort);
        String[] args = new String[6 + sendOptions.length];
        System.arraycopy(new String[] {"send", near, "--to", "aeron:udp?endpoint=127.0.0.1:" + relay.port(),
                "--payload-size", Integer.toString(16 << 20)}, 0, args, 0, 6);
        System.arraycopy(sendOptions, 0, args, 6, sendOptions.length);
        send = BridgeProcess.start(null, args);
    }

    private void assertTheLinkWasImpaired() {
        assertTrue(relay.lost.get() > 0, "the relay lost datagrams: " + relay);
        assertTrue(relay.reordered.get() > 0, "the relay held datagrams back: " + relay);
    }

    @Test
    void underLossDelayAndReorderingEveryFrameArrivesInOrderByteForByte() throws Exception {
        startBridges();
        int count = 90;
        Peers.FarReader reader = new Peers.FarReader(farReader, 0);
        reader.start();
        Peers.NearWriter writer = new Peers.NearWriter(zb, near, count, i -> SIZES[(int) (i % SIZES.length)], 0, false);
        writer.start();
        writer.join(120_000);
        assertEquals(List.of(), writer.errors);
        assertEquals(count, writer.written.get());
        reader.awaitFrames(count, Duration.ofSeconds(120));
        reader.halt();
        assertEquals(List.of(), reader.errors, "every byte of every frame as written");
        assertEquals(count, reader.indices.size());
        for (int i = 0; i < count; i++) {
            assertEquals(i, reader.indices.get(i), "frame order");
        }
        java.util.regex.Matcher rtt = send.awaitLogMatching(LoopbackProcessTest.RTT_IN_PROGRESS_LINE,
                Duration.ofSeconds(30));
        System.out.println("impaired link: " + rtt.group());
        assertTrue(Double.parseDouble(rtt.group(1)) >= 5.0,
                "the round trip includes the relay's 5 ms least delay: " + rtt.group());
        long[] sent = send.stop();
        assertEquals(count, sent[0], "frames forwarded");
        assertEquals(0, sent[2], "dropped (block mode)");
        assertTheLinkWasImpaired();
    }

    @Test
    void dropModeUnderLossDelayAndReorderingCountsExactlyTheGap() throws Exception {
        startBridges("--back-pressure", "drop", "--term-length", Integer.toString(1 << 20));
        Peers.dropWholeFrames("impaired link, drop", zb, near, farReader, send, receive);
        assertTheLinkWasImpaired();
    }
}
