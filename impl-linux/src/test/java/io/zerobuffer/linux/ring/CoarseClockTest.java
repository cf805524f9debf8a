package io.zerobuffer.linux.ring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The per-frame clock: it follows the real one while held, never leads it, and its thread goes with its last holder. */
class CoarseClockTest {

    @Test
    void followsTheSystemClockWhileHeldAndNeverLeadsIt() {
        CoarseClock.retain();
        try {
            long first = CoarseClock.nanoTime();
            assertTrue(first <= System.nanoTime(), "the coarse clock is never ahead of System.nanoTime()");
            long target = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            await(() -> CoarseClock.nanoTime() - target >= 0, "the coarse clock reached a point 50 ms ahead");
            assertTrue(CoarseClock.nanoTime() <= System.nanoTime(), "still not ahead");
        } finally {
            CoarseClock.release();
        }
    }

    @Test
    void theTickingThreadRunsOnlyWhileTheClockIsHeld() {
        CoarseClock.retain();
        CoarseClock.retain();
        try {
            assertTrue(clockThreadAlive(), "a holder starts the thread");
            CoarseClock.release();
            assertTrue(clockThreadAlive(), "one holder left: the thread stays");
        } finally {
            CoarseClock.release();
        }
        await(() -> !clockThreadAlive(), "no holder: the zerobuffer-clock thread ends");
        assertThrows(IllegalStateException.class, CoarseClock::release, "a release without a retain is refused");
        assertFalse(clockThreadAlive());
    }

    static boolean clockThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("zerobuffer-clock") && t.isAlive());
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("not within 10 s: " + what);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
