package io.zerobuffer.bridge.aeron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeSettingsTest {
    private static final int FRAME_1080P = 3_110_400;

    @Test
    void theDefaultTermCarriesA1080pFrameAndA16MiBTermDoesNot() {
        assertEquals((4 << 20) - 16, BridgeSettings.largestFrame(BridgeSettings.DEFAULT_TERM_LENGTH));
        assertTrue(BridgeSettings.largestFrame(BridgeSettings.DEFAULT_TERM_LENGTH) >= FRAME_1080P + 16);
        assertTrue(BridgeSettings.largestFrame(16 << 20) < FRAME_1080P);
        assertEquals((16 << 20) - 16, BridgeSettings.largestFrame(1 << 30), "Aeron's 16 MiB ceiling");
    }

    @Test
    void configurationPropertiesAreCheckedAndNamed() {
        BridgeSettings s = BridgeSettings.from(Map.of("role", "receive", "name", "cam", "channel",
                "aeron:udp?endpoint=10.0.0.2:40456", "stream.id", "7", "back.pressure", "drop"));
        assertEquals(Role.RECEIVE, s.role());
        assertEquals(7, s.streamId());
        assertEquals(BackPressure.DROP, s.backPressure());
        assertNull(s.aeronDir());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> BridgeSettings.from(Map.of("role", "send", "name", "cam")));
        assertTrue(missing.getMessage().contains("'channel'"), missing.getMessage());
        IllegalArgumentException term = assertThrows(IllegalArgumentException.class, () -> BridgeSettings.from(
                Map.of("role", "send", "name", "cam", "channel", "aeron:udp?endpoint=h:1", "term.length", 3_000_000)));
        assertTrue(term.getMessage().contains("3000000"), term.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BridgeSettings.from(
                Map.of("role", "sideways", "name", "cam", "channel", "aeron:udp?endpoint=h:1")));
    }

    @Test
    void commandLine() {
        BridgeSettings s = BridgeMain.parse(new String[] {"send", "cam", "--to", "aeron:udp?endpoint=10.0.0.2:40456",
                "--back-pressure", "drop", "--aeron-dir", "/dev/shm/aeron-x", "--term-length", "67108864"});
        assertEquals(Role.SEND, s.role());
        assertEquals("/dev/shm/aeron-x", s.aeronDir());
        assertEquals(64 << 20, s.termLength());
        assertThrows(IllegalArgumentException.class, () -> BridgeMain.parse(new String[] {"send", "cam",
                "--from", "aeron:udp?endpoint=h:1"}), "--from belongs to receive");
        assertThrows(IllegalArgumentException.class, () -> BridgeMain.parse(new String[] {"receive", "cam"}));
        assertEquals(BridgeMain.EXIT_USAGE, BridgeMain.run(new String[] {"send"}));
    }
}
