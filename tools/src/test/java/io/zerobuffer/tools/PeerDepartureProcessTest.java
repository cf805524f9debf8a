package io.zerobuffer.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerobuffer.testsupport.Await;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A peer that leaves early is never a silent success: a writer whose reader left before taking
 * every frame fails (exit 2, frames written against frames consumed), and a reader whose writer
 * died fails (exit 2) even when it reads until the writer leaves ({@code -n 0}).
 */
class PeerDepartureProcessTest {
    private static final String RING = Integer.toString(256 * 1024);

    private static Cli.Running reader(String name, String... options) throws InterruptedException {
        String[] args = new String[5 + options.length];
        System.arraycopy(new String[] {"reader", name, "--buffer-size", RING, "--json-output"}, 0, args, 0, 5);
        System.arraycopy(options, 0, args, 5, options.length);
        Cli.Running reader = Cli.start(args);
        awaitOieb(name, reader, 0x00, 1);
        return reader;
    }

    /** Waits until the OIEB field at {@code offset} of buffer {@code name} is at least {@code atLeast}. */
    private static void awaitOieb(String name, Cli.Running process, int offset, long atLeast) {
        Path shm = Path.of("/dev/shm", name);
        String field = "buffer " + name + ": OIEB field 0x" + Integer.toHexString(offset);
        long value = Await.await(() -> oiebField(shm, offset), v -> v >= atLeast || !process.process().isAlive(),
                Duration.ofSeconds(30), field + " to reach " + atLeast);
        if (value < atLeast) {
            throw new AssertionError(field + " is " + value + ": the process ended first\n" + process.peer().output());
        }
    }

    /** @return the OIEB field at {@code offset} (the 32-bit one at 0 unsigned), or -1 while it is not there */
    private static long oiebField(Path shm, int offset) {
        try (FileChannel channel = FileChannel.open(shm, StandardOpenOption.READ)) {
            if (channel.size() < 128) {
                return -1;
            }
            long value = channel.map(FileChannel.MapMode.READ_ONLY, 0, 128).order(ByteOrder.LITTLE_ENDIAN)
                    .getLong(offset);
            return offset == 0 ? value & 0xffffffffL : value;
        } catch (IOException absentOrVanished) {
            return -1;
        }
    }

    @Test
    void aWriterWhoseReaderLeftBeforeTheLastFrameFailsAndSaysWhatWasConsumed() throws Exception {
        String name = Cli.bufferName("reader-left");
        Cli.Running reader = reader(name, "-n", "1", "-s", "64");
        Cli.Result writer = Cli.start("writer", name, "-n", "3", "-s", "64", "--delay-ms", "3000", "--json-output")
                .await(Duration.ofSeconds(60)).expectExit(2);
        reader.await().expectExit(0);
        JsonNode written = writer.json();
        PipelineProcessTest.assertWriteDocument(written);
        assertEquals(1, written.get("frames_written").asLong(), written.toString());
        assertEquals(1, written.get("frames_consumed").asLong(), written.toString());
        String error = written.get("errors").get(0).asText();
        assertTrue(error.contains("the reader closed the buffer") && error.contains("consumed 1 of the 1 frames"),
                error);
    }

    @Test
    void aReaderReadingUntilTheWriterLeavesReportsAKilledWriterAsAnError() throws Exception {
        String name = Cli.bufferName("writer-killed");
        Cli.Running reader = reader(name, "-n", "0", "-s", "64", "--timeout-ms", "10000");
        Cli.Running writer = Cli.start("writer", name, "-n", "1000000", "-s", "64", "--delay-ms", "1");
        awaitOieb(name, writer, 0x48, 5);   // payload_read_count: the reader has taken frames
        writer.process().destroyForcibly();   // SIGKILL
        assertTrue(writer.process().waitFor(10, TimeUnit.SECONDS));
        Cli.Result result = reader.await().expectExit(2);
        JsonNode read = result.json();
        PipelineProcessTest.assertReadDocument(read);
        assertTrue(read.get("frames_read").asLong() >= 5, read.toString());
        String error = read.get("errors").get(0).asText();
        assertTrue(error.startsWith("Writer died after " + read.get("frames_read").asLong() + " frames")
                && error.contains(Long.toString(writer.process().pid())), error);
    }
}
