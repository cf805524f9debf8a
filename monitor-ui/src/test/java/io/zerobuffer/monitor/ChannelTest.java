package io.zerobuffer.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.ProcessState;
import io.zerobuffer.api.Reader;
import io.zerobuffer.api.Writer;
import io.zerobuffer.linux.LinuxBufferDirectory;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import io.zerobuffer.testsupport.BufferNames;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Duplex channels seen from their names alone: two plain buffers {@code C_request} and
 * {@code C_response} show as one channel; and the text table keeps its header on screen.
 */
class ChannelTest {
    private final LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory();
    private final LinuxBufferDirectory directory = new LinuxBufferDirectory();
    private final String channel = BufferNames.unique("mon-chan");

    @AfterEach
    void tearDown() {
        directory.close();
        factory.close();
    }

    @Test
    void twoBuffersNamedLikeAChannelShowAsOneChannelRow() throws Exception {
        Reader request = factory.createReader(channel + "_request", BufferConfig.of(0, 8192)); // the server
        Reader response = factory.createReader(channel + "_response", BufferConfig.of(0, 4096)); // the client
        Writer client = factory.attachWriter(channel + "_request");
        Writer server = factory.attachWriter(channel + "_response");
        MonitorModel model = new MonitorModel(directory, Duration.ofSeconds(5), true);
        model.filter(NameFilter.of(channel + "*"));
        model.poll();
        for (int i = 0; i < 20; i++) {
            client.write(new byte[64]);
            try (Frame f = request.read(Duration.ofSeconds(5))) {
                server.write(new byte[32]);
            }
            try (Frame f = response.read(Duration.ofSeconds(5))) {
                // one round trip
            }
        }
        client.write(new byte[1000]); // a request in flight: the request side is fuller
        Thread.sleep(300);
        MonitorSnapshot s = model.poll();
        assertEquals(1, s.channels().size(), s.channels().toString());
        ChannelRow c = s.channels().get(0);
        assertEquals(channel, c.name());
        assertEquals(channel + "_request", c.request().name());
        assertEquals(channel + "_response", c.response().name());
        assertEquals(c.response().framesPerSecond(), c.roundTripsPerSecond());
        assertTrue(c.roundTripsPerSecond() > 0, "20 responses in the last second: " + c.roundTripsPerSecond());
        long pid = ProcessHandle.current().pid();
        assertEquals(ProcessState.ALIVE, c.clientWriterState());
        assertEquals("alive " + pid, c.client());
        assertEquals("alive " + pid, c.server());
        assertEquals(1016.0 / 8192, c.request().status().utilisation(), 1e-9);
        String table = new TextRenderer(false).render(s);
        assertTrue(table.contains("CHANNEL") && table.contains("ROUND TRIPS/S"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith(channel + " ") && l.contains("12.4 %")
                && l.contains("0.0 %")), table);
        assertTrue(JsonRenderer.render(s).contains("\"channels\":[{\"name\":\"" + channel + "\""));
        server.close();
        response.close(); // the client's half is gone: no channel any more
        assertEquals(List.of(), model.poll().channels());
        client.close();
        request.close();
    }

    @Test
    void theHeaderStaysOnScreenWhateverTheNumberOfBuffers() throws Exception {
        ApiOnlyTest.FakeDirectory fake = new ApiOnlyTest.FakeDirectory();
        for (int i = 0; i < 100; i++) {
            fake.put(String.format("buffer-%03d", i), 1000, 1000, 0, 0, ProcessState.ALIVE);
        }
        MonitorSnapshot s = new MonitorModel(fake).poll();
        String screen = new TextRenderer(false).render(s, 24);
        List<String> lines = screen.lines().toList();
        assertEquals(24, lines.size(), screen);
        assertTrue(lines.get(0).startsWith("NAME"), screen);
        assertTrue(lines.get(22).contains("more lines"), screen);
        assertTrue(lines.get(23).startsWith("100 buffers"), screen);
    }
}
