package io.zerobuffer.serve.steps;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.DuplexClient;
import io.zerobuffer.api.DuplexHandler;
import io.zerobuffer.api.DuplexServer;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.api.ReaderOptions;
import io.zerobuffer.api.ServerDeadException;
import io.zerobuffer.api.WriterOptions;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Feature 13, the duplex channel: a server answering each request with one response over two
 * buffers, and a client. Both are the engine's {@link DuplexServer} and {@link DuplexClient}
 * (PROTOCOL.md §6), so a Java role meets a C++ or Python one.
 */
public final class DuplexChannelSteps {
    /** Sizes when a scenario says "default config": the peers' 4 KiB metadata and 1 MiB ring. */
    public static final BufferConfig DEFAULT_CONFIG = BufferConfig.of(4096, 1 << 20);
    /** Request size when a step names none. */
    public static final int DEFAULT_REQUEST_SIZE = 1024;
    /** How long a response waits for room in the client's response ring. */
    public static final Duration RESPONSE_WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final World world;
    private DuplexServer server;
    private DuplexClient client;
    private String channel;
    private final List<byte[]> sent = new ArrayList<>();
    private final List<byte[]> received = new ArrayList<>();
    private long firstSend;
    private long totalMs = -1;
    private ByteBuffer zeroCopy;
    private Object waitOutcome;
    private Throwable receiveError;
    /** Handler calls finished (answered, or failed to answer), for the server-side steps. */
    private final AtomicLong handled = new AtomicLong();
    /** Why the last response could not be written, or {@code null} if it was. */
    private volatile Throwable lastFailure;
    /** Set on reset, so that a handler told to hang lets the server stop. */
    private volatile boolean stopping;
    private volatile int lastResponseSize;

    /** @param world the scenario state */
    public DuplexChannelSteps(World world) {
        this.world = world;
        world.onReset(() -> {
            stopping = true;
            if (client != null) {
                World.closeQuietly(client);
            }
            if (server != null) {
                World.closeQuietly(server);
            }
        });
    }

    static String requestName(String channel) {
        return channel + "_request";
    }

    static String responseName(String channel) {
        return channel + "_response";
    }

    // ---- server ---------------------------------------------------------------------------------

    /**
     * @param process  the role
     * @param name     the channel name
     * @param metadata metadata bytes
     * @param payload  ring bytes
     */
    @Given("the '{word}' process creates immutable duplex channel '{string}' with metadata size '{long}' and payload size '{long}'")
    public void createSized(String process, String name, long metadata, long payload) {
        createServer(name, BufferConfig.of(metadata, payload));
    }

    /**
     * @param process the role
     * @param name    the channel name
     */
    @Given("the '{word}' process creates immutable duplex channel '{string}' with default config")
    public void createDefault(String process, String name) {
        createServer(name, DEFAULT_CONFIG);
    }

    /**
     * @param process the role
     * @param name    the channel name
     * @param mode    SingleThread (the one mode of an immutable server)
     */
    @Given("the '{word}' process creates immutable duplex channel '{string}' with processing mode '{string}'")
    public void createWithMode(String process, String name, String mode) {
        StepFailure.expect(mode.equals("SingleThread"), "expected processing mode SingleThread (one handler thread, "
                + "responses in request order), saw '" + mode + "'");
        createServer(name, DEFAULT_CONFIG);
    }

    /**
     * A server created in the client's process, after the first server was disposed.
     *
     * @param process the role named
     * @param name    the channel name
     */
    @When("a new '{word}' process creates immutable duplex channel '{string}'")
    public void newServer(String process, String name) {
        createServer(name, DEFAULT_CONFIG);
    }

    /** The server is created here; its request buffer exists once a handler starts it. */
    private void createServer(String name, BufferConfig config) {
        if (server != null) {
            server.close();
        }
        channel = name;
        stopping = false;
        handled.set(0);
        lastFailure = null;
        server = world.engine().createDuplexServer(world.name(name), config, ReaderOptions.defaults(),
                WriterOptions.defaults().withWriteTimeout(RESPONSE_WRITE_TIMEOUT));
        world.context().put("channel", name);
    }

    private DuplexServer server() {
        StepFailure.expect(server != null, "expected this process to have created a duplex channel server, it has none");
        return server;
    }

    private void start(Function<ByteBuffer, byte[]> compute, long processingMs) {
        server().start(handler(compute, processingMs));
    }

    /**
     * @param compute      the response to a request (a read-only view, valid during the call)
     * @param processingMs time each request takes before its response is written
     * @return a handler that writes that response, having checked that the client still reads
     */
    private DuplexHandler handler(Function<ByteBuffer, byte[]> compute, long processingMs) {
        return (request, response) -> {
            try {
                byte[] answer = compute.apply(request.data());
                if (processingMs > 0) {
                    Thread.sleep(processingMs);
                }
                if (!response.isReaderConnected()) {
                    throw new ReaderDeadException(response.name(), "the client's response reader is gone");
                }
                lastResponseSize = answer.length;
                response.write(answer);
                lastFailure = null;
            } catch (ReaderDeadException clientGone) {
                lastFailure = clientGone;
                throw clientGone;
            } finally {
                handled.incrementAndGet();
            }
        };
    }

    /** @param process the role */
    @Given("the '{word}' process starts echo handler")
    public void echo(String process) {
        start(DuplexChannelSteps::copy, 0);
    }

    static byte[] copy(ByteBuffer request) {
        byte[] b = new byte[request.remaining()];
        request.get(0, b);
        return b;
    }

    /**
     * @param process the role
     * @param ms      processing time per request
     */
    @Given("the '{word}' process starts handler with '{int}' ms processing time")
    public void delayed(String process, int ms) {
        start(DuplexChannelSteps::copy, ms);
    }

    /**
     * @param process the role
     * @param seconds processing time per request
     */
    @Given("the '{word}' process starts handler with '{int}' second processing delay")
    public void delayedSeconds(String process, int seconds) {
        start(DuplexChannelSteps::copy, seconds * 1000L);
    }

    /**
     * The handler takes the request, works for {@code ms}, then hangs: the process is killed in
     * the middle of processing by the step that simulates the crash. (A scenario that ends
     * otherwise lets the handler return, without a response, so that the server stops.)
     *
     * @param process the role
     * @param ms      time before the handler hangs
     */
    @Given("the '{word}' process starts handler that crashes after '{int}' ms")
    public void crashing(String process, int ms) {
        server().start((request, response) -> {
            try {
                Thread.sleep(ms);
                while (!stopping) {
                    Thread.sleep(50);
                }
            } finally {
                handled.incrementAndGet();
            }
        });
    }

    /** @param process the role */
    @Given("the '{word}' process starts handler that doubles request size")
    public void doubling(String process) {
        start(request -> {
            byte[] once = copy(request);
            byte[] twice = Arrays.copyOf(once, once.length * 2);
            System.arraycopy(once, 0, twice, once.length, once.length);
            return twice;
        }, 0);
    }

    /**
     * @param process the role
     * @param key     the XOR key, e.g. 0xFF
     */
    @Given("the '{word}' process starts handler that implements XOR with key '{string}'")
    public void xor(String process, String key) {
        int k = Integer.decode(key);
        world.context().put("xorKey", String.valueOf(k));
        start(request -> {
            byte[] b = copy(request);
            for (int i = 0; i < b.length; i++) {
                b[i] ^= (byte) k;
            }
            return b;
        }, 0);
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** @param process the role */
    @Then("the '{word}' process simulates crash during processing")
    public void simulateCrash(String process) throws InterruptedException {
        DuplexServer s = server();
        await(() -> s.requests() > 0, Duration.ofSeconds(5));
        StepFailure.expect(s.requests() > 0, "expected the request to be in processing, none arrived");
        world.haltAfterResponse();
    }

    /**
     * A response of {@code size} bytes while the client's response ring holds an unread one:
     * the handler's answer to the request the client sent after it stopped reading (a duplex
     * server writes exactly one response per request, none outside its handler).
     *
     * @param process the role
     * @param size    bytes of that response
     */
    @Then("the '{word}' process attempts to send response of '{int}' bytes")
    public void extraResponse(String process, int size) throws InterruptedException {
        DuplexServer s = server();
        await(() -> s.requests() >= 2, Duration.ofSeconds(5));
        StepFailure.expect(s.requests() >= 2, "expected a second request in handling, the server took " + s.requests());
        StepFailure.expectEqual("response size", size, lastResponseSize);
        Thread.sleep(300);
    }

    /** @param process the role */
    @Then("the '{word}' process should block on response write")
    public void blocksOnResponse(String process) {
        DuplexServer s = server();
        StepFailure.expect(s.responses() == 1 && handled.get() == 1, "expected the second response to wait for room, "
                + "the server committed " + s.responses() + " responses and finished " + handled.get() + " handler calls"
                + (lastFailure == null ? "" : ", last failure " + World.describe(lastFailure)));
    }

    /** @param process the role */
    @Then("the '{word}' process should unblock and complete write")
    public void unblocks(String process) throws InterruptedException {
        DuplexServer s = server();
        await(() -> s.responses() >= 2, Duration.ofSeconds(8));
        StepFailure.expect(s.responses() >= 2, "expected the response write to complete once the client read, "
                + "the server committed " + s.responses() + " responses"
                + (lastFailure == null ? "" : ", last failure " + World.describe(lastFailure)));
    }

    /**
     * @param process the role
     * @param seconds the processing time
     */
    @Then("the '{word}' process completes processing after '{int}' seconds")
    public void completesProcessing(String process, int seconds) throws InterruptedException {
        server();
        await(() -> handled.get() > 0, Duration.ofSeconds(seconds + 5L));
        StepFailure.expect(handled.get() > 0, "expected the request processed within " + (seconds + 5) + " s, it was not");
    }

    /** @param process the role */
    @Then("the '{word}' process attempts to send response")
    public void attemptsResponse(String process) {
        server();
        StepFailure.expect(handled.get() > 0, "expected the handler to have tried to respond, it has not");
    }

    /** @param process the role */
    @Then("the '{word}' process detects client death when writing")
    public void clientDeath(String process) {
        server();
        Throwable f = lastFailure;
        StepFailure.expect(f instanceof ReaderDeadException, "expected the response write to find the client dead "
                + "(ReaderDeadException), saw " + (f == null ? "a written response" : World.describe(f)));
    }

    /** A new client in this process gets its answer from the same server. */
    @Then("the '{word}' process continues processing other requests")
    public void continues(String process) {
        StepFailure.expect(server().isRunning(), "expected the server still running, it stopped");
        echoThrough(server);
    }

    /** @param process the role; the server stops, its request buffer is removed */
    @Then("the '{word}' process disposes server while '{int}' responses pending")
    public void dispose(String process, int pending) {
        server().close();
        server = null;
    }

    /** Checks that the same name serves again. */
    @Then("the new server should reuse same channel name successfully")
    public void reused() {
        DuplexServer s = server();
        StepFailure.expectEqual("channel name", world.name(channel), s.channel());
        start(DuplexChannelSteps::copy, 0);
        echoThrough(s);
    }

    private void echoThrough(DuplexServer s) {
        try (DuplexClient c = connect(s.channel())) {
            byte[] request = Patterns.frame(100, 9);
            c.send(request);
            try (Frame f = c.receive(Duration.ofSeconds(10))) {
                byte[] response = f == null ? null : copy(f.data());
                StepFailure.expect(Arrays.equals(request, response), "expected the echo of a new client's request, saw "
                        + (response == null ? "nothing" : response.length + " other bytes"));
            }
        }
    }

    // ---- client ---------------------------------------------------------------------------------

    /**
     * Connects a client whose response buffer has the sizes of the server's request buffer
     * (the default sizes if the request buffer cannot be read yet).
     */
    private DuplexClient connect(String fullName) {
        BufferConfig config = DEFAULT_CONFIG;
        if (Files.exists(Path.of("/dev/shm", requestName(fullName)))) {
            try (Mapped m = Mapped.open(requestName(fullName))) {
                config = BufferConfig.of(m.oieb.metadataSize(), m.oieb.payloadSize());
            } catch (RuntimeException unreadable) {
                config = DEFAULT_CONFIG;
            }
        }
        return world.engine().createDuplexClient(fullName, config,
                WriterOptions.defaults().withAttachTimeout(Duration.ofSeconds(5)).withWriteTimeout(Duration.ofSeconds(5)),
                ReaderOptions.defaults());
    }

    /**
     * @param process the role
     * @param name    the channel name
     */
    @When("the '{word}' process creates duplex channel client '{string}'")
    public void createClient(String process, String name) {
        if (client != null) {
            client.close();
        }
        channel = name;
        client = connect(world.name(name));
        sent.clear();
        received.clear();
    }

    private DuplexClient client() {
        StepFailure.expect(client != null, "expected this process to have created a duplex channel client, it has none");
        return client;
    }

    /**
     * @param timeout how long to wait
     * @return a copy of the next response, or {@code null} if none came in time
     */
    private byte[] receive(Duration timeout) {
        try (Frame f = client().receive(timeout)) {
            return f == null ? null : copy(f.data());
        }
    }

    private void send(int size) {
        byte[] request = Patterns.frame(size, sent.size() + 1);
        if (sent.isEmpty()) {
            firstSend = System.nanoTime();
        }
        client().send(request);
        sent.add(request);
    }

    /**
     * @param process the role
     * @param size    request bytes
     */
    @When("the '{word}' process sends request with size '{int}'")
    public void sendSized(String process, int size) {
        send(size);
    }

    /** @param size expected bytes; the response must equal the request just sent */
    @Then("response should match request with size '{int}'")
    public void matches(int size) {
        byte[] response = receiveOne();
        byte[] request = sent.get(received.size() - 1);
        StepFailure.expectEqual("request size", size, request.length);
        StepFailure.expect(Arrays.equals(request, response), "expected the response to equal the " + size
                + "-byte request, saw " + response.length + " bytes" + firstDifference(request, response));
    }

    private static String firstDifference(byte[] a, byte[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return ", first difference at byte " + i + ": expected " + (a[i] & 0xFF) + ", saw " + (b[i] & 0xFF);
            }
        }
        return "";
    }

    private byte[] receiveOne() {
        byte[] r = receive(Duration.ofSeconds(10));
        StepFailure.expect(r != null, "expected response " + (received.size() + 1) + " within 10 s, none came");
        received.add(r);
        return r;
    }

    /**
     * @param process the role
     * @param count   requests, sent one after the other
     */
    @When("the '{word}' process sends '{int}' requests sequentially")
    public void sendSequentially(String process, int count) {
        for (int i = 0; i < count; i++) {
            send(DEFAULT_REQUEST_SIZE);
        }
    }

    /**
     * @param process the role
     * @param count   responses expected, in request order
     */
    @Then("the '{word}' process receives '{int}' responses in order")
    public void receivesInOrder(String process, int count) {
        receiveAndMatch(count);
    }

    private void receiveAndMatch(int count) {
        for (int i = 0; i < count; i++) {
            int n = received.size();
            byte[] r = receiveOne();
            StepFailure.expect(n < sent.size(), "expected no more responses than the " + sent.size() + " requests");
            StepFailure.expect(Arrays.equals(sent.get(n), r), "response " + (n + 1) + ": expected the echo of request "
                    + (n + 1) + firstDifference(sent.get(n), r));
        }
    }

    /** Checks every response against its request. */
    @Then("responses should match requests by content")
    public void matchByContent() {
        StepFailure.expect(!received.isEmpty(), "expected responses received by an earlier step, none were");
        for (int i = 0; i < received.size(); i++) {
            StepFailure.expect(Arrays.equals(sent.get(i), received.get(i)), "response " + (i + 1) + " differs from its request");
        }
    }

    /** Checks the counts and that no extra response follows. */
    @Then("no responses should be lost or duplicated")
    public void noneLost() {
        StepFailure.expectEqual("responses received", sent.size(), received.size());
        byte[] extra = receive(Duration.ofMillis(300));
        StepFailure.expect(extra == null, "expected no further response, received one of " + (extra == null ? 0 : extra.length) + " bytes");
    }

    /**
     * @param process the role
     * @param count   requests from this one thread
     */
    @When("the '{word}' process sends '{int}' requests from single thread")
    public void sendFromOneThread(String process, int count) {
        sendSequentially(process, count);
    }

    /**
     * @param process the role
     * @param count   responses
     */
    @Then("the '{word}' process receives exactly '{int}' responses")
    public void receivesExactly(String process, int count) {
        receiveAndMatch(count);
        noneLost();
    }

    /** @param count responses that must each equal their request */
    @Then("all '{int}' responses match their requests")
    public void allMatch(int count) {
        StepFailure.expectEqual("responses", count, received.size());
        matchByContent();
    }

    /** @param process the role */
    @When("the '{word}' process measures total response time")
    public void measure(String process) {
        receiveAndMatch(sent.size() - received.size());
        totalMs = (System.nanoTime() - firstSend) / 1_000_000;
        world.log(2, sent.size() + " requests answered in " + totalMs + " ms");
    }

    /** @param ms the least total time (processing is sequential) */
    @Then("total time should be at least '{int}' ms")
    public void atLeast(int ms) {
        StepFailure.expect(totalMs >= ms, "expected at least " + ms + " ms for sequential processing, saw " + totalMs + " ms");
    }

    /** Checks the order. */
    @Then("responses should arrive in order")
    public void inOrder() {
        matchByContent();
    }

    /**
     * @param process the role
     * @param size    request bytes
     */
    @When("the '{word}' process sends request of '{int}' bytes")
    public void sendOf(String process, int size) {
        send(size);
    }

    /**
     * @param process the role
     * @param seconds how long to wait
     */
    @When("the '{word}' process waits for response with timeout '{int}' seconds")
    public void waitForResponse(String process, int seconds) {
        try {
            byte[] r = receive(Duration.ofSeconds(seconds));
            waitOutcome = r == null ? "timeout" : "response of " + r.length + " bytes";
        } catch (RuntimeException e) {
            waitOutcome = e;
        }
        world.log(2, "waiting for the response ended with " + waitOutcome);
    }

    /** @param process the role */
    @Then("the '{word}' process should detect server death")
    public void serverDeath(String process) {
        boolean serverGone = !client().isServerConnected();
        StepFailure.expect(waitOutcome instanceof ServerDeadException || serverGone, "expected the server's death seen "
                + "(ServerDeadException on receive, or no live server), saw " + waitOutcome);
    }

    /** Checks that the wait ended with a named exception. */
    @Then("an appropriate exception should be thrown")
    public void appropriate() {
        StepFailure.expect(waitOutcome instanceof ServerDeadException, "expected ServerDeadException, saw " + waitOutcome);
    }

    /**
     * Leaves the responses unread and sends one more request of the last request's size: a
     * duplex server answers each request once, so its answer to this one is the response that
     * finds the response ring full.
     *
     * @param process the role
     */
    @When("the '{word}' process does not read responses")
    public void notReading(String process) {
        StepFailure.expect(!sent.isEmpty(), "expected a request sent by an earlier step, there is none");
        send(sent.get(sent.size() - 1).length);
        world.log(2, "responses left unread; one more request sent, whose response must wait for room");
    }

    /** @param process the role */
    @When("the '{word}' process reads one response")
    public void readsOne(String process) {
        receiveOne();
    }

    /**
     * @param process the role
     * @param size    request bytes, reserved in place
     */
    @When("the '{word}' process acquires zero-copy request buffer of size '{int}'")
    public void acquire(String process, int size) {
        zeroCopy = client().acquire(size);
    }

    /** @param process the role */
    @When("the '{word}' process fills buffer with test pattern")
    public void fill(String process) {
        StepFailure.expect(zeroCopy != null, "expected a request buffer acquired by an earlier step, there is none");
        Patterns.fill(zeroCopy, sent.size() + 1);
        byte[] copy = new byte[zeroCopy.limit()];
        zeroCopy.get(0, copy);
        sent.add(copy);
        firstSend = System.nanoTime();
    }

    /** @param process the role */
    @When("the '{word}' process commits request")
    public void commit(String process) {
        client().commit();
        zeroCopy = null;
    }

    /** Checks the echo of the zero-copy request. */
    @Then("response should contain same test pattern")
    public void samePattern() {
        byte[] r = receiveOne();
        Patterns.check(ByteBuffer.wrap(r), received.size(), "response");
    }

    /**
     * Measures this thread's allocation over 2,000 zero-copy sends (after 200 to warm up); the
     * echoes are read and dropped afterwards. Passes under 16 bytes a send on average: nothing
     * per frame (the writer's occasional check of its reader, at most every few tens of
     * milliseconds, may allocate a little).
     */
    @Then("no memory allocations in send path")
    public void noAllocation() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        DuplexClient w = client();
        int warm = 200;
        int measured = 2000;
        long before = 0;
        long t0 = 0;
        for (int i = 0; i < warm + measured; i++) {
            if (i == warm) {
                before = threads.getThreadAllocatedBytes(id);
                t0 = System.nanoTime();
            }
            ByteBuffer slot = w.acquire(64);
            slot.putLong(0, i);
            w.commit();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        long micros = (System.nanoTime() - t0) / 1000;
        for (int i = 0; i < warm + measured; i++) {
            StepFailure.expect(receive(Duration.ofSeconds(10)) != null, "expected echo " + (i + 1) + " of " + (warm + measured));
        }
        world.log(2, allocated + " bytes allocated by " + measured + " sends in " + micros + " us");
        StepFailure.expect(allocated < 16L * measured, "expected no allocation per send, saw " + allocated + " bytes for "
                + measured + " sends (" + micros + " us)");
    }

    /**
     * @param process the role
     * @param size    request bytes with the test pattern
     */
    @When("the '{word}' process sends '{int}' byte frame with test pattern")
    public void sendPattern(String process, int size) {
        send(size);
    }

    /** Checks every byte of the response against request XOR key. */
    @Then("response should contain XOR transformed data")
    public void xorData() {
        String key = world.context().get("xorKey");
        StepFailure.expect(key != null, "expected the server's XOR key in the context, it is not there");
        int k = Integer.parseInt(key);
        byte[] r = receiveOne();
        byte[] q = sent.get(received.size() - 1);
        StepFailure.expectEqual("response size", q.length, r.length);
        for (int i = 0; i < q.length; i++) {
            if ((byte) (q[i] ^ k) != r[i]) {
                throw new StepFailure("byte " + i + ": expected " + ((q[i] ^ k) & 0xFF) + ", saw " + (r[i] & 0xFF));
            }
        }
    }

    /** The request's bytes in the request ring are as the client wrote them: the handler did not write into its request. */
    @Then("the server handler receives immutable request frame")
    public void immutableRequest() {
        byte[] q = sent.get(sent.size() - 1);
        try (Mapped m = Mapped.open(requestName(world.name(channel)))) {
            long end = m.oieb.writePosition();
            int at = m.ringOffset() + (int) (end - q.length);
            for (int i = 0; i < q.length; i++) {
                if (m.segment.get(at + i) != q[i]) {
                    throw new StepFailure("request byte " + i + " in the ring changed: expected " + (q[i] & 0xFF) + ", saw "
                            + (m.segment.get(at + i) & 0xFF));
                }
            }
        }
    }

    /** The response is new data in the response buffer, not the request handed back. */
    @Then("the server handler returns new response data")
    public void newResponseData() {
        byte[] q = sent.get(sent.size() - 1);
        byte[] r = received.get(received.size() - 1);
        StepFailure.expect(!Arrays.equals(q, r), "expected the response to differ from the request (XOR), it is equal");
    }

    /** @param process the role */
    @When("the '{word}' process sends request")
    public void sendDefault(String process) {
        send(DEFAULT_REQUEST_SIZE);
    }

    /**
     * The process dies abruptly the given time after the request.
     *
     * @param process the role
     * @param seconds delay
     */
    @When("the '{word}' process simulates crash after '{int}' second")
    public void crashAfter(String process, int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
        world.haltAfterResponse();
    }

    /**
     * @param process the role
     * @param count   requests
     */
    @When("the '{word}' process sends '{int}' requests")
    public void sendCount(String process, int count) {
        sendSequentially(process, count);
    }

    /**
     * @param process the role
     * @param count   responses to read
     */
    @When("the '{word}' process receives '{int}' responses")
    public void receiveCount(String process, int count) {
        receiveAndMatch(count);
    }

    /**
     * Reads what the disposed server committed, then the end of the stream.
     *
     * @param process the role
     */
    @When("the '{word}' process attempts to receive pending responses")
    public void receivePending(String process) {
        receiveError = null;
        try {
            for (int i = 0; i < 100; i++) {
                byte[] r = receive(Duration.ofSeconds(2));
                if (r == null) {
                    break;
                }
                received.add(r);
            }
        } catch (RuntimeException e) {
            receiveError = e;
        }
        world.log(2, received.size() + " responses in all, then " + (receiveError == null ? "nothing" : World.describe(receiveError)));
    }

    /** @param process the role */
    @Then("the '{word}' process should receive exception on pending")
    public void exceptionOnPending(String process) {
        StepFailure.expect(receiveError instanceof ServerDeadException, "expected the responses to end with "
                + "ServerDeadException (the server left), saw " + (receiveError == null ? "no exception" : World.describe(receiveError)));
    }

    /** The client closes its side too: nothing of the channel is left. */
    @Then("all shared memory should be cleaned up")
    public void cleaned() {
        client().close();
        client = null;
        String name = world.name(channel);
        for (String b : List.of(requestName(name), responseName(name))) {
            StepFailure.expect(!Files.exists(Path.of("/dev/shm", b)), "expected /dev/shm/" + b + " removed, it is there");
        }
    }
}
