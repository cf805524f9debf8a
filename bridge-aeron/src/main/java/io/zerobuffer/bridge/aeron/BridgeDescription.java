package io.zerobuffer.bridge.aeron;

import io.zerobuffer.api.BridgeInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * The description a bridge end leaves next to the lock files, {@code /tmp/zerobuffer/BUFFER.ROLE.bridge}
 * (format: {@link BridgeInfo}), so that a monitor shows the buffer's role and remote end. Written
 * whole: a new file of this process's own ({@code O_CREAT|O_EXCL}, so never through a link) renamed
 * over the old one; removed at the end while it still names this process. Best effort: a bridge
 * that cannot describe itself logs why once and carries on.
 */
final class BridgeDescription {
    /** The lock directory of the Linux engine, shared by every local user (mode 1777). */
    static final Path DIRECTORY = Path.of("/tmp/zerobuffer");
    private static final Logger LOG = Logger.getLogger(BridgeDescription.class.getPackageName());

    private final Path file;
    private boolean failureLogged;
    private Object writtenInode;

    BridgeDescription(String bufferName, String role) {
        this.file = DIRECTORY.resolve(BridgeInfo.fileName(bufferName, role));
    }

    /** Writes (or rewrites) the description. */
    void write(BridgeInfo info) {
        Path temporary = DIRECTORY.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + ".tmp");
        try {
            Files.write(temporary, info.describe(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            Object inode = Files.getAttribute(temporary, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            writtenInode = inode;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // nothing more to do
            }
            if (!failureLogged) {
                failureLogged = true;
                LOG.info(() -> "no bridge description at " + file + " (a monitor will not show this end): " + e);
            }
        }
    }

    /** Removes the description if it is still the file this end wrote (not a newer end's). */
    void remove() {
        try {
            if (writtenInode != null && writtenInode.equals(Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS))) {
                Files.delete(file);
            }
            writtenInode = null;
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "bridge description " + file + " not removed: " + e);
        }
    }

    /** @return the file */
    Path file() {
        return file;
    }
}
