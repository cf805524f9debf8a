package io.zerobuffer.linux.discovery;

import io.zerobuffer.api.BridgeInfo;
import io.zerobuffer.linux.ObjectNames;
import io.zerobuffer.linux.posix.FilePrefix;
import io.zerobuffer.linux.posix.FileStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The descriptions bridge ends leave next to the lock files ({@code /tmp/zerobuffer/BUFFER.ROLE.bridge},
 * see {@link BridgeInfo}), read as an observer reads anything in a directory every local user
 * may write to: never trusted.
 *
 * <ul>
 * <li>read like a lock file is opened: never through a symbolic link, never anything but a
 * regular file ({@code lstat}, {@code open(O_NOFOLLOW|O_NONBLOCK)}, the descriptor checked to be
 * that file; {@link FilePrefix});</li>
 * <li>at most {@value BridgeInfo#MAX_DESCRIPTION_BYTES} bytes: a larger file is ignored unread
 * beyond that;</li>
 * <li>well-formed ({@link BridgeInfo#parse(byte[])}), and named after the buffer and role it
 * describes;</li>
 * <li>its process alive, and the file owned by that process's user (a user cannot describe
 * another user's process as a bridge): else ignored, and left where it is (an observer removes
 * nothing).</li>
 * </ul>
 * Thread-safe.
 */
public final class BridgeDescriptions {
    private final Path directory;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BridgeInfo.MAX_DESCRIPTION_BYTES + 1);

    /** Reads {@code /tmp/zerobuffer}. */
    public BridgeDescriptions() {
        this(ObjectNames.LOCK_DIRECTORY);
    }

    /** @param directory the directory to read */
    public BridgeDescriptions(Path directory) {
        this.directory = directory;
    }

    /** @return every valid description of a live bridge end, sorted by buffer name and role */
    public synchronized List<BridgeInfo> list() {
        List<BridgeInfo> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + BridgeInfo.FILE_SUFFIX)) {
            for (Path file : files) {
                read(file).ifPresent(found::add);
            }
        } catch (IOException | RuntimeException e) {
            // no directory, or unreadable: no bridges to show
        }
        found.sort(Comparator.comparing(BridgeInfo::bufferName).thenComparing(BridgeInfo::role));
        return found;
    }

    /**
     * @param file a description file
     * @return what it describes, if it passes every check
     */
    Optional<BridgeInfo> read(Path file) {
        FileStatus status;
        try {
            buffer.clear();
            status = FilePrefix.read(file, buffer);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
        if (status == null || status.size() > BridgeInfo.MAX_DESCRIPTION_BYTES
                || buffer.limit() > BridgeInfo.MAX_DESCRIPTION_BYTES) {
            return Optional.empty();
        }
        byte[] bytes = new byte[buffer.limit()];
        buffer.get(0, bytes);
        Optional<BridgeInfo> info = BridgeInfo.parse(bytes);
        if (info.isEmpty() || !file.getFileName().toString().equals(info.get().fileName())) {
            return Optional.empty();
        }
        long pid = info.get().pid();
        Optional<Integer> owner = processUid(pid);
        if (owner.isEmpty() || owner.get() != status.uid()) {
            return Optional.empty();
        }
        return info;
    }

    /** @return the user of a live process, empty if there is none of that pid */
    private static Optional<Integer> processUid(long pid) {
        try {
            return Optional.of((Integer) Files.getAttribute(Path.of("/proc/" + pid), "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }
}
