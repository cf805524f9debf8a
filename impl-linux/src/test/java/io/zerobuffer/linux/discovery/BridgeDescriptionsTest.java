package io.zerobuffer.linux.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zerobuffer.api.BridgeInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bridge descriptions as an observer meets them in a directory every local user may write to:
 * real files, links, a FIFO, another user's file, a dead process's file.
 */
class BridgeDescriptionsTest {
    private final long pid = ProcessHandle.current().pid();
    private final String name = "zbt-bridge-desc-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    private Path directory;
    private BridgeDescriptions descriptions;

    @BeforeEach
    void directory() throws Exception {
        directory = Files.createTempDirectory("zbt-bridge-desc-");
        descriptions = new BridgeDescriptions(directory);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private BridgeInfo end(String buffer, String role, long processId) {
        return new BridgeInfo(buffer, role, "aeron:udp?endpoint=10.0.0.2:40456", "10.0.0.2:40456", 1001, processId);
    }

    private Path write(BridgeInfo info) throws Exception {
        return Files.write(directory.resolve(info.fileName()), info.describe());
    }

    @Test
    void aLiveBridgesDescriptionIsListedWithEveryField() throws Exception {
        write(end(name, "send", pid));
        write(end(name + "-b", "receive", pid));
        assertEquals(List.of(end(name, "send", pid), end(name + "-b", "receive", pid)), descriptions.list());
    }

    @Test
    void aDeadProcesssDescriptionIsIgnoredAndLeftWhereItIs() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
        Path file = write(end(name, "send", gone.pid()));
        assertEquals(List.of(), descriptions.list());
        assertTrue(Files.exists(file), "an observer removes nothing");
    }

    @Test
    void aSymbolicLinkIsNotFollowed() throws Exception {
        Path real = directory.resolve("elsewhere.txt");
        Files.write(real, end(name, "send", pid).describe());
        Files.createSymbolicLink(directory.resolve(end(name, "send", pid).fileName()), real);
        assertEquals(List.of(), descriptions.list());
    }

    @Test
    void aFifoIsNeitherOpenedForLongNorListed() throws Exception {
        Path fifo = directory.resolve(end(name, "send", pid).fileName());
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
        List<BridgeInfo> found = CompletableFuture.supplyAsync(descriptions::list).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), found);
    }

    @Test
    void tooLargeMalformedOrMisnamedDescriptionsAreIgnored() throws Exception {
        byte[] valid = end(name, "send", pid).describe();
        byte[] large = new byte[BridgeInfo.MAX_DESCRIPTION_BYTES + 1];
        System.arraycopy(valid, 0, large, 0, valid.length);
        java.util.Arrays.fill(large, valid.length, large.length, (byte) '#');
        Files.write(directory.resolve(name + ".send.bridge"), large);
        Files.write(directory.resolve(name + "-x.receive.bridge"), // names another buffer than its own
                end(name + "-y", "receive", pid).describe());
        Files.write(directory.resolve(name + "-z.send.bridge"), ("# zerobuffer bridge 1\nrole=send\nbuffer=" + name
                + "-z\nchannel=a\u0007b\nremote=x\nstream=1\npid=" + pid + "\n").getBytes(StandardCharsets.ISO_8859_1));
        Files.write(directory.resolve(name + "-w.send.bridge"), ("# zerobuffer bridge 1\nrole=send\nbuffer=" + name
                + "-w\nchannel=c\nremote=x\nstream=one\npid=" + pid + "\n").getBytes(StandardCharsets.US_ASCII));
        Files.write(directory.resolve(name + "-v.relay.bridge"), ("# zerobuffer bridge 1\nrole=relay\nbuffer=" + name
                + "-v\nchannel=c\nremote=x\nstream=1\npid=" + pid + "\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of(), descriptions.list());
    }

    @Test
    void aFileOwnedByAnotherUserThanTheProcessItNamesIsIgnored() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a file to another user");
        Path file = write(end(name, "send", pid)); // this process runs as root; the file becomes nobody's
        Process chown = new ProcessBuilder("chown", "65534:65534", file.toString()).start();
        assertTrue(chown.waitFor(30, TimeUnit.SECONDS) && chown.exitValue() == 0, "chown");
        assertEquals(List.of(), descriptions.list());
    }
}
