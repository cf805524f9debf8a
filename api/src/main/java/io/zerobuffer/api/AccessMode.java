package io.zerobuffer.api;

/**
 * Who may open a buffer: the permission bits its reader gives the shared memory, both
 * semaphores and the lock file. They are set with {@code fchmod} right after creation, so the
 * process's umask cannot change them.
 *
 * <p>A process that may open a buffer's objects can read and write every byte of them: in
 * protocol v1 nothing stops a party (or anyone with access) from corrupting the ring, posting
 * the semaphores, or truncating the files, which crashes every party of the buffer in every
 * implementation. The access mode decides who that is.
 *
 * @since 1.2
 */
public enum AccessMode {
    /**
     * Mode 0666: every local user may attach, read, write, corrupt or truncate the buffer. The
     * protocol's default and what the C++, C# and Python peers create, so that peers running as
     * any user interoperate.
     */
    SHARED(0666),
    /** Mode 0660: the reader's user and the members of its group (its effective gid). */
    GROUP(0660),
    /** Mode 0600: only processes of the reader's user (and root). */
    OWNER(0600);

    private final int permissions;

    AccessMode(int permissions) {
        this.permissions = permissions;
    }

    /** @return the POSIX permission bits, e.g. {@code 0660} */
    public int permissions() {
        return permissions;
    }

    /**
     * @param permissions POSIX permission bits of a file
     * @return the mode with exactly those bits, or {@code null} if none matches
     */
    public static AccessMode ofPermissions(int permissions) {
        for (AccessMode mode : values()) {
            if (mode.permissions == (permissions & 0777)) {
                return mode;
            }
        }
        return null;
    }

    /**
     * @param text {@code shared}, {@code group} or {@code owner}, in any case
     * @return the mode
     * @throws IllegalArgumentException naming the value if it is none of those
     */
    public static AccessMode parse(String text) {
        for (AccessMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("access mode '" + text + "' is not one of shared, group, owner");
    }
}
