package io.zerobuffer.linux.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.DuplexClient;
import io.zerobuffer.api.DuplexHandler;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.ServerDeadException;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import io.zerobuffer.testsupport.BufferNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whiteboard's plain-Java half: a handler with properties in, a server on its channel out. */
class DuplexWhiteboardTest {
    private static final DuplexHandler ECHO = (request, response) -> response.write(request.data());

    private static String channel() {
        return BufferNames.unique("wb");
    }

    @Test
    void aHandlerIsServedOnItsChannelWithItsSizesUntilRemoved() throws Exception {
        String channel = channel();
        try (LinuxZeroBufferFactory engine = new LinuxZeroBufferFactory();
                DuplexWhiteboard whiteboard = new DuplexWhiteboard(engine)) {
            assertTrue(whiteboard.add("key", ECHO, Map.of(DuplexHandler.CHANNEL_PROPERTY, channel,
                    DuplexHandler.PAYLOAD_SIZE_PROPERTY, "65536", DuplexHandler.METADATA_SIZE_PROPERTY, 256L)));
            assertEquals(128 + 256 + 65536, Files.size(Path.of("/dev/shm", channel + "_request")));
            try (DuplexClient client = engine.createDuplexClient(channel, BufferConfig.of(0, 65536))) {
                try (Frame response = client.call(new byte[] {7, 8, 9}, Duration.ofSeconds(10))) {
                    assertNotNull(response);
                    assertEquals(3, response.size());
                }
                whiteboard.remove("key");
                assertFalse(Files.exists(Path.of("/dev/shm", channel + "_request")), "unregistering removes the buffer");
                assertThrows(ServerDeadException.class, () -> client.receive(Duration.ofSeconds(10)));
            }
            assertTrue(whiteboard.servers().isEmpty());
        }
        assertFalse(Files.exists(Path.of("/dev/shm", channel + "_response")));
    }

    @Test
    void invalidPropertiesAndATakenChannelServeNothing() {
        String channel = channel();
        try (LinuxZeroBufferFactory engine = new LinuxZeroBufferFactory();
                DuplexWhiteboard whiteboard = new DuplexWhiteboard(engine)) {
            assertFalse(whiteboard.add("none", ECHO, Map.of()));
            assertFalse(whiteboard.add("slash", ECHO, Map.of(DuplexHandler.CHANNEL_PROPERTY, "a/b")));
            assertFalse(whiteboard.add("size", ECHO, Map.of(DuplexHandler.CHANNEL_PROPERTY, channel,
                    DuplexHandler.PAYLOAD_SIZE_PROPERTY, "64M")));
            assertTrue(whiteboard.add("first", ECHO, Map.of(DuplexHandler.CHANNEL_PROPERTY, channel,
                    DuplexHandler.PAYLOAD_SIZE_PROPERTY, 4096)));
            assertFalse(whiteboard.add("second", ECHO, Map.of(DuplexHandler.CHANNEL_PROPERTY, channel)),
                    "a channel already served");
            assertEquals(1, whiteboard.servers().size());
        }
        assertFalse(Files.exists(Path.of("/dev/shm", channel + "_request")));
    }
}
