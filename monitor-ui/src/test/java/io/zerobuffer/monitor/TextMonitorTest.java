package io.zerobuffer.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.linux.LinuxBufferDirectory;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import io.zerobuffer.testsupport.BufferNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The model and the text renderer against real buffers, no JavaFX. */
class TextMonitorTest {
    private final LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory();
    private final LinuxBufferDirectory directory = new LinuxBufferDirectory();
    private final String name = BufferNames.unique("mon-text");

    @AfterEach
    void tearDown() {
        directory.close();
        factory.close();
    }

    private String line(String table) {
        return table.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in\n" + table));
    }

    @Test
    void theTableShowsCountsUtilisationHealthAndLiveness() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(64, 9984));
        Writer writer = factory.attachWriter(name);
        for (int i = 0; i < 9; i++) {
            writer.write(new byte[884]); // 9 x 900 = 8,100 of 9,984 bytes: 81.1 %, degraded
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TextMonitor.run(new MonitorModel(directory), new PrintStream(out, true, StandardCharsets.UTF_8),
                200, true, false);
        String row = line(out.toString(StandardCharsets.UTF_8));
        long pid = ProcessHandle.current().pid();
        assertTrue(row.contains("81.1 %"), row);
        assertTrue(row.contains("degraded"), row);
        assertTrue(row.matches(".*\\s9\\s.*"), "9 frames in flight: " + row);
        assertTrue(row.contains("alive " + pid), row);
        assertTrue(row.contains("held by " + pid), row);
        assertFalse(row.contains("\u001b"), "no colour asked");
        writer.write(new byte[884]);
        try (Frame frame = reader.read(Duration.ofSeconds(1))) {
            // one read keeps it under 95 %
        }
        writer.write(new byte[884]); // 10 x 900 of 9,984 = 90.1 %
        String coloured = new TextRenderer(true).render(new MonitorModel(directory).poll());
        assertTrue(line(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).contains("90.1 %"), coloured);
        assertTrue(coloured.contains("\u001b[33mdegraded"), "degraded is yellow: " + coloured);
        writer.close();
        reader.close();
        String gone = new TextRenderer(false).render(new MonitorModel(directory).poll());
        assertTrue(gone.lines().noneMatch(l -> l.startsWith(name + " ")), gone);
    }

    @Test
    void aBridgedBufferShowsItsRoleAndRemoteEndAndADeadBridgeIsNotShown() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(64, 4096));
        io.zerobuffer.api.BridgeInfo live = new io.zerobuffer.api.BridgeInfo(name, "send",
                "aeron:udp?endpoint=10.0.0.2:40456", "10.0.0.2:40456", 1001, ProcessHandle.current().pid());
        Path file = Path.of("/tmp/zerobuffer", live.fileName());
        try {
            Files.write(file, live.describe());
            String table = new TextRenderer(false).render(new MonitorModel(directory).poll());
            List<String> lines = table.lines().toList();
            int row = lines.indexOf(line(table));
            assertEquals("  bridge: send to 10.0.0.2:40456 · aeron:udp?endpoint=10.0.0.2:40456 stream 1001 · pid "
                    + ProcessHandle.current().pid(), lines.get(row + 1), table);
            String json = JsonRenderer.render(new MonitorModel(directory).poll());
            assertTrue(json.contains("\"bridges\":[{\"role\":\"send\",\"remote\":\"10.0.0.2:40456\","
                    + "\"channel\":\"aeron:udp?endpoint=10.0.0.2:40456\",\"stream_id\":1001,\"pid\":"
                    + ProcessHandle.current().pid() + "}]"), json);

            // a description left by a bridge that died (kill -9) is not shown
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            Files.write(file, new io.zerobuffer.api.BridgeInfo(name, "send", "aeron:udp?endpoint=10.0.0.2:40456",
                    "10.0.0.2:40456", 1001, gone.pid()).describe());
            String after = new TextRenderer(false).render(new MonitorModel(directory).poll());
            assertTrue(after.lines().noneMatch(l -> l.contains("bridge:")), after);
        } finally {
            Files.deleteIfExists(file);
            reader.close();
        }
    }

    @Test
    void pollingWithTheSelectedBufferChangesNotOneByteOfIt() throws Exception {
        Reader reader = factory.createReader(name, BufferConfig.of(128, 4096));
        Writer writer = factory.attachWriter(name);
        writer.writeMetadata("format=I420".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 20; i++) {
            writer.write(new byte[100 + 37 * i]);
            try (Frame frame = reader.read(Duration.ofSeconds(1))) {
                assertTrue(frame != null);
            }
        }
        writer.write(new byte[500]);
        writer.write(new byte[500]);
        List<Path> objects = List.of(Path.of("/dev/shm", name), Path.of("/dev/shm", "sem.sem-w-" + name),
                Path.of("/dev/shm", "sem.sem-r-" + name));
        byte[][] before = new byte[objects.size()][];
        for (int i = 0; i < objects.size(); i++) {
            before[i] = Files.readAllBytes(objects.get(i));
        }
        MonitorModel model = new MonitorModel(directory);
        model.select(name);
        for (int i = 0; i < 200; i++) {
            MonitorSnapshot s = model.poll();
            assertTrue(s.selected().isPresent(), "the selected buffer's detail is read: ring walk and metadata");
        }
        assertEquals("format=I420", new String(model.poll().selected().orElseThrow().metadata(), StandardCharsets.US_ASCII));
        for (int i = 0; i < objects.size(); i++) {
            byte[] after = Files.readAllBytes(objects.get(i));
            for (int b = 0; b < after.length; b++) {
                if (after[b] != before[i][b]) {
                    throw new AssertionError("byte " + b + " of " + objects.get(i) + " changed while the monitor watched");
                }
            }
        }
        writer.close();
        reader.close();
    }
}
