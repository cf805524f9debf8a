package io.zerobuffer.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.zerobuffer.api.AccessMode;
import io.zerobuffer.api.BufferConfig;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.Reader;
import io.zerobuffer.testsupport.BufferNames;
import io.zerobuffer.testsupport.Leftovers;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access modes: the exact modes whatever the umask, and what a process of another user can do
 * in each mode (a child JVM run as uid 65534 with {@code setpriv}; skipped unless run as root).
 */
class AccessModeTest {
    /** libc's umask, for this test only. */
    interface Umask extends Library {
        Umask C = Native.load("c", Umask.class);

        int umask(int mask);
    }

    private LinuxZeroBufferFactory factory;
    private String name;

    @BeforeEach
    void setUp() {
        factory = new LinuxZeroBufferFactory();
        name = BufferNames.unique("access");
    }

    @AfterEach
    void tearDown() throws Exception {
        factory.close();
        Leftovers.assertNone(name);
    }

    private List<Path> files() {
        ObjectNames names = ObjectNames.of(name);
        return List.of(Path.of("/dev/shm", name), Path.of("/dev/shm", "sem." + names.dataReady()),
                Path.of("/dev/shm", "sem." + names.spaceFreed()), names.lockFile());
    }

    @Test
    void everyObjectHasExactlyTheModesBitsWhateverTheUmask() throws Exception {
        int previous = Umask.C.umask(077);
        try {
            for (AccessMode mode : AccessMode.values()) {
                Reader reader = factory.createReader(name, BufferConfig.of(0, 1024).withAccess(mode));
                assertEquals(mode, reader.config().access());
                for (Path file : files()) {
                    int bits = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
                    assertEquals(mode.permissions(), bits, mode + ": mode of " + file + " with umask 077 was 0"
                            + Integer.toOctalString(bits));
                }
                assertEquals(mode, factory.attachWriter(name).config().access(), "the writer sees the mode");
                reader.close();
            }
        } finally {
            Umask.C.umask(previous);
        }
    }

    @Test
    void inSharedModeAnotherUserAttachesAndWrites() throws Exception {
        assumeTrue(OtherUser.available(), "needs root and setpriv to run a second uid: skipped");
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024));
        OtherUser.Result probe = OtherUser.run(OtherUser.UID, AccessProbe.class, name);
        assertTrue(probe.has("ATTACHED") && probe.has("WROTE"), "probe said " + probe);
        try (Frame frame = reader.read(Duration.ofSeconds(5))) {
            assertNotNull(frame, "the other user's frame");
            assertEquals(42, frame.data().get(0));
        }
        for (Path file : files()) {
            assertTrue(probe.has("OPEN " + file), "SHARED: " + file + " opens for another user: " + probe);
        }
        assertTrue(probe.has("NOT-DELETED " + ObjectNames.of(name).lockFile()),
                "the sticky lock directory keeps another user from deleting the lock file: " + probe);
    }

    @Test
    void inOwnerModeAnotherUserCanNeitherAttachNorOpenAnything() throws Exception {
        assumeTrue(OtherUser.available(), "needs root and setpriv to run a second uid: skipped");
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024).withAccess(AccessMode.OWNER));
        OtherUser.Result probe = OtherUser.run(0, AccessProbe.class, name);   // even in the owner's group
        String refused = probe.firstStartingWith("REFUSED");
        assertNotNull(refused, "OWNER: the other user attached: " + probe);
        assertTrue(refused.startsWith("REFUSED BufferAccessDeniedException") && refused.contains("mode 0600")
                && refused.contains("uid 0") && refused.contains("access OWNER"), refused);
        for (Path file : files()) {
            assertTrue(probe.has("DENIED " + file), "OWNER: " + file + " opened by another user: " + probe);
        }
        assertTrue(probe.has("NOT-DELETED " + ObjectNames.of(name).lockFile()), probe.toString());
        assertNull(reader.read(Duration.ofMillis(100)));
        assertTrue(!reader.isWriterConnected());
    }

    @Test
    void inGroupModeAMemberOfTheGroupAttachesAndOthersCannot() throws Exception {
        assumeTrue(OtherUser.available(), "needs root and setpriv to run a second uid: skipped");
        Reader reader = factory.createReader(name, BufferConfig.of(0, 1024).withAccess(AccessMode.GROUP));
        int group = (Integer) Files.getAttribute(Path.of("/dev/shm", name), "unix:gid");

        OtherUser.Result member = OtherUser.run(group, AccessProbe.class, name);
        assertTrue(member.has("ATTACHED") && member.has("WROTE"), "GROUP member: " + member);
        try (Frame frame = reader.read(Duration.ofSeconds(5))) {
            assertNotNull(frame, "the group member's frame");
        }
        for (Path file : files()) {
            assertTrue(member.has("OPEN " + file), "GROUP member: " + file + ": " + member);
        }

        OtherUser.Result outsider = OtherUser.run(OtherUser.UID, AccessProbe.class, name);
        String refused = outsider.firstStartingWith("REFUSED");
        assertNotNull(refused, "GROUP: a user outside the group attached: " + outsider);
        assertTrue(refused.startsWith("REFUSED BufferAccessDeniedException") && refused.contains("mode 0660")
                && refused.contains("access GROUP"), refused);
        for (Path file : files()) {
            assertTrue(outsider.has("DENIED " + file), "GROUP outsider: " + file + ": " + outsider);
        }
    }
}
