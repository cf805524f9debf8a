package io.zerobuffer.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Reader;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Peer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The command line, run as a real process: argument checks, exit codes, {@code --once --json}. */
class MainTest {
    private final LinuxZeroBufferFactory factory = new LinuxZeroBufferFactory();

    @AfterEach
    void tearDown() {
        factory.close();
    }

    /** {exit code, stdout, stderr} */
    private static String[] run(String... args) {
        Peer monitor = Peer.java(Main.class).args(args).start();
        int exit = monitor.awaitExit();
        return new String[] {Integer.toString(exit), monitor.stdout(), monitor.stderr()};
    }

    @Test
    void aBadIntervalPrintsTheUsageAndExitsWithThree() throws Exception {
        for (String bad : new String[] {"abc", "0", "-5"}) {
            String[] r = run("--text", "--once", "--interval", bad);
            assertEquals("3", r[0], "--interval " + bad + ": " + r[2]);
            assertTrue(r[2].contains("--interval") && r[2].contains("usage: zerobuffer monitor"), r[2]);
            assertFalse(r[2].contains("Exception") || r[2].contains("\tat "), "no stack trace: " + r[2]);
            assertEquals("", r[1], "nothing on stdout");
        }
    }

    @Test
    void onceJsonGivesEveryBufferWrittenByASecondJvm() throws Exception {
        String name = BufferNames.unique("mon-json");
        Reader reader = factory.createReader(name, BufferConfig.of(1024, 64 * 1024));
        try (Peer writer = Peer.start(MonitorPeer.class, "write-and-hold", name, "10", "1000")) {
            writer.awaitLine("READY");
            String[] r = run("--json", "--once", "--filter", name + "*");
            assertEquals("0", r[0], r[2]);
            JsonNode doc = new ObjectMapper().readTree(r[1]);
            assertEquals(1, doc.get("buffers").size(), "the filter keeps only " + name + ": " + r[1]);
            JsonNode b = doc.get("buffers").get(0);
            assertEquals(name, b.get("name").asText());
            assertEquals("healthy", b.get("health").asText());
            assertEquals(10, b.get("written_count").asLong());
            assertEquals(0, b.get("read_count").asLong());
            assertEquals(10, b.get("frames_in_flight").asLong());
            assertEquals(10, b.get("last_written_sequence").asLong());
            assertEquals(1, b.get("next_unread_sequence").asLong());
            assertEquals(10, b.get("sequence_gap").asLong());
            assertEquals(1000, b.get("next_frame_bytes").asLong());
            assertEquals(10 * 1016, b.get("used_bytes").asLong());
            assertEquals(writer.pid(), b.get("writer").get("pid").asLong());
            assertEquals("alive", b.get("writer").get("state").asText());
            assertEquals("held", b.get("lock_file").get("state").asText());
            assertEquals(ProcessHandle.current().pid(), b.get("lock_file").get("holder_pid").asLong());
            assertEquals(19, b.get("metadata_length").asLong());
            assertTrue(doc.get("channels").isArray());
            assertTrue(doc.get("error").isNull());
        }
        reader.close();
    }

    @Test
    void theTextTableHasSequenceColumnsAndTheFilterApplies() throws Exception {
        String name = BufferNames.unique("mon-textseq");
        Reader reader = factory.createReader(name, BufferConfig.of(64, 64 * 1024));
        try (Peer writer = Peer.start(MonitorPeer.class, "write-and-hold", name, "7", "100")) {
            writer.awaitLine("READY");
            String[] r = run("--text", "--once", "--no-color", "--filter", name);
            assertEquals("0", r[0], r[2]);
            List<String> lines = r[1].lines().toList();
            assertTrue(lines.get(0).startsWith("NAME") && lines.get(0).contains("LAST SEQ")
                    && lines.get(0).contains("NEXT SEQ") && lines.get(0).contains("GAP"), r[1]);
            assertEquals(3, lines.size(), "header, one buffer, footer: " + r[1]);
            assertTrue(lines.get(1).matches(name + "\\s.*\\s7\\s+7\\s+1\\s+7\\s.*"), lines.get(1));
        }
        reader.close();
    }
}
