package io.zerobuffer.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zerobuffer.linux.posix.NamedSemaphore;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zerobuffer sweep}: what it lists, what it removes, its exit codes. */
class SweepCommandProcessTest {
    @TempDir
    Path temp;

    private final String name = Cli.bufferName("sweep");
    private final String symlinked = Cli.bufferName("sweep-link");

    @AfterEach
    void tearDown() throws IOException {
        for (Path p : objects(name)) {
            Files.deleteIfExists(p);
        }
        Files.deleteIfExists(Path.of("/tmp/zerobuffer", symlinked + ".lock"));
    }

    private static List<Path> objects(String buffer) {
        return List.of(Path.of("/dev/shm", buffer), Path.of("/dev/shm", "sem.sem-w-" + buffer),
                Path.of("/dev/shm", "sem.sem-r-" + buffer));
    }

    /** A v1 buffer whose reader died (a pid above pid_max) and whose lock file is gone. */
    private void makeOrphan() throws IOException {
        long dead;
        try (InputStream in = new FileInputStream("/proc/sys/kernel/pid_max")) {
            dead = Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim()) + 1;
        }
        ByteBuffer oieb = ByteBuffer.allocate(128 + 1024).order(ByteOrder.LITTLE_ENDIAN);
        oieb.putInt(0, 128).put(4, (byte) 1).putLong(0x20, 1024).putLong(0x28, 1024).putLong(0x58, dead);
        Files.write(Path.of("/dev/shm", name), oieb.array());
        NamedSemaphore.create(name, "sem-w-" + name).close();
        NamedSemaphore.create(name, "sem-r-" + name).close();
    }

    @Test
    void aDryRunListsTheOrphanAndWhyThenTheSweepRemovesIt() throws IOException {
        makeOrphan();
        Cli.Result dry = Cli.run("sweep", "--dry-run", name).expectExit(0);
        for (Path p : objects(name)) {
            assertTrue(dry.stdout().contains("would remove  " + p + "  (orphan v1 buffer: reader "), dry.stdout());
            assertTrue(Files.exists(p), "the dry run removed " + p);
        }
        assertTrue(dry.stdout().contains("lock file missing"), dry.stdout());
        assertTrue(dry.stdout().contains("(dry run: nothing changed)"), dry.stdout());

        Cli.Result wet = Cli.run("sweep", name).expectExit(0);
        for (Path p : objects(name)) {
            assertTrue(wet.stdout().contains("removed       " + p + "  ("), wet.stdout());
            assertFalse(Files.exists(p), "not removed: " + p);
        }
        assertFalse(Files.exists(Path.of("/tmp/zerobuffer", name + ".lock")), "the sweep left its lock file");
        Cli.Result again = Cli.run("sweep", "--dry-run", name).expectExit(0);
        assertFalse(again.stdout().contains(name), again.stdout());
    }

    @Test
    void aSymlinkedLockFileIsRefusedAndTheExitCodeSaysSo() throws IOException {
        Path target = temp.resolve("target");
        Files.write(target, new byte[] {7});
        Files.createDirectories(Path.of("/tmp/zerobuffer"));
        Path link = Path.of("/tmp/zerobuffer", symlinked + ".lock");
        Files.createSymbolicLink(link, target);
        Cli.Result result = Cli.run("sweep", "--dry-run", symlinked).expectExit(1);
        assertTrue(result.stdout().contains("refused       " + link + "  (is a symbolic link"), result.stdout());
        Cli.run("sweep", symlinked).expectExit(1);
        // other names only: the link is not considered at all
        Cli.Result others = Cli.run("sweep", "--dry-run", symlinked + "-other-*").expectExit(0);
        assertFalse(others.stdout().contains(link.toString()), others.stdout());
        assertTrue(Files.isSymbolicLink(link), "the link was removed");
        assertEquals(1, Files.readAllBytes(target).length);
        assertTrue(Files.exists(target, LinkOption.NOFOLLOW_LINKS));
    }
}
