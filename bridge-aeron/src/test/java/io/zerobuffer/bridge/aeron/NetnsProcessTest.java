package io.zerobuffer.bridge.aeron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Reader;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two hosts on one machine: the send bridge in one network namespace, the receive bridge in
 * another, joined by a veth pair with {@code tc netem} loss, delay and reordering (where the
 * kernel has no netem qdisc, 1 % loss each way from Aeron's debug channel endpoints). The original
 * writer and the far reader run in this JVM (shared memory is not split by network namespaces).
 * Root only; skipped with a message otherwise.
 */
class NetnsProcessTest {
    private static final int[] SIZES = {8, 1000, 65_536, 3_110_416, 4095, 1 << 20};

    private final LinuxZeroBufferFactory zb = new LinuxZeroBufferFactory();
    private final String near = Peers.uniqueName("near");
    private final String far = Peers.uniqueName("far");
    private VethPair veth;
    private String channel;
    private Reader farReader;
    private BridgeProcess send;
    private BridgeProcess receive;

    @BeforeAll
    static void rootOnly() {
        String reason = VethPair.unavailableReason();
        if (reason != null) {
            System.out.println("NetnsProcessTest skipped: " + reason);
        }
        assumeTrue(reason == null, reason);
    }

    @BeforeEach
    void hosts() {
        veth = new VethPair();
        channel = "aeron:udp?endpoint=" + veth.addressB + ":40456";
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
            veth.close();
        }
    }

    private void startBridges(String... sendOptions) {
        startBridges(false, sendOptions);
    }

    /**
     * @param aeronLoss whether the drivers drop 1 % of the data and 1 % of the control messages
     *                  themselves (Aeron's debug channel endpoints), where the kernel has no netem
     */
    private void startBridges(boolean aeronLoss, String... sendOptions) {
        List<String> receiveLoss = aeronLoss ? List.of(
                "-Daeron.ReceiveChannelEndpoint.supplier=io.aeron.driver.ext.DebugReceiveChannelEndpointSupplier",
                "-Daeron.debug.receive.data.loss.rate=0.01", "-Daeron.debug.receive.control.loss.rate=0.01")
                : List.of();
        List<String> sendLoss = aeronLoss ? List.of(
                "-Daeron.SendChannelEndpoint.supplier=io.aeron.driver.ext.DebugSendChannelEndpointSupplier",
                "-Daeron.debug.send.data.loss.rate=0.01", "-Daeron.debug.send.control.loss.rate=0.01")
                : List.of();
        receive = BridgeProcess.start(veth.nsB, receiveLoss, "receive", far, "--from", channel);
        String[] args = new String[5 + sendOptions.length];
        System.arraycopy(new String[] {"send", near, "--to", channel, "--payload-size"}, 0, args, 0, 5);
        System.arraycopy(sendOptions, 0, args, 5, sendOptions.length);
        send = BridgeProcess.start(veth.nsA, sendLoss, args);
    }

    /** netem loss, delay and reordering on both ends; else Aeron's own loss generators. */
    private boolean lossyLink() {
        if (veth.netem("loss", "1%", "delay", "2ms", "1ms", "reorder", "10%", "50%")) {
            return false;
        }
        System.out.println("this kernel has no netem qdisc: 1 % loss each way injected by Aeron's debug channel"
                + " endpoints instead; no delay or reordering");
        return true;
    }

    @Test
    void underLossDelayAndReorderingEveryFrameArrivesInOrderByteForByte() throws Exception {
        startBridges(lossyLink(), Integer.toString(16 << 20));
        int count = 90;
        Peers.FarReader reader = new Peers.FarReader(farReader, 0);
        reader.start();
        Peers.NearWriter writer = new Peers.NearWriter(zb, near, count, i -> SIZES[(int) (i % SIZES.length)], 0, false);
        writer.start();
        writer.join(120_000);
        assertEquals(List.of(), writer.errors);
        reader.awaitFrames(count, Duration.ofSeconds(90));
        reader.halt();
        assertEquals(List.of(), reader.errors);
        for (int i = 0; i < count; i++) {
            assertEquals(i, reader.indices.get(i), "frame order");
        }
        assertEquals(count, reader.indices.size());
    }

    @Test
    void dropModeUnderLossCountsExactlyTheGap() throws Exception {
        startBridges(lossyLink(), Integer.toString(16 << 20), "--back-pressure", "drop", "--term-length", Integer.toString(1 << 20));
        Peers.dropWholeFrames("netns drop", zb, near, farReader, send, receive);
    }

    @Test
    void aLostLinkIsReportedOnBothSidesAndTheStreamResumesWhenItReturns() throws Exception {
        startBridges(Integer.toString(128 << 10));
        Peers.FarReader reader = new Peers.FarReader(farReader, 0);
        reader.start();
        Peers.NearWriter writer = new Peers.NearWriter(zb, near, Long.MAX_VALUE, i -> 4096, 10, true);
        writer.start();
        reader.awaitFrames(20, Duration.ofSeconds(60));

        long downAt = System.currentTimeMillis();
        veth.link(false);
        long sendSaw = send.awaitLog("receiver lost", 1, Duration.ofSeconds(10)) - downAt;
        long receiveSaw = receive.awaitLog("sender lost", 1, Duration.ofSeconds(10)) - downAt;
        System.out.printf("link down: send side reported after <= %d ms, receive side after <= %d ms%n",
                sendSaw, receiveSaw);
        assertTrue(sendSaw <= 1000 && receiveSaw <= 1000, "reported after " + sendSaw + " / " + receiveSaw + " ms (bound 1 s)");

        int before = reader.indices.size();
        veth.link(true);
        send.awaitLog("receiver connected", 2, Duration.ofSeconds(30));
        reader.awaitFrames(before + 20, Duration.ofSeconds(60));
        writer.halt();
        reader.halt();
        assertEquals(List.of(), writer.errors);
        assertEquals(List.of(), reader.errors);
        assertTrue(reader.endsAt.size() >= 1, "the far reader saw its writer leave while the link was down");
        for (int i = 1; i < reader.indices.size(); i++) {
            assertTrue(reader.indices.get(i) > reader.indices.get(i - 1), "order");
        }
    }
}
