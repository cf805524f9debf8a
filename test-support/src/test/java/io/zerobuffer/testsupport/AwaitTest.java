package io.zerobuffer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
    @Test
    void returnsTheStateThatSatisfiedTheCondition() {
        AtomicInteger polls = new AtomicInteger();
        assertEquals(5, Await.await(polls::incrementAndGet, n -> n >= 5, Duration.ofSeconds(10), "five polls"));
    }

    @Test
    void failsWithTheMessageAndTheLastObservedState() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Await.await(() -> "still 7", s -> false, Duration.ofMillis(50), "the counter to reach 8"));
        assertTrue(e.getMessage().startsWith("the counter to reach 8: not within 50 ms; last observed: still 7"),
                e.getMessage());
    }

    @Test
    void uniqueNamesDifferAndLeftoversNameWhatExists() throws Exception {
        String name = BufferNames.unique("await");
        assertTrue(name.matches("zbt-await-[0-9a-f]{8}"), name);
        Leftovers.assertNone(name);
        Path segment = Leftovers.SHM.resolve(name);
        Files.write(segment, new byte[1]);
        try {
            AssertionError e = assertThrows(AssertionError.class, () -> Leftovers.assertNone(name));
            assertTrue(e.getMessage().contains(segment.toString()), e.getMessage());
        } finally {
            Files.delete(segment);
        }
    }

    @Test
    void awaitInsideReturnsOnceTheThreadReachedTheCallAndNamesItsStackOtherwise() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "waiter");
        waiter.start();
        try {
            Await.awaitInside(waiter, Duration.ofSeconds(10), "CountDownLatch.await", "LockSupport.park");
            AssertionError e = assertThrows(AssertionError.class,
                    () -> Await.awaitInside(waiter, Duration.ofMillis(50), "sem_timedwait"));
            assertTrue(e.getMessage().startsWith("waiter to be inside sem_timedwait: not within 50 ms; last observed: [")
                    && e.getMessage().contains("CountDownLatch.await"), e.getMessage());
        } finally {
            release.countDown();
            waiter.join();
        }
    }
}
