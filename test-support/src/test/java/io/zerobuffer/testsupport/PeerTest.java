package io.zerobuffer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerTest {
    @Test
    void theTestWaitsForReadyThenForTheNextLineAndTheExit() {
        try (Peer peer = Peer.start(EchoPeer.class, "ready")) {
            peer.awaitReady();
            peer.closeStdin();
            assertEquals("BYE", peer.awaitLine("BYE"));
            assertEquals(0, peer.awaitExit());
            assertEquals(List.of("hello", "READY", "BYE"), peer.lines());
        }
    }

    @Test
    void aPeerThatEndsWithoutTheLineFailsTheWaitAtOnceWithItsStatusAndOutput() {
        try (Peer peer = Peer.start(EchoPeer.class, "exit", "3")) {
            long start = System.nanoTime();
            AssertionError e = assertThrows(AssertionError.class, () -> peer.awaitLine("READY", Duration.ofMinutes(1)));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "waited for the timeout");
            assertTrue(e.getMessage().contains("status 3") && e.getMessage().contains("leaving with 3"), e.getMessage());
        }
    }

    @Test
    void aPeerThatNeverPrintsTheLineFailsTheWaitAfterTheTimeout() {
        try (Peer peer = Peer.start(EchoPeer.class, "ready")) {
            peer.awaitReady();
            AssertionError e = assertThrows(AssertionError.class, () -> peer.awaitLine("NEVER", Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains("did not print NEVER within 300 ms") && e.getMessage().contains("hello"),
                    e.getMessage());
        }
    }

    @Test
    void aPeerThatDoesNotExitInTimeIsKilledAndTheWaitFails() {
        Peer peer = Peer.start(EchoPeer.class, "ready");
        peer.awaitReady();
        AssertionError e = assertThrows(AssertionError.class, () -> peer.awaitExit(Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("did not exit within 300 ms; killed"), e.getMessage());
        assertFalse(peer.process().isAlive());
    }

    @Test
    void signalStopAndContReturnOnlyOnceTheProcessStateChanged() {
        try (Peer peer = Peer.start(EchoPeer.class, "ready")) {
            peer.awaitReady();
            peer.signal("STOP");
            peer.signal("CONT");
            peer.closeStdin();
            assertEquals(0, peer.awaitExit());
        }
    }
}
