package io.zerobuffer.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Health;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.linux.LinuxBufferDirectory;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import io.zerobuffer.linux.layout.OiebDescriptor;
import io.zerobuffer.testsupport.Await;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Peer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stalled and corrupt are health states: a reader process stopped with SIGSTOP (a second JVM)
 * makes its buffer stalled, counters written through a second mapping make it corrupt.
 */
class HealthStatesTest {
    private final LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory();
    private final LinuxBufferDirectory directory = new LinuxBufferDirectory();
    private final String name = BufferNames.unique("mon-health");

    @AfterEach
    void tearDown() {
        directory.close();
        factory.close();
    }

    /** Polls the model (a scan of /dev/shm) every 100 ms until the buffer's row is as wanted. */
    private static BufferRow await(MonitorModel model, String name, Predicate<BufferRow> wanted, String what) {
        return Await.await(() -> model.poll().row(name).orElse(null), row -> row != null && wanted.test(row),
                Duration.ofSeconds(20), Duration.ofMillis(100), "the row of " + name + " to be " + what);
    }

    @Test
    void aReaderStoppedWithSigstopIsStalledAndRecovers() throws Exception {
        try (Peer reader = Peer.start(MonitorPeer.class, "read-forever", name, "65536")) {
            reader.awaitLine("READY");
            Writer writer = factory.attachWriter(name, WriterOptions.defaults().withAttachTimeout(Duration.ofSeconds(10)));
            MonitorModel model = new MonitorModel(directory, Duration.ofSeconds(1), false);
            for (int i = 0; i < 5; i++) {
                writer.write(new byte[100]);
            }
            await(model, name, r -> r.status().framesInFlight() == 0, "all read by the live reader");
            reader.signal("STOP");
            try {
                for (int i = 0; i < 5; i++) {
                    writer.write(new byte[100]);
                }
                BufferRow stalled = await(model, name, r -> r.health() == Health.STALLED, "stalled");
                assertEquals(5, stalled.status().framesInFlight());
                assertTrue(stalled.healthReason().contains("read count unchanged"), stalled.healthReason());
                assertEquals("alive " + reader.pid(), Format.reader(stalled.status()),
                        "a stopped process is alive: liveness alone would not tell");
                String table = new TextRenderer(false).render(model.poll());
                assertTrue(table.lines().anyMatch(l -> l.startsWith(name + " ") && l.contains("stalled")), table);
            } finally {
                reader.signal("CONT");
            }
            BufferRow recovered = await(model, name, r -> r.health() == Health.HEALTHY, "healthy again after SIGCONT");
            assertEquals(0, recovered.status().framesInFlight());
            writer.close();
        }
    }

    @Test
    void impossibleCountersWrittenThroughASecondMappingAreCorruptNeverHealthy() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(0, 4096));
        Writer writer = factory.attachWriter(name);
        writer.write(new byte[10]);
        MonitorModel model = new MonitorModel(directory);
        assertEquals(Health.HEALTHY, model.poll().row(name).orElseThrow().health());
        try (FileChannel channel = FileChannel.open(Path.of("/dev/shm", name), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedByteBuffer oieb = channel.map(FileChannel.MapMode.READ_WRITE, 0, OiebDescriptor.OIEB_SIZE);
            oieb.order(ByteOrder.LITTLE_ENDIAN);
            long written = oieb.getLong(OiebDescriptor.PAYLOAD_WRITTEN_COUNT_OFFSET);
            long[][] cases = {
                {OiebDescriptor.PAYLOAD_WRITTEN_COUNT_OFFSET, -2_164_840_523_487L},
                {OiebDescriptor.PAYLOAD_WRITTEN_COUNT_OFFSET, 140_737_488_370_279L},
                {OiebDescriptor.PAYLOAD_FREE_BYTES_OFFSET, -100},
                {OiebDescriptor.PAYLOAD_READ_COUNT_OFFSET, written + 5},
                {OiebDescriptor.PAYLOAD_WRITE_POS_OFFSET, 5000},
                {OiebDescriptor.PAYLOAD_READ_POS_OFFSET, -16},
            };
            String[] words = {"written_count = -2164840523487 is negative",
                "140737488370279 unread frames cannot be true in a ring of 4096 bytes with 0 read",
                "payload_free_bytes = -100 is outside 0..4096: more unread bytes than the ring holds",
                "read_count = " + (written + 5) + " is above written_count = " + written,
                "write_pos = 5000 is outside the ring", "read_pos = -16 is outside the ring"};
            for (int i = 0; i < cases.length; i++) {
                int offset = (int) cases[i][0];
                long saved = oieb.getLong(offset);
                oieb.putLong(offset, cases[i][1]);
                BufferRow row = model.poll().row(name).orElseThrow();
                assertEquals(Health.CORRUPT, row.health(), "case " + i + ": " + row);
                assertTrue(row.healthReason().contains(words[i]), row.healthReason());
                String table = new TextRenderer(false).render(model.poll());
                assertTrue(table.lines().anyMatch(l -> l.startsWith(name + " ") && l.contains("corrupt")), table);
                assertTrue(JsonRenderer.render(model.poll()).contains("\"health\":\"corrupt\""));
                oieb.putLong(offset, saved);
            }
            assertEquals(written, oieb.getLong(OiebDescriptor.PAYLOAD_WRITTEN_COUNT_OFFSET));
        }
        assertNotEquals(Health.CORRUPT, model.poll().row(name).orElseThrow().health(), "restored");
        writer.close();
        reader.close();
    }
}
