package io.zerobuffer.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The serve's methods, driven through a real process with framed JSON-RPC. */
@Timeout(120)
class ServeProtocolTest {
    private static final long HOST = ProcessHandle.current().pid();

    @Test
    void answersEveryMethodAndExitsOnShutdown() throws Exception {
        try (ServeProcess serve = new ServeProcess(false, HOST, 90)) {
            assertTrue(serve.call("health").get("result").asBoolean());
            assertTrue(serve.initialize("reader", HOST, 90).get("result").asBoolean());
            JsonNode steps = serve.call("discover").get("result").get("steps");
            assertTrue(steps.size() > 250, "discovered " + steps.size());
            assertTrue(steps.get(0).has("type") && steps.get(0).has("pattern"));

            JsonNode ok = serve.step("the 'reader' process creates buffer 'proto-a' with metadata size '64' and payload size '4096'", Map.of());
            assertTrue(ok.get("success").asBoolean(), ok.toString());
            assertEquals("proto-a", ok.get("context").get("buffer").asText());
            assertTrue(ok.get("logs").isArray() && ok.get("logs").size() > 0);
            Path shm = Path.of("/dev/shm", "proto-a_" + HOST + "_90");
            assertTrue(Files.exists(shm), "the name follows <name>_<HostPid>_<FeatureId>");

            assertTrue(serve.call("cleanup").has("result"));
            assertFalse(Files.exists(shm), "cleanup closed the reader");

            assertTrue(serve.call("shutdown").has("result"));
            assertTrue(serve.process.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, serve.process.exitValue());
        }
    }

    @Test
    void aFailedStepSaysWhatWasExpectedAndWhatWasSeen() throws Exception {
        try (ServeProcess serve = new ServeProcess(true, HOST, 91)) {
            serve.initialize("reader", HOST, 91);
            JsonNode r = serve.step("the 'reader' process creates buffer 'proto-b' with metadata size '0' and payload size '4096'", Map.of());
            assertTrue(r.get("success").asBoolean(), r.toString());
            JsonNode failed = serve.step("the 'reader' process verifies the system should work without metadata", Map.of());
            assertFalse(failed.get("success").asBoolean());
            assertEquals("expected frames to have flowed without metadata, none did", failed.get("error").asText());
            JsonNode noWriter = serve.step("the 'writer' process writes frame with size '10'", Map.of());
            assertTrue(noWriter.get("error").asText().contains("expected this process (reader) to be connected"),
                    noWriter.toString());
        }
    }

    @Test
    void aMalformedFrameAnUnknownMethodAndAnUnknownStepAnswerErrorsAndTheServeGoesOn() throws Exception {
        try (ServeProcess serve = new ServeProcess(false, HOST, 92)) {
            serve.sendRaw("Content-Length: many\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            JsonNode malformed = serve.receive();
            assertEquals(-32700, malformed.get("error").get("code").asInt(), malformed.toString());

            serve.sendRaw("Content-Length: 9\r\n\r\n{not json".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-32700, serve.receive().get("error").get("code").asInt());

            JsonNode unknown = serve.call("teleport");
            assertEquals(-32601, unknown.get("error").get("code").asInt());
            assertTrue(unknown.get("error").get("message").asText().contains("teleport"));

            JsonNode step = serve.step("the 'reader' process juggles three buffers", Map.of());
            assertFalse(step.get("success").asBoolean());
            assertEquals("no step definition matches 'the 'reader' process juggles three buffers'", step.get("error").asText());

            assertTrue(serve.call("health").get("result").asBoolean(), "still serving");
        }
    }

    @Test
    void crashKillsTheStepProcessAtOnceAndTheRoleGoesOnInAFreshOne() throws Exception {
        try (ServeProcess serve = new ServeProcess(false, HOST, 93)) {
            serve.initialize("reader", HOST, 93);
            String name = "proto-crash_" + HOST + "_93";
            assertTrue(serve.step("the 'reader' process creates buffer 'proto-crash' with default config", Map.of())
                    .get("success").asBoolean());
            long stepPid = serve.process.descendants().findFirst().orElseThrow().pid();
            // a live writer keeps the dead reader's objects from the stale sweeps of other processes
            io.zerobuffer.linux.LinuxZeroBufferFactory engine = new io.zerobuffer.linux.LinuxZeroBufferFactory();
            engine.attachWriter(name);

            JsonNode crash = serve.call("crash");
            assertNotNull(crash);
            assertTrue(crash.has("result") && crash.get("result").isNull(), crash.toString());
            assertFalse(ProcessHandle.of(stepPid).map(ProcessHandle::isAlive).orElse(false), "the step process is dead");
            assertTrue(Files.exists(Path.of("/dev/shm", name)), "a crash cleans nothing up");

            JsonNode again = serve.step("a new 'reader' process attempts to create buffer 'proto-crash' with metadata size '1024' and payload size '10240'", Map.of());
            assertTrue(again.get("success").asBoolean(), again.toString());
            JsonNode stale = serve.step("the new reader should detect stale resources", Map.of());
            assertTrue(stale.get("success").asBoolean(), stale.toString());
            engine.close();
            serve.call("cleanup");
            assertFalse(Files.exists(Path.of("/dev/shm", name)));
        }
    }

    @Test
    void withoutSupervisorCrashEndsTheServeWithoutAnAnswer() throws Exception {
        try (ServeProcess serve = new ServeProcess(true, HOST, 94)) {
            serve.initialize("reader", HOST, 94);
            assertTrue(serve.step("the 'reader' process creates buffer 'proto-halt' with metadata size '0' and payload size '4096'", Map.of())
                    .get("success").asBoolean());
            assertNull(serve.call("crash"), "no answer: the process died");
            assertTrue(serve.process.waitFor(10, TimeUnit.SECONDS));
            assertEquals(134, serve.process.exitValue());
            String name = "proto-halt_" + HOST + "_94";
            assertTrue(Files.exists(Path.of("/dev/shm", name)), "nothing was cleaned up");
            // the next reader of that name removes what the dead one left
            try (io.zerobuffer.linux.LinuxZeroBufferFactory engine = new io.zerobuffer.linux.LinuxZeroBufferFactory()) {
                engine.createReader(name, io.zerobuffer.api.BufferConfig.of(0, 4096)).close();
            }
            assertFalse(Files.exists(Path.of("/dev/shm", name)));
        }
    }

    @Test
    void endOfInputEndsTheServeAndClosesItsBuffers() throws Exception {
        ServeProcess serve = new ServeProcess(false, HOST, 95);
        serve.initialize("reader", HOST, 95);
        assertTrue(serve.step("the 'reader' process creates buffer 'proto-eof' with metadata size '0' and payload size '4096'", Map.of())
                .get("success").asBoolean());
        serve.close();
        assertEquals(0, serve.process.exitValue());
        assertFalse(Files.exists(Path.of("/dev/shm", "proto-eof_" + HOST + "_95")));
    }
}
