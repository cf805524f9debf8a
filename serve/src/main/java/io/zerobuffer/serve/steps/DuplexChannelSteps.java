package io.zerobuffer.serve.steps;

import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.WriterDeadException;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.serve.duplex.ChannelClient;
import io.zerobuffer.serve.duplex.ChannelServer;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Feature 13, the duplex channel: a server answering each request with one response over two
 * buffers, and a client. The channel is made here of two ordinary buffers as PROTOCOL.md §6
 * describes, so a Java role meets a C++ or Python one.
 */
public final class DuplexChannelSteps {
    /** Sizes when a scenario says "default config": the peers' 4 KiB metadata and 1 MiB ring. */
    public static final BufferConfig DEFAULT_CONFIG = BufferConfig.of(4096, 1 << 20);
    /** Request size when a step names none. */
    public static final int DEFAULT_REQUEST_SIZE = 1024;

    private final World world;
    private ChannelServer server;
    private ChannelClient client;
    private String channel;
    private final List<byte[]> sent = new ArrayList<>();
    private final List<byte[]> received = new ArrayList<>();
    private long firstSend;
    private long totalMs = -1;
    private ByteBuffer zeroCopy;
    private Object waitOutcome;
    private Background extraWrite;
    private Throwable receiveError;

    /** @param world the scenario state */
    public DuplexChannelSteps(World world) {
        this.world = world;
        world.onReset(() -> {
            if (client != null) {
                World.closeQuietly(client);
            }
            if (server != null) {
                World.closeQuietly(server);
            }
        });
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

    private void createServer(String name, BufferConfig config) {
        if (server != null) {
            server.close();
        }
        channel = name;
        server = new ChannelServer(world.engine(), world.name(name), config);
        world.context().put("channel", name);
    }

    private ChannelServer server() {
        StepFailure.expect(server != null, "expected this process to have created a duplex channel server, it has none");
        return server;
    }

    /** @param process the role */
    @Given("the '{word}' process starts echo handler")
    public void echo(String process) {
        server().start(DuplexChannelSteps::copy, 0);
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
        server().start(DuplexChannelSteps::copy, ms);
    }

    /**
     * @param process the role
     * @param seconds processing time per request
     */
    @Given("the '{word}' process starts handler with '{int}' second processing delay")
    public void delayedSeconds(String process, int seconds) {
        server().start(DuplexChannelSteps::copy, seconds * 1000L);
    }

    /**
     * The handler takes the request, works for {@code ms}, then hangs: the process is killed in
     * the middle of processing by the step that simulates the crash.
     *
     * @param process the role
     * @param ms      time before the handler hangs
     */
    @Given("the '{word}' process starts handler that crashes after '{int}' ms")
    public void crashing(String process, int ms) {
        server().start(request -> {
            try {
                Thread.sleep(ms);
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return copy(request);
        }, 0);
    }

    /** @param process the role */
    @Given("the '{word}' process starts handler that doubles request size")
    public void doubling(String process) {
        server().start(request -> {
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
        server().start(request -> {
            byte[] b = copy(request);
            for (int i = 0; i < b.length; i++) {
                b[i] ^= (byte) k;
            }
            return b;
        }, 0);
    }

    /** @param process the role */
    @Then("the '{word}' process simulates crash during processing")
    public void simulateCrash(String process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server().received() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        StepFailure.expect(server.received() > 0, "expected the request to be in processing, none arrived");
        world.haltAfterResponse();
    }

    /**
     * @param process the role
     * @param size    bytes of one more response, written while the response ring is full
     */
    @Then("the '{word}' process attempts to send response of '{int}' bytes")
    public void extraResponse(String process, int size) throws InterruptedException {
        ChannelServer s = server();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (s.handled() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        byte[] data = Patterns.frame(size, 7);
        extraWrite = world.start("extra-response", self -> s.writeResponse(data));
        extraWrite.await(Duration.ofMillis(300));
    }

    /** @param process the role */
    @Then("the '{word}' process should block on response write")
    public void blocksOnResponse(String process) {
        StepFailure.expect(extraWrite != null, "expected a response being written, there is none");
        StepFailure.expect(!extraWrite.isDone(), "expected the response write to wait for room, it returned"
                + (extraWrite.failure() == null ? "" : " with " + World.describe(extraWrite.failure())));
    }

    /** @param process the role */
    @Then("the '{word}' process should unblock and complete write")
    public void unblocks(String process) {
        StepFailure.expect(extraWrite != null, "expected a response being written, there is none");
        StepFailure.expect(extraWrite.await(Duration.ofSeconds(8)), "expected the response write to complete once the "
                + "client read, it is still waiting");
        StepFailure.expect(extraWrite.failure() == null, "expected the response written, it failed: "
                + (extraWrite.failure() == null ? "" : World.describe(extraWrite.failure())));
    }

    /**
     * @param process the role
     * @param seconds the processing time
     */
    @Then("the '{word}' process completes processing after '{int}' seconds")
    public void completesProcessing(String process, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 5L).toNanos();
        while (server().handled() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        StepFailure.expect(server.handled() > 0, "expected the request processed within " + (seconds + 5) + " s, it was not");
    }

    /** @param process the role */
    @Then("the '{word}' process attempts to send response")
    public void attemptsResponse(String process) {
        StepFailure.expect(server().handled() > 0, "expected the handler to have tried to respond, it has not");
    }

    /** @param process the role */
    @Then("the '{word}' process detects client death when writing")
    public void clientDeath(String process) {
        Throwable f = server().lastFailure();
        StepFailure.expect(f instanceof ReaderDeadException, "expected the response write to find the client dead "
                + "(ReaderDeadException), saw " + (f == null ? "a written response" : World.describe(f)));
    }

    /** A new client in this process gets its answer from the same server. */
    @Then("the '{word}' process continues processing other requests")
    public void continues(String process) {
        StepFailure.expect(server().isRunning(), "expected the handler still running, it stopped"
                + (server.fatal() == null ? "" : ": " + World.describe(server.fatal())));
        try (ChannelClient c = new ChannelClient(world.engine(), world.name(channel))) {
            byte[] request = Patterns.frame(100, 3);
            c.send(request);
            byte[] response = c.receive(Duration.ofSeconds(10));
            StepFailure.expect(Arrays.equals(request, response), "expected the echo of a new client's request, saw "
                    + (response == null ? "nothing" : response.length + " other bytes"));
        }
    }

    /** @param process the role; the server's handler stops, its request buffer is removed */
    @Then("the '{word}' process disposes server while '{int}' responses pending")
    public void dispose(String process, int pending) {
        server().close();
        server = null;
    }

    /** Checks that the same name serves again. */
    @Then("the new server should reuse same channel name successfully")
    public void reused() {
        ChannelServer s = server();
        StepFailure.expectEqual("channel name", world.name(channel), s.name());
        s.start(DuplexChannelSteps::copy, 0);
        continuesWith(s);
    }

    private void continuesWith(ChannelServer s) {
        try (ChannelClient c = new ChannelClient(world.engine(), s.name())) {
            byte[] request = Patterns.frame(64, 9);
            c.send(request);
            StepFailure.expect(Arrays.equals(request, c.receive(Duration.ofSeconds(10))), "expected the echo through the new server");
        }
    }

    // ---- client ---------------------------------------------------------------------------------

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
        client = new ChannelClient(world.engine(), world.name(name));
        sent.clear();
        received.clear();
    }

    private ChannelClient client() {
        StepFailure.expect(client != null, "expected this process to have created a duplex channel client, it has none");
        return client;
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
        byte[] r = client().receive(Duration.ofSeconds(10));
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
        byte[] extra = client().receive(Duration.ofMillis(300));
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
            byte[] r = client().receive(Duration.ofSeconds(seconds));
            waitOutcome = r == null ? "timeout" : "response of " + r.length + " bytes";
        } catch (RuntimeException e) {
            waitOutcome = e;
        }
        world.log(2, "waiting for the response ended with " + waitOutcome);
    }

    /** @param process the role */
    @Then("the '{word}' process should detect server death")
    public void serverDeath(String process) {
        boolean serverGone = !client().requests().isReaderConnected();
        StepFailure.expect(waitOutcome instanceof WriterDeadException || serverGone, "expected the server's death seen "
                + "(WriterDeadException on the responses, or no live request reader), saw " + waitOutcome);
    }

    /** Checks that the wait ended with a named exception. */
    @Then("an appropriate exception should be thrown")
    public void appropriate() {
        StepFailure.expect(waitOutcome instanceof WriterDeadException, "expected WriterDeadException, saw " + waitOutcome);
    }

    /** @param process the role */
    @When("the '{word}' process does not read responses")
    public void notReading(String process) {
        world.log(2, "responses left unread");
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
        zeroCopy = client().requests().acquire(size);
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
        client().requests().commit();
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
        var w = client().requests();
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
            StepFailure.expect(client.receive(Duration.ofSeconds(10)) != null, "expected echo " + (i + 1) + " of " + (warm + measured));
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
        try (Mapped m = Mapped.open(ChannelServer.requestName(world.name(channel)))) {
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
                byte[] r = client().receive(Duration.ofSeconds(2));
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
        StepFailure.expect(receiveError instanceof WriterDeadException, "expected the responses to end with "
                + "WriterDeadException (the server left), saw " + (receiveError == null ? "no exception" : World.describe(receiveError)));
    }

    /** The client closes its side too: nothing of the channel is left. */
    @Then("all shared memory should be cleaned up")
    public void cleaned() {
        client().close();
        client = null;
        String name = world.name(channel);
        for (String b : List.of(ChannelServer.requestName(name), ChannelServer.responseName(name))) {
            StepFailure.expect(!Files.exists(Path.of("/dev/shm", b)), "expected /dev/shm/" + b + " removed, it is there");
        }
    }
}
