package io.zerobuffer.linux.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zerobuffer.testsupport.Await;
import io.zerobuffer.testsupport.BufferNames;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java fast path of {@link NamedSemaphore} against glibc's own calls on the same semaphore:
 * a post made either way is consumed exactly once either way, and a post made in Java wakes a
 * waiter blocked in {@code sem_timedwait}.
 */
class SemaphoreFastPathTest {
    private String name;
    private NamedSemaphore semaphore;
    private long handle;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(NamedSemaphore.isFastPathEnabled(), "fast path not enabled on this platform");
        name = BufferNames.unique("sem");
        semaphore = NamedSemaphore.create("test", name);
        java.lang.reflect.Field field = NamedSemaphore.class.getDeclaredField("handle");
        field.setAccessible(true);
        handle = field.getLong(semaphore);
    }

    @AfterEach
    void tearDown() {
        if (semaphore != null) {
            semaphore.close();
            NamedSemaphore.unlink(name);
        }
    }

    @Test
    void javaPostsAreConsumedOnceByGlibcAndTheOtherWayRound() {
        for (int i = 0; i < 1000; i++) {
            semaphore.post();
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, LibC.sem_trywait(handle), "native trywait " + i);
        }
        assertNotEquals(0, LibC.sem_trywait(handle), "one post too many consumed");
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, LibC.sem_post(handle));
        }
        for (int i = 0; i < 1000; i++) {
            assertTrue(semaphore.tryAcquire(), "java trywait " + i);
        }
        assertFalse(semaphore.tryAcquire());
    }

    @Test
    void aJavaPostWakesAWaiterBlockedInGlibc() throws Exception {
        NamedSemaphore waiterSide = NamedSemaphore.open("test", name);
        try {
            CompletableFuture<Boolean> woken = new CompletableFuture<>();
            Thread waiter = new Thread(() -> woken.complete(waiterSide.await(TimeUnit.SECONDS.toNanos(10))));
            waiter.start();
            Await.awaitInside(waiter, Duration.ofSeconds(10), "sem_timedwait");
            semaphore.post();
            assertTrue(woken.get(5, TimeUnit.SECONDS));
            assertFalse(semaphore.tryAcquire(), "the post was consumed by the woken waiter");
        } finally {
            waiterSide.close();
        }
    }

    @Test
    void postsThatFindTheCountPositiveAreAllThereForAWokenWaiter() throws Exception {
        NamedSemaphore waiterSide = NamedSemaphore.open("test", name);
        try {
            CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(
                    () -> waiterSide.await(TimeUnit.SECONDS.toNanos(10)));
            Thread.sleep(200);
            // the first post wakes the waiter; the next ones find the count positive and do not
            // call into the kernel, whether or not the waiter has run yet
            for (int i = 0; i < 5; i++) {
                semaphore.post();
            }
            assertTrue(woken.get(5, TimeUnit.SECONDS));
            for (int i = 0; i < 4; i++) {
                assertTrue(waiterSide.await(TimeUnit.SECONDS.toNanos(5)), "post " + (i + 2) + " of 5 is there");
            }
            assertFalse(semaphore.tryAcquire(), "five posts, five taken");
            assertEquals(0, LibC.sem_trywait(handle) == 0 ? 1 : 0, "glibc sees no post left either");
        } finally {
            waiterSide.close();
        }
    }

    @Test
    void twoThreadsPostingAndWaitingLoseNothing() throws Exception {
        int count = 200_000;
        CompletableFuture<Void> poster = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < count; i++) {
                semaphore.post();
            }
        });
        for (int i = 0; i < count; i++) {
            assertTrue(semaphore.await(TimeUnit.SECONDS.toNanos(10)), "post " + i + " missing");
        }
        poster.get(10, TimeUnit.SECONDS);
        assertFalse(semaphore.tryAcquire());
    }
}
