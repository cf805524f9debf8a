package io.zerobuffer.bridge.aeron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The figures of docs/PERFORMANCE.md (not a test of correctness; run on demand, as root):
 * {@code mvn -pl bridge-aeron -am verify -Dtest=BridgeFiguresTest -Dbridge.figures=true}.
 * Latency added to 1080p frames at 30 and 60 fps, and the throughput of 64 KiB and 1 MiB
 * frames, over a veth pair between two network namespaces, with and without 1 % loss, next to
 * plain Aeron between the same namespaces.
 */
@EnabledIfSystemProperty(named = "bridge.figures", matches = "true")
class BridgeFiguresTest {
    private static final int FRAME_1080P = 3_110_400;

    @Test
    void figures() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int fps : new int[] {30, 60}) {
            lines.add(latency(fps, false));
        }
        for (boolean loss : new boolean[] {false, true}) {
            for (int size : new int[] {64 << 10, 1 << 20}) {
                lines.add(throughput(size, loss));
                lines.add(plainAeron(size, loss));
            }
        }
        System.out.println("=== bridge figures ===");
        lines.forEach(System.out::println);
    }

    private static List<String> loss(boolean loss, boolean send) {
        if (!loss) {
            return List.of();
        }
        return send ? List.of(
                "-Daeron.SendChannelEndpoint.supplier=io.aeron.driver.ext.DebugSendChannelEndpointSupplier",
                "-Daeron.debug.send.data.loss.rate=0.01", "-Daeron.debug.send.control.loss.rate=0.01")
                : List.of(
                "-Daeron.ReceiveChannelEndpoint.supplier=io.aeron.driver.ext.DebugReceiveChannelEndpointSupplier",
                "-Daeron.debug.receive.data.loss.rate=0.01", "-Daeron.debug.receive.control.loss.rate=0.01");
    }

    private String latency(int fps, boolean loss) throws Exception {
        try (VethPair veth = new VethPair(); LinuxZeroBufferFactory zb = new LinuxZeroBufferFactory()) {
            String near = Peers.uniqueName("fig-near");
            String far = Peers.uniqueName("fig-far");
            String channel = "aeron:udp?endpoint=" + veth.addressB + ":40456";
            Reader reader = zb.createReader(far, BufferConfig.of(4096, 64 << 20));
            try (BridgeProcess receive = BridgeProcess.start(veth.nsB, loss(loss, false), "receive", far, "--from", channel);
                 BridgeProcess send = BridgeProcess.start(veth.nsA, loss(loss, true), "send", near, "--to", channel)) {
                Writer writer = zb.attachWriter(near, WriterOptions.defaults().withAttachTimeout(Duration.ofSeconds(60))
                        .withWriteTimeout(Duration.ofSeconds(60)));
                send.awaitLog("receiver connected", 1, Duration.ofSeconds(60));
                int count = fps * 20;
                long[] latencies = new long[count];
                Thread readerThread = new Thread(() -> {
                    for (int i = 0; i < count; i++) {
                        try (Frame frame = reader.read(Duration.ofSeconds(30))) {
                            long now = System.nanoTime();
                            latencies[i] = now - frame.data().order(ByteOrder.LITTLE_ENDIAN).getLong(0);
                        } catch (RuntimeException e) {
                            System.out.println("latency run: frame " + i + ": " + e);
                            System.out.println(send.log());
                            System.out.println(receive.log());
                            return;
                        }
                    }
                });
                readerThread.start();
                long period = TimeUnit.SECONDS.toNanos(1) / fps;
                long next = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    while (System.nanoTime() < next) {
                        TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()) / 2 + 1);
                    }
                    ByteBuffer slot = writer.acquire(FRAME_1080P);
                    slot.put(FRAME_1080P - 1, (byte) i);
                    slot.order(ByteOrder.LITTLE_ENDIAN).putLong(0, System.nanoTime());
                    writer.commit();
                    next += period;
                }
                readerThread.join(60_000);
                writer.close();
                long[] warm = Arrays.copyOfRange(latencies, fps * 5, count); // first 5 s: warm-up
                Arrays.sort(warm);
                return String.format("1080p (3,110,400 B) at %d fps through the bridge over veth%s: added latency p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d frames)",
                        fps, loss ? " with 1 % loss" : "", warm[warm.length / 2] / 1e6, warm[warm.length * 99 / 100] / 1e6,
                        warm[warm.length - 1] / 1e6, warm.length);
            } finally {
                reader.close();
            }
        }
    }

    private String throughput(int size, boolean loss) throws Exception {
        try (VethPair veth = new VethPair(); LinuxZeroBufferFactory zb = new LinuxZeroBufferFactory()) {
            String near = Peers.uniqueName("fig-near");
            String far = Peers.uniqueName("fig-far");
            String channel = "aeron:udp?endpoint=" + veth.addressB + ":40456";
            Reader reader = zb.createReader(far, BufferConfig.of(4096, 64 << 20));
            try (BridgeProcess receive = BridgeProcess.start(veth.nsB, loss(loss, false), "receive", far, "--from", channel);
                 BridgeProcess send = BridgeProcess.start(veth.nsA, loss(loss, true), "send", near, "--to", channel)) {
                Writer writer = zb.attachWriter(near, WriterOptions.defaults().withAttachTimeout(Duration.ofSeconds(60))
                        .withWriteTimeout(Duration.ofSeconds(60)));
                send.awaitLog("receiver connected", 1, Duration.ofSeconds(60));
                long[] received = new long[3];
                Thread readerThread = new Thread(() -> {
                    while (true) {
                        try (Frame frame = reader.read(Duration.ofSeconds(5))) {
                            if (frame == null) {
                                return;
                            }
                            long now = System.nanoTime();
                            if (received[0] == 0) {
                                received[1] = now;
                            }
                            received[2] = now;
                            received[0]++;
                        } catch (RuntimeException end) {
                            return;
                        }
                    }
                });
                readerThread.start();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
                long written = 0;
                while (System.nanoTime() < end) {
                    ByteBuffer slot = writer.acquire(size);
                    slot.put(0, (byte) written);
                    writer.commit();
                    written++;
                }
                writer.close();
                readerThread.join(60_000);
                double seconds = (received[2] - received[1]) / 1e9;
                return String.format("bridge, %d KiB frames over veth%s: %.1f MiB/s, %.0f frames/s (%d frames)",
                        size >> 10, loss ? " with 1 % loss" : "", (received[0] - 1) * (double) size / seconds / (1 << 20),
                        (received[0] - 1) / seconds, received[0]);
            } finally {
                reader.close();
            }
        }
    }

    private String plainAeron(int size, boolean loss) throws Exception {
        try (VethPair veth = new VethPair()) {
            String channel = "aeron:udp?endpoint=" + veth.addressB + ":40457";
            String cp = Paths.get("target", "test-classes").toAbsolutePath() + File.pathSeparator
                    + Paths.get("target", "classes").toAbsolutePath() + File.pathSeparator
                    + Files.readString(Paths.get("target", "runtime-classpath.txt")).trim();
            Path subOut = Files.createTempFile("zbt-plain-", ".log");
            List<String> sub = command(veth.nsB, loss(loss, false), cp, "sub", channel, "14");
            List<String> pub = command(veth.nsA, loss(loss, true), cp, "pub", channel, Integer.toString(size), "8");
            Process s = new ProcessBuilder(sub).redirectErrorStream(true).redirectOutput(subOut.toFile()).start();
            Process p = new ProcessBuilder(pub).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(60, TimeUnit.SECONDS);
            s.waitFor(60, TimeUnit.SECONDS);
            String out = Files.readString(subOut).trim();
            Files.deleteIfExists(subOut);
            assertEquals(true, out.contains("plain-aeron sub"), out);
            return String.format("plain Aeron, %d KiB messages over veth%s: %s", size >> 10,
                    loss ? " with 1 % loss" : "", out.substring(out.indexOf("plain-aeron sub")));
        }
    }

    private static List<String> command(String ns, List<String> options, String cp, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns,
                Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(System.getProperty("aeron.jvm.options").split(" ")));
        command.addAll(options);
        command.addAll(List.of("-cp", cp, PlainAeron.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
