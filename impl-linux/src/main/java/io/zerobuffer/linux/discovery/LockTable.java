package io.zerobuffer.linux.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code flock} locks the kernel lists in {@code /proc/locks}, keyed by device and inode.
 * Reading that file is how an observer learns whether a reader holds its lock file without
 * trying to take the lock itself (which, for an instant, would lock a creating reader out).
 *
 * <pre>
 * 1: FLOCK  ADVISORY  WRITE 4242 00:1c:1046541 0 EOF
 * 2: -&gt; FLOCK  ADVISORY  WRITE 4243 00:1c:1046541 0 EOF      (a waiter: ignored)
 * </pre>
 *
 * The device is {@code major:minor} in hex, the inode in decimal. Immutable.
 */
final class LockTable {
    static final Path PROC_LOCKS = Path.of("/proc/locks");
    private static final LockTable EMPTY = new LockTable(Map.of());

    private final Map<String, Long> holders;

    private LockTable(Map<String, Long> holders) {
        this.holders = holders;
    }

    /** @return the table as the kernel shows it now (empty if {@code /proc/locks} is unreadable) */
    static LockTable read() {
        try {
            return parse(new String(Files.readAllBytes(PROC_LOCKS), StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return EMPTY;
        } catch (IOException e) {
            return EMPTY;
        }
    }

    /**
     * @param text the content of {@code /proc/locks}
     * @return the flock holders in it
     */
    static LockTable parse(String text) {
        Map<String, Long> holders = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6 || "->".equals(f[1]) || !"FLOCK".equals(f[1])) {
                continue;
            }
            String[] devIno = f[5].split(":");
            if (devIno.length != 3) {
                continue;
            }
            try {
                long major = Long.parseLong(devIno[0], 16);
                long minor = Long.parseLong(devIno[1], 16);
                long inode = Long.parseLong(devIno[2]);
                holders.putIfAbsent(key(major, minor, inode), Long.parseLong(f[4]));
            } catch (NumberFormatException ignored) {
                // a line format this parser does not know: skip it
            }
        }
        return new LockTable(holders);
    }

    /**
     * @param stDev the file's {@code st_dev} (the {@code unix:dev} attribute)
     * @param inode the file's inode
     * @return the pid holding a flock on that file, 0 if none is listed
     */
    long holder(long stDev, long inode) {
        long major = ((stDev >>> 8) & 0xfffL) | ((stDev >>> 32) & 0xfffff000L);
        long minor = (stDev & 0xffL) | ((stDev >>> 12) & 0xffffff00L);
        Long pid = holders.get(key(major, minor, inode));
        return pid == null ? 0 : Math.max(pid, 1);
    }

    private static String key(long major, long minor, long inode) {
        return major + ":" + minor + ":" + inode;
    }
}
