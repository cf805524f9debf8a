package io.zerobuffer.linux.posix;

import java.nio.file.Path;

/** {@code unlink(2)}, which removes a name and never follows a symbolic link, with its outcome. */
public final class Unlink {
    /** What became of the name. */
    public enum Result {
        /** The name was removed. */
        REMOVED,
        /** There was no such name any more. */
        GONE,
        /** This process may not remove it (EACCES, EPERM: another user's file in a sticky directory). */
        NOT_PERMITTED,
        /** Another error. */
        FAILED
    }

    private Unlink() {
    }

    /**
     * @param path the name to remove
     * @return what happened
     */
    public static Result remove(Path path) {
        if (LibC.unlink(path.toString()) == 0) {
            return Result.REMOVED;
        }
        int errno = LibC.errno();
        if (errno == LibC.ENOENT) {
            return Result.GONE;
        }
        return errno == LibC.EACCES || errno == LibC.EPERM ? Result.NOT_PERMITTED : Result.FAILED;
    }
}
