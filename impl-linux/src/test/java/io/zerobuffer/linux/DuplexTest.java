package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.DuplexClient;
import io.zerobuffer.api.DuplexHandler;
import io.zerobuffer.api.DuplexResponseException;
import io.zerobuffer.api.DuplexServer;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.FrameTooLargeException;
import io.zerobuffer.api.ReaderOptions;
import io.zerobuffer.api.SequenceErrorException;
import io.zerobuffer.api.ServerDeadException;
import io.zerobuffer.api.WriterAlreadyConnectedException;
import io.zerobuffer.api.WriterOptions;
import io.zerobuffer.testsupport.Await;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import io.zerobuffer.testsupport.Peer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Duplex channels (docs/PROTOCOL.md §6): request/response over two real buffers, in this JVM and across JVMs. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DuplexTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final DuplexHandler ECHO = (request, response) -> response.write(request.data());

    private LinuxZeroBufferFactory factory;
    private String channel;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        channel = BufferNames.unique("dpx");
    }

    @AfterEach
    void tearDown() {
        factory.close();
        Leftovers.assertNone(channel + "_request");
        Leftovers.assertNone(channel + "_response");
    }

    private DuplexServer server(long ring) {
        return factory.createDuplexServer(channel, BufferConfig.of(1024, ring));
    }

    private DuplexClient client(long ring) {
        return factory.createDuplexClient(channel, BufferConfig.of(1024, ring));
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.await(condition, Duration.ofSeconds(20), what);
    }

    private static String text(Frame frame) {
        ByteBuffer data = frame.data();
        byte[] bytes = new byte[data.remaining()];
        data.get(0, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aResponseCarriesItsRequestsSequenceAndTheMetadataReachesOnInitOnce() throws Exception {
        AtomicReference<String> metadata = new AtomicReference<>();
        CountDownLatch inits = new CountDownLatch(2);
        try (DuplexServer server = server(1 << 16)) {
            server.start(new DuplexHandler() {
                @Override
                public void handle(Frame request, io.zerobuffer.api.Writer response) {
                    ByteBuffer out = response.acquire(request.size() + 1);
                    out.put(request.data()).put((byte) '!');
                    response.commit();
                }

                @Override
                public void onInit(ByteBuffer meta) {
                    byte[] b = new byte[meta.remaining()];
                    meta.get(b);
                    metadata.set(new String(b, StandardCharsets.UTF_8));
                    inits.countDown();
                }
            });
            try (DuplexClient client = client(1 << 16)) {
                client.writeMetadata(bytes("client=test"));
                for (int i = 1; i <= 3; i++) {
                    ByteBuffer request = client.acquire(5);
                    request.put(bytes("req-" + i));
                    assertEquals(i, client.commit());
                }
                for (int i = 1; i <= 3; i++) {
                    try (Frame response = client.receive(WAIT)) {
                        assertNotNull(response, "response " + i);
                        assertEquals(i, response.sequence());
                        assertEquals("req-" + i + "!", text(response));
                    }
                }
                try (Frame response = client.call(bytes("x"), WAIT)) {
                    assertEquals(4, response.sequence());
                    assertEquals("x!", text(response));
                }
            }
            assertEquals("client=test", metadata.get());
            assertEquals(1, inits.getCount(), "onInit is called once per client");
            await(() -> server.responses() == 4, "every response is counted");
            assertEquals(4, server.requests());
            assertEquals(0, server.handlerErrors());
        }
    }

    @Test
    void aHundredThousandRequestsOfRandomSizesCrossTwoJvmsInOrderAndIntact() throws Exception {
        int ring = 1 << 20;
        try (Peer peer = Peer.start(DuplexPeer.class, "server", channel, Integer.toString(ring), "xor")) {
            peer.awaitLine("READY");
            try (DuplexClient client = factory.createDuplexClient(channel, BufferConfig.of(1024, ring),
                    WriterOptions.defaults().withAttachTimeout(WAIT), ReaderOptions.defaults())) {
                Random random = new Random(42);
                byte[] request = new byte[64 * 1024];
                for (int i = 1; i <= 100_000; i++) {
                    int size = 1 + random.nextInt(i % 100 == 0 ? request.length : 512);
                    random.nextBytes(request);
                    long sequence = client.send(ByteBuffer.wrap(request, 0, size));
                    assertEquals(i, sequence);
                    try (Frame response = client.receive(WAIT)) {
                        assertNotNull(response, "response to request " + i);
                        assertEquals(sequence, response.sequence(), "response sequence");
                        assertEquals(size, response.size(), "response size of request " + i);
                        ByteBuffer data = response.data();
                        for (int j = 0; j < size; j++) {
                            if (data.get(j) != (byte) (request[j] ^ 0x5A)) {
                                throw new AssertionError("request " + i + " byte " + j + ": got " + data.get(j));
                            }
                        }
                    }
                }
                assertEquals(100_000, client.responsesReceived());
            }
            peer.process().getOutputStream().close();
            assertEquals("STOPPED requests=100000 responses=100000", peer.awaitLine("STOPPED"));
            assertEquals(0, peer.awaitExit());
        }
    }

    @Test
    void aServerKilledWhileTheClientWaitsIsReportedAsServerDeadWithinOneSecond() throws Exception {
        try (Peer peer = Peer.start(DuplexPeer.class, "server", channel, Integer.toString(1 << 16), "silent")) {
            peer.awaitLine("READY");
            try (DuplexClient client = factory.createDuplexClient(channel, BufferConfig.of(1024, 1 << 16),
                    WriterOptions.defaults().withAttachTimeout(WAIT), ReaderOptions.defaults())) {
                client.send(bytes("never answered"));
                CompletableFuture<Long> failedAfter = new CompletableFuture<>();
                long[] killedAt = new long[1];
                Thread waiter = new Thread(() -> {
                    try {
                        Frame frame = client.receive(Duration.ofSeconds(60));
                        failedAfter.completeExceptionally(new AssertionError("received " + frame));
                    } catch (Throwable e) {
                        failedAfter.complete(System.nanoTime());
                        if (!(e instanceof ServerDeadException)) {
                            failedAfter.obtrudeException(e);
                        }
                    }
                });
                waiter.start();
                Await.awaitInside(waiter, WAIT, "LinuxDuplexClient.receive", "sem_timedwait");
                killedAt[0] = System.nanoTime();
                peer.kill9();
                long millis = TimeUnit.NANOSECONDS.toMillis(failedAfter.get(30, TimeUnit.SECONDS) - killedAt[0]);
                assertTrue(millis < 1000, "ServerDeadException came " + millis + " ms after kill -9");
                // room in the ring, but the request buffer's reader is gone: refused at once
                assertThrows(ServerDeadException.class, () -> client.send(bytes("again")));
                assertThrows(ServerDeadException.class, () -> client.receive(Duration.ofSeconds(5)));
            }
        } finally {
            StaleSweep.sweepAll();
        }
    }

    @Test
    void aClientKilledMidRequestLeavesTheServerServingTheNextClient() throws Exception {
        try (DuplexServer server = server(1 << 16)) {
            server.start(ECHO);
            try (Peer peer = Peer.start(DuplexPeer.class, "client-hold", channel, "1000")) {
                peer.awaitLine("READY");
                await(server::isClientConnected, "the peer client is served");
                peer.kill9();
            }
            await(() -> !server.isClientConnected(), "the server notices the client died");
            try (DuplexClient client = factory.createDuplexClient(channel, BufferConfig.of(1024, 1 << 16),
                    WriterOptions.defaults().withAttachTimeout(WAIT), ReaderOptions.defaults());
                    Frame response = client.call(bytes("after the crash"), WAIT)) {
                assertNotNull(response);
                assertEquals(1, response.sequence());
                assertEquals("after the crash", text(response));
            }
            assertTrue(server.isRunning());
            assertEquals(2, server.clients());
            assertEquals(1, server.requests(), "the dead client's half-written request never reached the handler");
        } finally {
            StaleSweep.sweepAll();
        }
    }

    @Test
    void threeClientsOneAfterAnotherAreServedByOneServer() throws Exception {
        try (DuplexServer server = server(1 << 16)) {
            server.start(ECHO);
            for (int c = 1; c <= 3; c++) {
                try (DuplexClient client = client(1 << 16)) {
                    for (int i = 1; i <= 10; i++) {
                        try (Frame response = client.call(bytes("client " + c + " request " + i), WAIT)) {
                            assertNotNull(response);
                            assertEquals(i, response.sequence());
                            assertEquals("client " + c + " request " + i, text(response));
                        }
                    }
                }
                int served = c;
                await(() -> server.clients() == served && !server.isClientConnected(), "client " + c + " is done");
            }
            assertEquals(3, server.clients());
            await(() -> server.responses() == 30, "every response is counted");
        }
    }

    @Test
    void aSecondClientIsRefusedAtOnce() throws Exception {
        try (DuplexServer server = server(1 << 16)) {
            server.start(ECHO);
            try (DuplexClient first = client(1 << 16)) {
                long start = System.nanoTime();
                assertThrows(WriterAlreadyConnectedException.class, () -> client(1 << 16));
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "refused at once");
                try (Frame response = first.call(bytes("still served"), WAIT)) {
                    assertEquals("still served", text(response));
                }
            }
        }
    }

    @Test
    void aHandlerThatThrowsIsCountedItsRequestGetsNoResponseAndANewClientIsServed() throws Exception {
        try (DuplexServer server = server(1 << 16)) {
            server.start((request, response) -> {
                if (text(request).equals("fail")) {
                    throw new IllegalStateException("handler failure on purpose");
                }
                response.write(request.data());
            });
            try (DuplexClient client = client(1 << 16)) {
                try (Frame ok = client.call(bytes("ok"), WAIT)) {
                    assertEquals("ok", text(ok));
                }
                assertNull(client.call(bytes("fail"), Duration.ofMillis(500)), "no response to a failed request");
                await(() -> server.handlerErrors() == 1, "the failure is counted");
                assertThrows(SequenceErrorException.class, () -> client.call(bytes("out of step"), WAIT));
            }
            try (DuplexClient again = client(1 << 16); Frame response = again.call(bytes("resynchronised"), WAIT)) {
                assertEquals(1, response.sequence());
                assertEquals("resynchronised", text(response));
            }
            await(() -> server.responses() == 3, "the last response is counted");
            assertEquals(1, server.handlerErrors());
            assertEquals(4, server.requests());
        }
    }

    @Test
    void aHandlerWritingNoResponseOrTwoIsANamedErrorAndCounted() throws Exception {
        AtomicReference<Throwable> secondWrite = new AtomicReference<>();
        try (DuplexServer server = server(1 << 16)) {
            server.start((request, response) -> {
                String text = text(request);
                if (text.equals("none")) {
                    return;
                }
                response.write(request.data());
                if (text.equals("two")) {
                    try {
                        response.write(bytes("second"));
                    } catch (RuntimeException e) {
                        secondWrite.set(e);
                        throw e;
                    }
                }
            });
            try (DuplexClient client = client(1 << 16)) {
                try (Frame response = client.call(bytes("two"), WAIT)) {
                    assertEquals("two", text(response));
                }
                assertNull(client.receive(Duration.ofMillis(300)), "the second response never reaches the client");
                assertInstanceOf(DuplexResponseException.class, secondWrite.get());
                assertNull(client.call(bytes("none"), Duration.ofMillis(300)));
                await(() -> server.handlerErrors() == 2, "both are counted");
            }
            assertEquals(1, server.responses());
        }
    }

    @Test
    void aResponseLargerThanTheResponseRingIsANamedErrorAndCounted() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (DuplexServer server = server(1 << 16)) {
            server.start((request, response) -> {
                try {
                    response.acquire(request.data().getInt(0));
                } catch (RuntimeException e) {
                    failure.set(e);
                    throw e;
                }
                response.commit();
            });
            try (DuplexClient client = client(4096)) {
                assertNull(client.call(ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, 8192), Duration.ofMillis(500)));
                await(() -> server.handlerErrors() == 1, "the failure is counted");
                assertInstanceOf(FrameTooLargeException.class, failure.get());
                assertTrue(failure.get().getMessage().contains(channel + "_response"), failure.get().getMessage());
            }
            assertTrue(server.isRunning());
        }
    }

    @Test
    void aServerStartedLongBeforeAnyClientServesIt() throws Exception {
        try (DuplexServer server = server(1 << 16)) {
            server.start(ECHO);
            Thread.sleep(6_000); // longer than the 5 s after which the C++ server gives up
            assertTrue(server.isRunning());
            try (DuplexClient client = client(1 << 16); Frame response = client.call(bytes("late"), WAIT)) {
                assertEquals("late", text(response));
            }
        }
    }

    @Test
    void stopWhileARequestIsHandledFinishesItsResponseThenTheClientSeesServerDead() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        try (DuplexServer server = server(1 << 16)) {
            server.start((request, response) -> {
                handling.countDown();
                Thread.sleep(1_000);
                response.write(request.data());
            });
            try (DuplexClient client = client(1 << 16)) {
                client.send(bytes("slow"));
                assertTrue(handling.await(10, TimeUnit.SECONDS));
                long start = System.nanoTime();
                server.stop();
                assertTrue(System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(500), "stop waits for the handler");
                assertFalse(server.isRunning());
                Leftovers.assertNone(channel + "_request");
                try (Frame response = client.receive(WAIT)) {
                    assertNotNull(response, "the response being written when stop() was called");
                    assertEquals("slow", text(response));
                }
                assertThrows(ServerDeadException.class, () -> client.receive(WAIT));
                assertThrows(ServerDeadException.class, () -> client.send(bytes("after stop")));
                assertThrows(ServerDeadException.class, () -> client.receive(WAIT));
            }
            assertEquals(1, server.responses(), "stop() returned after the response was counted");
        }
    }

    @Test
    void anExecutorRunsTheHandlerAndResponsesStayInOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (DuplexServer server = server(1 << 16)) {
            server.start(ECHO, pool);
            try (DuplexClient client = client(1 << 16)) {
                for (int i = 1; i <= 50; i++) {
                    client.send(bytes("r" + i));
                }
                for (int i = 1; i <= 50; i++) {
                    try (Frame response = client.receive(WAIT)) {
                        assertEquals(i, response.sequence());
                        assertEquals("r" + i, text(response));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPlainReaderAndWriterPairInThePythonPeersOrderIsServedAsAClient() throws Exception {
        try (DuplexServer server = server(1 << 16)) {
            server.start(ECHO);
            // the Python peer creates its response buffer first, then attaches to the request buffer
            try (io.zerobuffer.api.Reader responses = factory.createReader(channel + "_response", BufferConfig.of(0, 1 << 16));
                    io.zerobuffer.api.Writer requests = factory.attachWriter(channel + "_request")) {
                for (int i = 1; i <= 5; i++) {
                    requests.write(bytes("plain " + i));
                    try (Frame response = responses.read(WAIT)) {
                        assertNotNull(response, "response " + i);
                        assertEquals(i, response.sequence());
                        assertEquals("plain " + i, text(response));
                    }
                }
            }
            await(() -> !server.isClientConnected(), "the plain client is gone");
            try (DuplexClient next = client(1 << 16); Frame response = next.call(bytes("next"), WAIT)) {
                assertEquals(1, response.sequence());
            }
            assertEquals(2, server.clients());
        }
    }

    @Test
    void aClientWithoutServerIsRefusedAndAServerOnATakenChannelToo() throws Exception {
        assertThrows(io.zerobuffer.api.BufferNotFoundException.class, () -> factory.createDuplexClient(channel,
                BufferConfig.of(1024, 4096), WriterOptions.defaults(), ReaderOptions.defaults()));
        try (DuplexServer server = server(4096)) {
            server.start(ECHO);
            assertThrows(IllegalStateException.class, () -> server.start(ECHO));
        }
        assertThrows(IllegalArgumentException.class, () -> factory.createDuplexServer("a/b", BufferConfig.of(0, 4096)));
    }
}
