package io.zerobuffer.linux.posix;

import com.sun.jna.Pointer;
import io.zerobuffer.api.AccessMode;
import io.zerobuffer.api.BufferAccessDeniedException;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A POSIX shared-memory object ({@code shm_open("NAME")}, the file {@code /dev/shm/NAME}) mapped
 * into this process. The mapping is exposed as one little-endian direct {@link ByteBuffer}.
 *
 * <p><b>Close safety.</b> Every view of the mapping, whatever was derived from it
 * ({@code duplicate()}, {@code slice()}, {@code asLongBuffer()}, views moved by
 * {@code BufferWindow}), keeps the JDK's root buffer of the mapping reachable through its
 * attachment. {@link #close()} therefore does not unmap: it replaces the mapping in place with
 * an anonymous private zero mapping of the same range ({@code mmap(MAP_FIXED | MAP_PRIVATE |
 * MAP_ANONYMOUS | MAP_NORESERVE)}, one atomic step for the kernel), which drops this process's
 * hold on the shared pages at once, and leaves the final {@code munmap} of that overlay to a
 * {@link Cleaner} that runs once the root buffer, and so every view, is unreachable. A thread
 * still reading a view when another thread closes reads the old bytes or zeros, a thread still
 * writing one writes into private memory nobody sees; none of them faults. If the overlay
 * cannot be made (the kernel refuses the mapping), the shared mapping itself is kept until the
 * views are unreachable: still no fault, only the pages are held longer. Mappings whose views
 * never leave the caller may use {@link #closeNow()} instead.
 *
 * <p><b>A damaged segment.</b> Another process may truncate or replace {@code /dev/shm/NAME}
 * under the mapping; an access to a page past the new end of the file then faults.
 * {@link #damage()} compares the object with what was mapped ({@code fstat} of the descriptor
 * for the size, the path's inode for a replacement). The engine asks at attach, at every wait
 * slice and before its compare-and-set paths; a fault between such a check and an access
 * surfaces as the JVM's {@code InternalError} for a faulting memory access, which the engine
 * reports as a corrupted buffer.
 *
 * <p>Not thread-safe.
 */
public final class SharedMemory implements AutoCloseable {
    /** Where glibc keeps shared-memory objects. */
    public static final Path DIRECTORY = Path.of("/dev/shm");

    /** Overlays (or mappings) whose final unmap waits for their views to become unreachable. */
    private static final AtomicInteger LINGERING = new AtomicInteger();

    private final String name;
    private final int fd;
    private final long address;
    private final long size;
    private final long inode;
    /** The JDK buffer every view of this mapping is derived from (and keeps reachable). */
    private final ByteBuffer root;
    private final ByteBuffer segment;
    private final int permissions;
    private boolean closed;

    private SharedMemory(String name, int fd, long address, long size, boolean writable, int permissions) {
        this.name = name;
        this.fd = fd;
        this.address = address;
        this.size = size;
        this.permissions = permissions;
        this.root = new Pointer(address).getByteBuffer(0, size).order(ByteOrder.LITTLE_ENDIAN);
        this.segment = writable ? root : root.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Object> identity = identityOf(descriptorPath(fd));
        this.inode = identity == null ? -1 : (Long) identity.get("ino");
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
        String failed = LibC.fchmod(fd, mode) != 0 ? "fchmod" : LibC.ftruncate(fd, size) != 0 ? "ftruncate"
                : !allocate(fd, size) ? "fallocate" : null;
        if (failed != null) {
            int errno = LibC.errno();
            LibC.close(fd);
            LibC.shm_unlink(name);
            String what = failed.equals("fchmod") ? FileStatus.octal(mode)
                    : errno == LibC.ENOSPC ? size + " bytes, more than /dev/shm has free" : size + " bytes";
            throw new NativeCallException(name, failed, "/dev/shm/" + name + ", " + what, errno);
        }
        return map(name, fd, size, true, mode);
    }

    /**
     * Gives the new object all its pages now ({@code fallocate}): a {@code /dev/shm} with too
     * little free space fails here, with ENOSPC, instead of with a fault in whichever process
     * first touches a page that cannot be had; and no frame of the first lap through the ring
     * waits for a page to be allocated and zeroed. A file system without {@code fallocate}
     * keeps the sparse object {@code ftruncate} made. A signal during a large allocation
     * interrupts it (EINTR, the pages so far kept); it is then asked again.
     *
     * @return whether the pages are there or the file system cannot allocate ahead; {@code false}
     *         with errno set when the allocation failed
     */
    private static boolean allocate(int fd, long size) {
        while (LibC.fallocate(fd, 0, 0, size) != 0) {
            int errno = LibC.errno();
            if (errno != LibC.EINTR) {
                return errno == LibC.EOPNOTSUPP || errno == LibC.ENOSYS;
            }
        }
        return true;
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

    /**
     * Maps the object. A read-write mapping (the reader that creates it, the writer) has its page
     * tables filled at once ({@code MAP_POPULATE}), so that the frames of the first lap through
     * the ring take no page faults; a read-only one (an observer such as the monitor, which reads
     * a few fields) maps only what it touches.
     */
    private static SharedMemory map(String name, int fd, long size, boolean writable, int permissions) {
        int prot = writable ? LibC.PROT_READ | LibC.PROT_WRITE : LibC.PROT_READ;
        int flags = writable ? LibC.MAP_SHARED | LibC.MAP_POPULATE : LibC.MAP_SHARED;
        long address = LibC.mmap(0, size, prot, flags, fd, 0);
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

    /**
     * Compares the object with what was mapped.
     *
     * @return {@code null} when the object still has the mapped size and, if its name still
     *         exists, still names the mapped inode; otherwise what was found against what was
     *         expected. A name that no longer exists is not damage (the reader removes it on
     *         close).
     */
    public String damage() {
        if (closed) {
            return null;
        }
        Map<String, Object> mapped = identityOf(descriptorPath(fd));
        if (mapped != null) {
            long found = (Long) mapped.get("size");
            if (found < size) {
                return "/dev/shm/" + name + " was truncated under the mapping: size " + found + " bytes found, "
                        + size + " expected (inode " + inode + ")";
            }
        }
        Map<String, Object> named = identityOf(DIRECTORY.resolve(name), LinkOption.NOFOLLOW_LINKS);
        if (named != null && inode >= 0 && (Long) named.get("ino") != inode) {
            return "/dev/shm/" + name + " was replaced: inode " + named.get("ino") + " (size " + named.get("size")
                    + ") found, inode " + inode + " (size " + size + ") expected";
        }
        return null;
    }

    /**
     * @return how many closed mappings still wait for their last view to become unreachable
     *         before their address range is unmapped (see the class comment)
     */
    public static int lingeringMappings() {
        return LINGERING.get();
    }

    /**
     * Releases the shared memory without ever unmapping under a view: overlays the range with
     * anonymous zero pages, closes the descriptor, and unmaps the overlay once every view is
     * unreachable (see the class comment). Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (size > 0) {
            LibC.mmap(address, size, LibC.PROT_READ | LibC.PROT_WRITE,
                    LibC.MAP_FIXED | LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS | LibC.MAP_NORESERVE, -1, 0);
            // Whether or not the overlay was made, the range stays mapped while a view can reach it.
            LINGERING.incrementAndGet();
            Unmapper.CLEANER.register(root, new Unmap(address, size));
        }
        closeDescriptor();
    }

    /**
     * Unmaps at once and closes the descriptor: only for a mapping no view of which outlives
     * the caller (a short look at a header). Idempotent.
     */
    public void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        if (size > 0) {
            LibC.munmap(address, size);
        }
        closeDescriptor();
    }

    private void closeDescriptor() {
        if (fd >= 0) {
            LibC.close(fd);
        }
    }

    private static Path descriptorPath(int fd) {
        return Path.of("/proc/self/fd/" + fd);
    }

    /** @return size and inode of the file (following a /proc descriptor link), or null if absent or unreadable */
    private static Map<String, Object> identityOf(Path path, LinkOption... options) {
        try {
            return Files.readAttributes(path, "unix:size,ino", options);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /** The final unmap of a closed mapping's range; holds no reference to any view. */
    private static final class Unmap implements Runnable {
        private final long address;
        private final long size;

        Unmap(long address, long size) {
            this.address = address;
            this.size = size;
        }

        @Override
        public void run() {
            LibC.munmap(address, size);
            LINGERING.decrementAndGet();
        }
    }

    /** The cleaner thread, started on the first close. */
    private static final class Unmapper {
        static final Cleaner CLEANER = Cleaner.create(task -> {
            Thread thread = new Thread(task, "zerobuffer-unmapper");
            thread.setDaemon(true);
            return thread;
        });
    }
}
