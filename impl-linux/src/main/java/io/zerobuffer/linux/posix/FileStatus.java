package io.zerobuffer.linux.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;

/**
 * What {@code lstat} (a path, never following a symbolic link) or {@code fstat} (an open
 * descriptor) says about a file: its type, permission bits, owner and identity. Immutable.
 *
 * @param path  the path it was taken for
 * @param mode  {@code st_mode}: type and permission bits
 * @param uid   owner
 * @param gid   group
 * @param device device of the file system
 * @param inode inode
 * @param size  size in bytes
 */
public record FileStatus(Path path, int mode, int uid, int gid, long device, long inode, long size) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final String ATTRIBUTES = "unix:mode,uid,gid,dev,ino,size";

    /**
     * @param path a path
     * @return what is at the path itself (a link is not followed), or {@code null} if nothing is
     * @throws IOException if the path cannot be examined (for example a directory on the way is
     *                     not searchable)
     */
    public static FileStatus lstat(Path path) throws IOException {
        try {
            return of(path, Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * @param fd   an open descriptor
     * @param path the path it was opened by (for messages)
     * @return what the descriptor refers to
     * @throws IOException if it cannot be examined
     */
    static FileStatus fstat(int fd, Path path) throws IOException {
        return of(path, Files.readAttributes(Path.of("/proc/self/fd/" + fd), ATTRIBUTES));
    }

    private static FileStatus of(Path path, Map<String, Object> a) {
        return new FileStatus(path, (Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("dev"), (Long) a.get("ino"), (Long) a.get("size"));
    }

    /** @return whether it is a regular file */
    public boolean isRegularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    /** @return whether it is a directory */
    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    /** @return whether it is a symbolic link */
    public boolean isSymbolicLink() {
        return (mode & S_IFMT) == S_IFLNK;
    }

    /** @return the permission bits with set-id and sticky bits, e.g. {@code 01777} */
    public int permissions() {
        return mode & 07777;
    }

    /** @return whether users other than the owner may create and delete entries (a directory without the sticky bit) */
    public boolean isWritableByOthersWithoutStickyBit() {
        return (mode & 0022) != 0 && (mode & 01000) == 0;
    }

    /**
     * @param other another status
     * @return whether both are the same file (device and inode)
     */
    public boolean sameFileAs(FileStatus other) {
        return other != null && device == other.device && inode == other.inode;
    }

    /** @return "a regular file", "a symbolic link", "a directory", "a FIFO", ... */
    public String type() {
        switch (mode & S_IFMT) {
            case S_IFREG: return "a regular file";
            case S_IFDIR: return "a directory";
            case S_IFLNK: return "a symbolic link";
            case S_IFIFO: return "a FIFO";
            case S_IFSOCK: return "a socket";
            case S_IFCHR: return "a character device";
            case S_IFBLK: return "a block device";
            default: return "a file of type " + Integer.toOctalString(mode & S_IFMT);
        }
    }

    /** @return e.g. "mode 0600, owner uid 0 (root), group gid 0 (root)" */
    public String describe() {
        String owner = "";
        String group = "";
        try {
            PosixFileAttributes names = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            owner = " (" + names.owner().getName() + ")";
            group = " (" + names.group().getName() + ")";
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // numbers only
        }
        return "mode " + octal(permissions()) + ", owner uid " + uid + owner + ", group gid " + gid + group;
    }

    /**
     * @param permissions permission bits
     * @return them in octal with a leading 0, e.g. "0660"
     */
    public static String octal(int permissions) {
        String digits = Integer.toOctalString(permissions);
        return "0".repeat(Math.max(1, 4 - digits.length())) + digits;
    }

    /** @return e.g. "uid 65534 (nobody), gid 65534": who this process is to the file system */
    public static String currentUser() {
        return "uid " + LibC.geteuid() + " (" + System.getProperty("user.name") + "), gid " + LibC.getegid();
    }

    /** @return this process's effective uid */
    public static int currentUid() {
        return LibC.geteuid();
    }
}
