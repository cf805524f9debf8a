package io.zerobuffer.linux.posix;

import com.sun.jna.Pointer;
import io.zerobuffer.api.AccessMode;
import io.zerobuffer.api.BufferAccessDeniedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A POSIX shared-memory object ({@code shm_open("NAME")}, the file {@code /dev/shm/NAME}) mapped
 * into this process. The mapping is exposed as one little-endian direct {@link ByteBuffer}.
 *
 * <p>After {@link #close()} the memory is unmapped: any buffer obtained from {@link #segment()}
 * must no longer be touched (the engine empties every view it handed out before closing). Not
 * thread-safe.
 */
public final class SharedMemory implements AutoCloseable {
    /** Where glibc keeps shared-memory objects. */
    public static final Path DIRECTORY = Path.of("/dev/shm");

    private final String name;
    private final int fd;
    private final long address;
    private final long size;
    private final ByteBuffer segment;
    private final int permissions;
    private boolean closed;

    private SharedMemory(String name, int fd, long address, long size, boolean writable, int permissions) {
        this.name = name;
        this.fd = fd;
        this.address = address;
        this.size = size;
        this.permissions = permissions;
        ByteBuffer mapped = new Pointer(address).getByteBuffer(0, size).order(ByteOrder.LITTLE_ENDIAN);
        this.segment = writable ? mapped : mapped.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Creates a new object exclusively with mode 0666 ({@link AccessMode#SHARED}); see
     * {@link #create(String, long, int)}.
     *
     * @param name the object name (the buffer name)
     * @param size bytes
     * @return the mapping, or {@code null} if an object of that name exists already
     * @throws NativeCallException if the OS refuses
     */
    public static SharedMemory create(String name, long size) {
        return create(name, size, AccessMode.SHARED.permissions());
    }

    /**
     * Creates a new object exclusively ({@code O_CREAT|O_EXCL}, exactly {@code mode} whatever
     * the umask: set with {@code fchmod} on the new descriptor), sizes it and maps it
     * read-write. The kernel fills it with zeros.
     *
     * @param name the object name (the buffer name)
     * @param size bytes
     * @param mode permission bits, e.g. {@link AccessMode#permissions()}
     * @return the mapping, or {@code null} if an object of that name exists already
     * @throws NativeCallException if the OS refuses
     */
    public static SharedMemory create(String name, long size, int mode) {
        int fd = LibC.shm_open(name, LibC.O_CREAT | LibC.O_EXCL | LibC.O_RDWR | LibC.O_CLOEXEC, mode);
        if (fd < 0) {
            int errno = LibC.errno();
            if (errno == LibC.EEXIST) {
                return null;
            }
            throw new NativeCallException(name, "shm_open", "/" + name, errno);
        }
        String failed = LibC.fchmod(fd, mode) != 0 ? "fchmod" : LibC.ftruncate(fd, size) != 0 ? "ftruncate" : null;
        if (failed != null) {
            int errno = LibC.errno();
            LibC.close(fd);
            LibC.shm_unlink(name);
            throw new NativeCallException(name, failed, "/dev/shm/" + name + ", " + (failed.equals("fchmod")
                    ? FileStatus.octal(mode) : Long.toString(size)), errno);
        }
        return map(name, fd, size, true, mode);
    }

    /**
     * Opens and maps an existing object at its current size.
     *
     * @param name        the object name
     * @param writable    map read-write (a writer) or read-only (an observer)
     * @param minimumSize the size below which the object counts as not ready (its creator has
     *                    not sized it yet)
     * @return the mapping, or {@code null} if there is no object of that name or it is smaller
     *         than {@code minimumSize}
     * @throws BufferAccessDeniedException if this process's user may not open it (its reader
     *                                     chose an {@link AccessMode} that excludes it)
     * @throws NativeCallException if the OS refuses otherwise
     */
    public static SharedMemory open(String name, boolean writable, long minimumSize) {
        int fd = LibC.shm_open(name, (writable ? LibC.O_RDWR : LibC.O_RDONLY) | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            int errno = LibC.errno();
            if (errno == LibC.ENOENT) {
                return null;
            }
            if (errno == LibC.EACCES) {
                throw accessDenied(name, DIRECTORY.resolve(name), writable);
            }
            throw new NativeCallException(name, "shm_open", "/" + name, errno);
        }
        long size;
        int permissions;
        try {
            FileStatus status = FileStatus.fstat(fd, DIRECTORY.resolve(name));
            size = status.size();
            permissions = status.permissions();
        } catch (IOException e) {
            size = -1;
            permissions = 0;
        }
        if (size < Math.max(1, minimumSize)) {
            LibC.close(fd);
            return null;
        }
        return map(name, fd, size, writable, permissions);
    }

    /**
     * @param bufferName the buffer
     * @param file       the object's file in {@code /dev/shm}
     * @param writable   whether it was to be opened for writing
     * @return the named error for an open the OS refused with EACCES, giving mode and owner
     */
    static BufferAccessDeniedException accessDenied(String bufferName, Path file, boolean writable) {
        String found;
        try {
            FileStatus status = FileStatus.lstat(file);
            if (status == null) {
                found = "it is gone";
            } else {
                AccessMode mode = AccessMode.ofPermissions(status.permissions());
                found = status.describe() + (mode == null ? "" : " (access " + mode + ")");
            }
        } catch (IOException e) {
            found = "it cannot be examined: " + e;
        }
        return new BufferAccessDeniedException(bufferName, file + " may not be opened for "
                + (writable ? "reading and writing" : "reading") + " by " + FileStatus.currentUser() + ": " + found);
    }

    private static SharedMemory map(String name, int fd, long size, boolean writable, int permissions) {
        int prot = writable ? LibC.PROT_READ | LibC.PROT_WRITE : LibC.PROT_READ;
        long address = LibC.mmap(0, size, prot, LibC.MAP_SHARED, fd, 0);
        if (address == LibC.MAP_FAILED) {
            int errno = LibC.errno();
            LibC.close(fd);
            throw new NativeCallException(name, "mmap", "/dev/shm/" + name + ", " + size + " bytes", errno);
        }
        return new SharedMemory(name, fd, address, size, writable, permissions);
    }

    /**
     * Removes the name; the memory lives on while mapped.
     *
     * @param name the object name
     * @return whether an object was removed
     */
    public static boolean unlink(String name) {
        return LibC.shm_unlink(name) == 0;
    }

    /**
     * @param name an object name
     * @return whether an object of that name exists
     */
    public static boolean exists(String name) {
        return Files.exists(DIRECTORY.resolve(name));
    }

    /** @return the object name */
    public String name() {
        return name;
    }

    /** @return the object's permission bits when it was opened, e.g. {@code 0666} */
    public int permissions() {
        return permissions;
    }

    /** @return the mapped size in bytes */
    public long size() {
        return size;
    }

    /** @return the whole mapping, little-endian, position 0 */
    public ByteBuffer segment() {
        return segment;
    }

    /** Unmaps and closes the descriptor. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (size > 0) {
            LibC.munmap(address, size);
        }
        if (fd >= 0) {
            LibC.close(fd);
        }
    }
}
