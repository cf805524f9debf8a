package io.zerobuffer.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One scenario of our own per feature area, written with the family's step texts and run
 * Java to Java: two serve processes play the roles (reader/server in one, writer/client in the
 * other), reused across scenarios with cleanup and a fresh initialize, as a small orchestrator
 * would. A line is {@code role: step text}; the context each step returns goes with the next
 * step, as the orchestrator threads it.
 */
@Timeout(300)
class OwnScenariosTest {
    private static final long HOST = ProcessHandle.current().pid();
    private static ServeProcess owner;
    private static ServeProcess attacher;

    @BeforeAll
    static void start() throws Exception {
        owner = new ServeProcess(true, HOST, 0);
        attacher = new ServeProcess(true, HOST, 0);
    }

    @AfterAll
    static void stop() throws Exception {
        owner.close();
        attacher.close();
        assertNothingLeft();
    }

    /** Nothing named by this test JVM's runs is left in /dev/shm or /tmp/zerobuffer. */
    static void assertNothingLeft() throws java.io.IOException {
        String tag = "_" + HOST + "_";
        for (String dir : new String[] {"/dev/shm", "/tmp/zerobuffer"}) {
            try (var files = java.nio.file.Files.list(java.nio.file.Path.of(dir))) {
                java.util.List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> n.contains(tag)).toList();
                org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), left, "left in " + dir);
            }
        }
    }

    private static void run(int feature, String script) throws Exception {
        for (ServeProcess s : new ServeProcess[] {owner, attacher}) {
            s.call("cleanup");
            s.initialize("any", HOST, 800 + feature);
        }
        Map<String, String> context = new HashMap<>();
        for (String line : script.strip().split("\n")) {
            line = line.strip();
            int colon = line.indexOf(':');
            String role = line.substring(0, colon);
            String text = line.substring(colon + 1).strip();
            ServeProcess serve = role.equals("reader") || role.equals("server") ? owner : attacher;
            if (text.equals("!cleanup")) {
                serve.call("cleanup");
                continue;
            }
            JsonNode r = serve.step(text, context);
            if (!r.get("success").asBoolean()) {
                fail("feature " + feature + ", " + role + ": '" + text + "' failed: " + r.get("error").asText());
            }
            context.clear();
            r.get("context").fields().forEachRemaining(e -> context.put(e.getKey(), e.getValue().asText()));
        }
        for (ServeProcess s : new ServeProcess[] {owner, attacher}) {
            assertTrue(s.call("cleanup").has("result"));
        }
    }

    @Test
    void basicCommunication() throws Exception {
        run(1, """
                reader: the 'reader' process creates buffer 'own-basic' with metadata size '512' and payload size '8192'
                writer: the 'writer' process connects to buffer 'own-basic'
                writer: the 'writer' process writes metadata with size '32'
                writer: the 'writer' process writes frame with size '100' and sequence '1'
                reader: the 'reader' process should read frame with sequence '1' and size '100'
                reader: the 'reader' process should validate frame data
                reader: the 'reader' process signals space available
                writer: the 'writer' process writes '40' frames of size '700' as fast as possible
                reader: the 'reader' process reads frames with '0' ms delay between each read
                reader: the 'reader' process should have read '40' frames
                reader: the 'reader' process should verify all frames have sequential sequence numbers starting from '2'
                reader: no sequence errors should have occurred
                """);
    }

    @Test
    void processLifecycle() throws Exception {
        run(2, """
                reader: the 'reader' process creates buffer 'own-life' with metadata size '0' and payload size '4096'
                writer: the 'writer' process connects to buffer 'own-life'
                writer: a second 'writer' process attempts to connect to buffer 'own-life'
                writer: the connection should fail with writer exists error
                writer: the 'writer' process writes frame with data 'bye'
                reader: the 'reader' process should read frame with data 'bye'
                writer: !cleanup
                reader: the 'reader' process should timeout or detect writer death on next read
                """);
    }

    @Test
    void errorHandling() throws Exception {
        run(3, """
                reader: the 'reader' process creates buffer 'own-meta' with metadata size '128' and payload size '4096'
                writer: the 'writer' process connects to buffer 'own-meta'
                writer: the 'writer' process attempts to write metadata with size '200'
                writer: the 'writer' process verifies the metadata write should fail with size error
                writer: the 'writer' process writes metadata with size '64'
                writer: the 'writer' process attempts to write metadata again with size '8'
                writer: the 'writer' process verifies the second metadata write should fail
                reader: the 'reader' process verifies the original metadata should remain unchanged
                reader: the 'reader' process creates buffer 'own-nometa' with metadata size '0' and payload size '10240'
                writer: the 'writer' process connects to buffer 'own-nometa'
                writer: the 'writer' process writes frames without metadata
                reader: the 'reader' process should read frames successfully
                reader: the 'reader' process verifies the system should work without metadata
                """);
    }

    @Test
    void edgeCases() throws Exception {
        run(4, """
                reader: the 'reader' process creates buffer 'own-edge' with metadata size '0' and payload size '2048'
                writer: the 'writer' process connects to buffer 'own-edge'
                writer: the 'writer' process attempts to write frame with size '0'
                writer: the 'writer' process should fail with zero size error
                writer: the 'writer' process attempts to write '5000' byte frame
                writer: the 'writer' process should receive FrameTooLargeException
                writer: the 'writer' process writes frame with exact size '2032'
                writer: buffer should be completely full
                reader: the 'reader' process reads frame
                reader: the frame should have size '2032'
                reader: frame overhead should be '16' bytes
                reader: the 'reader' process signals space available
                writer: the 'writer' process should be able to write again
                """);
    }

    @Test
    void corruptionDetection() throws Exception {
        run(5, """
                reader: the 'reader' process creates buffer 'own-corrupt' with default config
                writer: the 'writer' process connects to buffer 'own-corrupt'
                writer: the 'writer' process writes frame with data 'fine'
                writer: the test corrupts frame header 'payload_size' to '0'
                reader: the 'reader' process attempts to read frame
                reader: the read should fail with invalid frame size error
                reader: the 'reader' process creates buffer 'own-free' with specific configuration
                reader: the system tests continuous_free_bytes calculation with:
                reader: the 'reader' process calculations should match specification
                """);
    }

    @Test
    void synchronization() throws Exception {
        run(6, """
                reader: the 'reader' process creates buffer 'own-gap' with default config
                writer: the 'writer' process connects to buffer 'own-gap'
                writer: the 'writer' process writes frame with sequence '1'
                writer: the 'writer' process writes frame with sequence '2'
                reader: the 'reader' process should read frame with sequence '1'
                reader: the test corrupts next frame sequence to '4'
                reader: the 'reader' process attempts to read frame
                reader: the read should fail with sequence error
                reader: the error should show expected '3' got '4'
                """);
    }

    @Test
    void systemResources() throws Exception {
        run(7, """
                reader: the 'reader' process creates buffer 'own-pattern' with default config
                writer: the 'writer' process connects to buffer 'own-pattern'
                writer: the 'writer' process writes frame with size '3' using incrementing pattern
                writer: the 'writer' process writes frame with size '70000' using incrementing pattern
                reader: the 'reader' process should validate each byte matches expected pattern
                reader: no data corruption should be detected
                reader: attempt to create buffer 'own-partial' with default config
                reader: the test simulates semaphore creation failure
                reader: the buffer creation should fail
                reader: the shared memory should be cleaned up
                reader: no resources should be leaked
                """);
    }

    @Test
    void platformSpecific() throws Exception {
        run(8, """
                reader: the platform is 'Linux'
                reader: the 'reader' process creates buffer 'own-platform' with default config
                reader: verify shared memory entry exists in '/dev/shm/'
                reader: verify proper named semaphores created
                reader: verify name contains only alphanumeric and dash
                reader: same name rules work on both platforms
                reader: test maximum name length
                reader: both platforms should handle it correctly
                reader: gracefully shutdown
                reader: verify proper cleanup in '/dev/shm/'
                """);
    }

    @Test
    void performanceMonitoring() throws Exception {
        run(9, """
                reader: the 'reader' process creates buffer 'own-cpu' with default config
                writer: the 'writer' process connects to buffer 'own-cpu'
                writer: monitor CPU usage during idle (blocked on semaphore)
                writer: transfer data actively
                writer: monitor CPU during active transfer
                """);
    }

    @Test
    void advancedErrorHandling() throws Exception {
        run(10, """
                reader: the test creates shared memory successfully for 'own-semw'
                reader: simulate failure creating sem-w semaphore
                reader: the 'reader' process should clean up shared memory
                reader: the 'reader' process should throw appropriate exception
                reader: the test should verify no resources leaked
                reader: the 'reader' process creates buffer 'own-frames' with default config
                writer: the 'writer' process connects to buffer 'own-frames'
                writer: the 'writer' process writes valid frame
                writer: test multiple corruption scenarios:
                """);
    }

    @Test
    void stress() throws Exception {
        run(11, """
                reader: perform '50' iterations of:
                reader: the 'reader' process creates buffer 'own-cycle' with default config
                reader: the 'reader' process destroys buffer
                reader: no resource leaks should occur
                reader: lock files should be properly cleaned
                reader: system should remain stable
                """);
    }

    @Test
    void protocolCompliance() throws Exception {
        run(12, """
                reader: the 'reader' process creates buffer 'own-oieb' with default config
                reader: verify lock file exists at correct location
                reader: verify lock file is actually locked
                reader: the 'reader' process should verify OIEB starts at 64-byte aligned address
                reader: should verify payload block starts at 64-byte aligned offset
                writer: the 'writer' process connects to buffer 'own-oieb'
                writer: performs multiple write operations
                writer: the 'writer' process should verify after each write:
                reader: the 'reader' process performs multiple read operations
                reader: the 'reader' process should verify after each read:
                reader: graceful shutdown
                reader: verify lock file is removed
                """);
    }

    @Test
    void duplexChannel() throws Exception {
        run(13, """
                server: the 'server' process creates immutable duplex channel 'own-duplex' with metadata size '1024' and payload size '65536'
                server: the 'server' process starts handler that implements XOR with key '0x5A'
                client: the 'client' process creates duplex channel client 'own-duplex'
                client: the 'client' process sends '4096' byte frame with test pattern
                client: response should contain XOR transformed data
                client: the server handler receives immutable request frame
                client: the server handler returns new response data
                server: the 'server' process creates immutable duplex channel 'own-echo' with default config
                server: the 'server' process starts echo handler
                client: the 'client' process creates duplex channel client 'own-echo'
                client: the 'client' process sends '5' requests sequentially
                client: the 'client' process receives '5' responses in order
                client: no responses should be lost or duplicated
                """);
    }

    @Test
    void benchmarks() throws Exception {
        run(14, """
                reader: the 'reader' process creates buffer 'own-util' with default config
                writer: the 'writer' process is configured to be faster than reader
                writer: monitor buffer utilization over time
                writer: verify degradation detection at '80%'
                writer: report time to degradation
                writer: report recovery time
                """);
    }
}
