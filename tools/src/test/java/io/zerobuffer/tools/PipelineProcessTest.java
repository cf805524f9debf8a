package io.zerobuffer.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.linux.LinuxZeroBufferFactory;
import io.zerobuffer.testsupport.Await;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commands run as separate processes against each other through real shared memory:
 * writer → reader, writer → relay → relay → reader, metadata, checksums, exit codes and the
 * JSON documents. Rings are small (256 KiB) and runs short, so the suite stays quick.
 */
class PipelineProcessTest {
    private static final String RING = Integer.toString(256 * 1024);

    /**
     * Starts a reader and returns once its buffer exists, so that a writer started next never
     * spends its 5 s attach retry on a slow JVM start (the machine may be busy with other builds).
     */
    private static Cli.Running reader(String name, String... options) {
        List<String> args = new ArrayList<>(List.of("reader", name, "--buffer-size", RING, "--json-output"));
        args.addAll(List.of(options));
        return awaitBuffer(name, Cli.start(args.toArray(String[]::new)));
    }

    private static Cli.Running awaitBuffer(String name, Cli.Running creator) {
        Path shm = Path.of("/dev/shm", name);
        Await.await(() -> Files.exists(shm) || !creator.process().isAlive(), Duration.ofSeconds(30),
                "/dev/shm/" + name + " to be created by " + name + "'s reader");
        return creator;
    }

    private static Cli.Running writer(String name, String... options) {
        List<String> args = new ArrayList<>(List.of("writer", name, "--json-output"));
        args.addAll(List.of(options));
        return Cli.start(args.toArray(String[]::new));
    }

    private static Cli.Running relay(String in, String out, String... options) {
        List<String> args = new ArrayList<>(List.of("relay", in, out, "--input-buffer-size", RING, "--json-output"));
        args.addAll(List.of(options));
        return awaitBuffer(in, Cli.start(args.toArray(String[]::new)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sequential", "random", "zero", "ones"})
    void writerToReaderVerifiesEachPattern(String pattern) {
        String name = Cli.bufferName(pattern);
        Cli.Running reader = reader(name, "-n", "300", "-s", "1000", "--verify", pattern);
        Cli.Running writer = writer(name, "-n", "300", "-s", "1000", "--pattern", pattern);
        JsonNode written = writer.await().expectExit(0).json();
        JsonNode read = reader.await().expectExit(0).json();
        assertWriteDocument(written);
        assertReadDocument(read);
        assertEquals(300, written.get("frames_written").asLong());
        assertEquals(300, read.get("frames_read").asLong());
        assertEquals(0, read.get("verification_errors").asLong());
        assertEquals(0, read.get("errors").size(), read.toString());
    }

    @Test
    void aPatternMismatchFailsVerificationWithExitCode4() {
        String name = Cli.bufferName("mismatch");
        Cli.Running reader = reader(name, "-n", "50", "-s", "256", "--verify", "random");
        writer(name, "-n", "50", "-s", "256", "--pattern", "sequential").await().expectExit(0);
        JsonNode read = reader.await().expectExit(4).json();
        assertEquals(50, read.get("verification_errors").asLong());
    }

    @Test
    void aFrameSizeMismatchIsAnErrorEntryWithExitCode4() {
        String name = Cli.bufferName("size");
        Cli.Running reader = reader(name, "-n", "3", "-s", "100", "--verify", "sequential");
        writer(name, "-n", "3", "-s", "120").await().expectExit(0);
        JsonNode read = reader.await().expectExit(4).json();
        assertEquals(3, read.get("frames_read").asLong());
        assertEquals("Frame 0: Expected size 100, got 120", read.get("errors").get(0).asText());
        // the pattern itself is right, checked at the frame's own size
        assertEquals(0, read.get("verification_errors").asLong());
    }

    @Test
    void readerWithZeroFramesReadsEverythingUntilTheWriterLeaves() {
        String name = Cli.bufferName("until-gone");
        // A ring of 64 KiB holds ~60 frames: the writer blocks on it again and again.
        Cli.Running reader = awaitBuffer(name, Cli.start("reader", name, "-n", "0", "-s", "1024", "--buffer-size",
                "65536", "--verify", "sequential", "--json-output", "-v"));
        Cli.Running writer = writer(name, "-n", "5000", "-s", "1024", "-v");
        writer.await().expectExit(0);
        Cli.Result result = reader.await().expectExit(0);
        JsonNode read = result.json();
        assertEquals(5000, read.get("frames_read").asLong());
        assertEquals(0, read.get("verification_errors").asLong());
        assertTrue(result.stderr().contains("[READER] Writer left after 5000 frames"), result.stderr());
    }

    @Test
    void aWriterThatLeavesBeforeTheExpectedCountIsAReadError() {
        String name = Cli.bufferName("short");
        Cli.Running reader = reader(name, "-n", "100", "-s", "64");
        writer(name, "-n", "40", "-s", "64").await().expectExit(0);
        JsonNode read = reader.await().expectExit(2).json();
        assertEquals(40, read.get("frames_read").asLong());
        assertTrue(read.get("errors").get(0).asText().startsWith("Writer left after 40 of 100 frames"),
                read.toString());
    }

    @Test
    void aWriterOrRelayWithoutAReaderGivesUpAfterTheFiveSecondAttachRetry() {
        long start = System.nanoTime();
        String absent = Cli.bufferName("absent");
        String absentOut = Cli.bufferName("absent-out");
        Cli.Running writer = writer(absent, "-n", "1");
        Cli.Running relay = relay(Cli.bufferName("relay-in"), absentOut);
        Cli.Result writerResult = writer.await().expectExit(1);
        Cli.Result relayResult = relay.await().expectExit(2);
        JsonNode written = writerResult.json();
        JsonNode relayed = relayResult.json();
        // The diagnostic names the buffer once ("could not connect to buffer 'x': no reader ..."), not twice.
        assertEquals(1, occurrences(writerResult.stderr(), "'" + absent + "'"), writerResult.stderr());
        assertEquals(1, occurrences(relayResult.stderr(), "'" + absentOut + "'"), relayResult.stderr());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 4500, "gave up after " + millis + " ms, not after the 5 s retry");
        assertWriteDocument(written);
        assertTrue(written.get("errors").get(0).asText().startsWith("Could not connect"), written.toString());
        assertRelayDocument(relayed);
        assertEquals(0, relayed.get("frames_relayed").asLong());
        assertTrue(relayed.get("errors").get(0).asText().startsWith("Could not connect to output buffer"),
                relayed.toString());
    }

    @Test
    void twoXorRelaysRestoreTheOriginalRandomFramesAndForwardTheMetadata() {
        String in = Cli.bufferName("chain-in");
        String mid = Cli.bufferName("chain-mid");
        String out = Cli.bufferName("chain-out");
        // Started downstream first, as a script would; the attach retries cover the order anyway.
        Cli.Running reader = reader(out, "-n", "400", "-s", "2048", "--verify", "random", "--checksum");
        Cli.Running second = relay(mid, out, "--transform", "xor", "-n", "400");
        Cli.Running first = relay(in, mid, "--transform", "xor", "--xor-key", "90", "-v", "--log-interval", "100");
        JsonNode written = writer(in, "-n", "400", "-s", "2048", "--pattern", "random", "-m", "camera=3 fps=30")
                .await().expectExit(0).json();
        Cli.Result firstResult = first.await().expectExit(0);
        JsonNode relayed1 = firstResult.json();
        JsonNode relayed2 = second.await().expectExit(0).json();
        JsonNode read = reader.await().expectExit(4).json();
        // Two different keys (90, then 255) do not cancel: every frame fails random verification...
        assertEquals(400, read.get("verification_errors").asLong());
        assertEquals(400, written.get("frames_written").asLong());
        for (JsonNode relayed : List.of(relayed1, relayed2)) {
            assertRelayDocument(relayed);
            assertEquals(400, relayed.get("frames_relayed").asLong());
            assertEquals(400L * 2048, relayed.get("total_bytes").asLong());
            assertTrue(relayed.get("metadata_relayed").asBoolean());
            assertEquals(15, relayed.get("metadata_size").asLong());
        }
        assertEquals(15, read.get("metadata_size").asLong());
        assertTrue(firstResult.stderr().contains("[RELAY] Progress: 400 frames"), firstResult.stderr());
    }

    @Test
    void xorThenXorWithTheSameKeyIsTheOriginalPattern() {
        String in = Cli.bufferName("xx-in");
        String mid = Cli.bufferName("xx-mid");
        String out = Cli.bufferName("xx-out");
        Cli.Running reader = reader(out, "-n", "0", "-s", "2048", "--verify", "random", "--checksum");
        Cli.Running second = relay(mid, out, "--transform", "xor");
        Cli.Running first = relay(in, mid, "--transform", "xor");
        writer(in, "-n", "400", "-s", "2048", "--pattern", "random", "-m", "camera=3 fps=30").await().expectExit(0);
        first.await().expectExit(0);
        second.await().expectExit(0);
        JsonNode read = reader.await().expectExit(0).json();
        assertReadDocument(read);
        assertEquals(400, read.get("frames_read").asLong());
        assertEquals(0, read.get("verification_errors").asLong());
        assertEquals(15, read.get("metadata_size").asLong());
        assertEquals(100, read.get("checksums").size());
    }

    @Test
    void oneXorRelayTurnsZerosIntoOnes() {
        String in = Cli.bufferName("x-in");
        String out = Cli.bufferName("x-out");
        Cli.Running reader = reader(out, "-n", "100", "-s", "500", "--verify", "ones");
        Cli.Running relay = relay(in, out, "--transform", "xor", "-n", "100");
        writer(in, "-n", "100", "-s", "500", "--pattern", "zero").await().expectExit(0);
        relay.await().expectExit(0);
        assertEquals(0, reader.await().expectExit(0).json().get("verification_errors").asLong());
    }

    @Test
    void checksumsAreTheCliMdFormulaOfTheFirstHundredFrames() {
        String name = Cli.bufferName("checksum");
        Cli.Running reader = reader(name, "-n", "150", "-s", "300", "--checksum");
        writer(name, "-n", "150", "-s", "300").await().expectExit(0);
        JsonNode checksums = reader.await().expectExit(0).json().get("checksums");
        assertEquals(100, checksums.size());
        for (int i = 0; i < 100; i++) {
            JsonNode entry = checksums.get(i);
            assertEquals(i, entry.get("frame").asInt());
            assertEquals(referenceChecksumOfSequentialFrame(i, 300), entry.get("checksum").asText(), "frame " + i);
        }
    }

    @Test
    void randomFrameChecksumsAreThoseOfTheCppReader() {
        // Checksums of 1 KiB random frames 0, 1 and 7, computed by a C++ program built with
        // g++ 12: std::mt19937 gen(i); std::uniform_int_distribution<> dis(0, 255).
        Map<Integer, String> cpp = Map.of(0, "5b08bde2cf6583d", 1, "2b6680d286947428", 7, "1e9d3a770e67f56f");
        String name = Cli.bufferName("random-checksum");
        Cli.Running reader = reader(name, "-n", "10", "-s", "1024", "--checksum", "--verify", "random");
        writer(name, "-n", "10", "-s", "1024", "--pattern", "random").await().expectExit(0);
        JsonNode checksums = reader.await().expectExit(0).json().get("checksums");
        cpp.forEach((frame, sum) -> assertEquals(sum, checksums.get(frame).get("checksum").asText(), "frame " + frame));
    }

    @Test
    void metadataFromTheCommandLineArrivesIntact() throws Exception {
        byte[] text = "codec=h264; name=Überwachung 1 ✓".getBytes(StandardCharsets.UTF_8);
        assertEquals(text.length, readMetadataWrittenBy("-m", new String(text, StandardCharsets.UTF_8)).length);
        assertArrayEquals(text, readMetadataWrittenBy("-m", new String(text, StandardCharsets.UTF_8)));
    }

    @Test
    void metadataFromAFileArrivesIntact(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[3000];
        new Random(42).nextBytes(bytes);
        bytes[0] = 0;
        bytes[2999] = 0;
        Path file = Files.write(dir.resolve("metadata.bin"), bytes);
        assertArrayEquals(bytes, readMetadataWrittenBy("--metadata-file", file.toString()));

        // ... and the reader command reports its size
        String name = Cli.bufferName("metadata-size");
        Cli.Running reader = reader(name, "-n", "1", "-s", "10");
        writer(name, "-n", "1", "-s", "10", "--metadata-file", file.toString()).await().expectExit(0);
        assertEquals(3000, reader.await().expectExit(0).json().get("metadata_size").asLong());
    }

    @Test
    void metadataTooLargeForTheBlockIsAWriteError(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("big.bin"), new byte[5000]);
        String name = Cli.bufferName("metadata-big");
        Cli.Running reader = reader(name, "-n", "1", "-s", "10", "--timeout-ms", "500");
        JsonNode written = writer(name, "-n", "1", "-s", "10", "--metadata-file", file.toString()).await()
                .expectExit(2).json();
        assertEquals(0, written.get("frames_written").asLong());
        reader.await();
    }

    @Test
    void sigtermPrintsTheResultAndRemovesTheBuffer() throws Exception {
        String name = Cli.bufferName("sigterm");
        Cli.Running reader = reader(name, "-n", "0");
        Path shm = Path.of("/dev/shm", name);
        assertTrue(Files.exists(shm), shm + " was never created");
        reader.process().destroy(); // SIGTERM
        Cli.Result result = reader.await().expectExit(143);
        assertEquals("Interrupted after 0 frames", result.json().get("errors").get(0).asText());
        assertTrue(!Files.exists(shm), shm + " is left behind");
        assertTrue(!Files.exists(Path.of("/dev/shm", "sem.sem-w-" + name)), "data semaphore left behind");
    }

    @Test
    void ctrlCPrintsTheResultRemovesTheBufferAndExits130AsTheHelpSays() throws Exception {
        String name = Cli.bufferName("sigint");
        Cli.Running reader = reader(name, "-n", "0");
        Path shm = Path.of("/dev/shm", name);
        assertTrue(Files.exists(shm), shm + " was never created");
        reader.peer().signal("INT");
        Cli.Result result = reader.await().expectExit(130);
        assertEquals("Interrupted after 0 frames", result.json().get("errors").get(0).asText());
        assertTrue(!Files.exists(shm), shm + " is left behind");
        for (String command : new String[] {"reader", "writer", "relay"}) {
            String help = Cli.run(command, "--help").expectExit(0).stdout();
            assertTrue(help.contains("130") && help.contains("Ctrl-C"), command + " --help does not document 130:\n" + help);
        }
    }

    @Test
    void theWriterLingersAttachedUntilItsReaderHasConsumedEveryFrame() throws Exception {
        String name = Cli.bufferName("linger");
        try (LinuxZeroBufferFactory engine = new LinuxZeroBufferFactory();
                Reader reader = engine.createReader(name, BufferConfig.of(4096, 64 * 1024))) {
            Cli.Running writer = Cli.start("writer", name, "-n", "20", "-s", "100");
            Await.await(() -> reader.status().writtenCount(), n -> n >= 20, Duration.ofSeconds(30),
                    "the writer's 20 frames");
            assertEquals(20, reader.status().writtenCount());
            // Everything is written, nothing read: the writer must still be attached a second later
            // (a peer reader that stops when the writer's pid disappears would otherwise lose 20
            // frames). The second is the scenario, not a wait for something.
            Thread.sleep(1000);
            assertTrue(writer.process().isAlive(), "the writer detached before its frames were read");
            assertTrue(reader.isWriterConnected());
            for (int i = 0; i < 20; i++) {
                try (Frame frame = reader.read(Duration.ofSeconds(5))) {
                    assertTrue(frame != null, "frame " + i + " missing");
                    assertEquals(i + 1, frame.sequence());
                }
            }
            long consumed = System.nanoTime();
            writer.await(Duration.ofSeconds(10)).expectExit(0);
            long lingerAfterConsumed = (System.nanoTime() - consumed) / 1_000_000;
            assertTrue(lingerAfterConsumed < 3000, "the writer took " + lingerAfterConsumed
                    + " ms to leave after the last frame was consumed");
        }
    }

    /** Reads, with the engine in this JVM, the metadata a writer process wrote. */
    private static byte[] readMetadataWrittenBy(String... metadataOptions) {
        String name = Cli.bufferName("metadata");
        try (LinuxZeroBufferFactory engine = new LinuxZeroBufferFactory();
                Reader reader = engine.createReader(name, BufferConfig.of(4096, 64 * 1024))) {
            List<String> args = new ArrayList<>(List.of("writer", name, "-n", "2", "-s", "16"));
            args.addAll(List.of(metadataOptions));
            Cli.Running writer = Cli.start(args.toArray(String[]::new));
            for (int i = 0; i < 2; i++) {
                try (Frame frame = reader.read(Duration.ofSeconds(20))) {
                    assertTrue(frame != null, "no frame from the writer");
                }
            }
            assertTrue(reader.hasMetadata());
            ByteBuffer metadata = reader.metadata();
            byte[] bytes = new byte[metadata.remaining()];
            metadata.get(bytes);
            writer.await().expectExit(0);
            return bytes;
        }
    }

    private static String referenceChecksumOfSequentialFrame(int frame, int size) {
        BigInteger hash = BigInteger.ZERO;
        BigInteger thirtyOne = BigInteger.valueOf(31);
        for (int j = 0; j < size; j++) {
            hash = hash.multiply(thirtyOne).add(BigInteger.valueOf((frame + j) % 256));
        }
        return hash.mod(BigInteger.ONE.shiftLeft(64)).toString(16);
    }

    // ---- JSON documents: keys in the peers' order and JSON types ----

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    private static void assertKeysAndTypes(JsonNode json, Object... keysAndTypes) {
        List<String> expectedKeys = new ArrayList<>();
        for (int i = 0; i < keysAndTypes.length; i += 2) {
            String key = (String) keysAndTypes[i];
            expectedKeys.add(key);
            JsonNode value = json.get(key);
            assertTrue(value != null, "missing key " + key + " in " + json);
            Object type = keysAndTypes[i + 1];
            if (type == Long.class) {
                assertTrue(value.isIntegralNumber(), key + " is not an integer: " + value);
            } else if (type == Double.class) {
                assertTrue(value.isFloatingPointNumber(), key + " is not a floating-point number: " + value);
            } else {
                assertEquals(type, value.getNodeType(), key + " in " + json);
            }
        }
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        assertEquals(expectedKeys, keys);
    }

    static void assertWriteDocument(JsonNode json) {
        assertKeysAndTypes(json, "operation", JsonNodeType.STRING, "buffer_name", JsonNodeType.STRING,
                "frames_written", Long.class, "frames_consumed", Long.class, "frame_size", Long.class, "metadata_size", Long.class,
                "duration_seconds", Double.class, "throughput_mbps", Double.class, "errors", JsonNodeType.ARRAY);
        assertEquals("write", json.get("operation").asText());
    }

    static void assertReadDocument(JsonNode json) {
        assertKeysAndTypes(json, "operation", JsonNodeType.STRING, "buffer_name", JsonNodeType.STRING,
                "frames_read", Long.class, "frame_size", Long.class, "metadata_size", Long.class,
                "duration_seconds", Double.class, "throughput_mbps", Double.class,
                "verification_errors", Long.class, "checksums", JsonNodeType.ARRAY, "errors", JsonNodeType.ARRAY);
        assertEquals("read", json.get("operation").asText());
        for (JsonNode entry : json.get("checksums")) {
            assertKeysAndTypes(entry, "frame", Long.class, "checksum", JsonNodeType.STRING);
        }
    }

    static void assertRelayDocument(JsonNode json) {
        assertKeysAndTypes(json, "operation", JsonNodeType.STRING, "input_buffer", JsonNodeType.STRING,
                "output_buffer", JsonNodeType.STRING, "frames_relayed", Long.class,
                "metadata_relayed", JsonNodeType.BOOLEAN, "metadata_size", Long.class, "total_bytes", Long.class,
                "duration_seconds", Double.class, "throughput_mbps", Double.class, "errors", JsonNodeType.ARRAY);
        assertEquals("relay", json.get("operation").asText());
    }
}
