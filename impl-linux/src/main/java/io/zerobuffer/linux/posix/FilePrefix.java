package io.zerobuffer.linux.posix;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;

/**
 * Reads the first bytes of a file with {@code pread(2)}, without mapping it, following a link or
 * opening anything but a regular file: {@code lstat} first, then {@code open} with
 * {@code O_NOFOLLOW|O_NONBLOCK} (a FIFO swapped in meanwhile cannot block), then the descriptor
 * is checked to be the file that was examined. For scans of {@code /dev/shm}: three system calls
 * per file. Not thread-safe (the target buffer is the caller's).
 */
public final class FilePrefix {
    private FilePrefix() {
    }

    /**
     * @param path   the file
     * @param target a direct buffer; filled from position 0 to its capacity, as far as the file
     *               reaches; its limit is set to the bytes read
     * @return the status of the file read, or {@code null} if it is gone or is not a regular file
     * @throws AccessDeniedException if this process may not read it
     * @throws IOException           if it cannot be read otherwise
     */
    public static FileStatus read(Path path, ByteBuffer target) throws IOException {
        FileStatus before = FileStatus.lstat(path);
        if (before == null || !before.isRegularFile()) {
            return null;
        }
        int fd = LibC.Variadic.INSTANCE.open(path.toString(),
                LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_NONBLOCK | LibC.O_NOCTTY | LibC.O_CLOEXEC);
        if (fd < 0) {
            int errno = LibC.errno();
            if (errno == LibC.ENOENT || errno == LibC.ELOOP) {
                return null;
            }
            if (errno == LibC.EACCES) {
                throw new AccessDeniedException(path.toString(), null, before.describe());
            }
            throw new IOException(path + ": " + LibC.describe(errno));
        }
        try {
            FileStatus opened = FileStatus.fstat(fd, path);
            if (!opened.isRegularFile() || !opened.sameFileAs(before)) {
                return null;
            }
            long address = Pointer.nativeValue(Native.getDirectBufferPointer(target));
            int capacity = target.capacity();
            int done = 0;
            while (done < capacity) {
                long n = LibC.pread(fd, address + done, capacity - done, done);
                if (n < 0) {
                    int errno = LibC.errno();
                    if (errno == LibC.EINTR) {
                        continue;
                    }
                    throw new IOException(path + ": pread: " + LibC.describe(errno));
                }
                if (n == 0) {
                    break;
                }
                done += (int) n;
            }
            target.clear().limit(done);
            return opened;
        } finally {
            LibC.close(fd);
        }
    }
}
