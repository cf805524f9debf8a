package io.zerobuffer.linux;

import io.zerobuffer.api.BufferNames;
import io.zerobuffer.linux.layout.Oieb;
import io.zerobuffer.linux.layout.OiebDescriptor;
import io.zerobuffer.linux.posix.FilePrefix;
import io.zerobuffer.linux.posix.FileStatus;
import io.zerobuffer.linux.posix.LockFile;
import io.zerobuffer.linux.posix.NamedSemaphore;
import io.zerobuffer.linux.posix.Processes;
import io.zerobuffer.linux.posix.SharedMemory;
import io.zerobuffer.linux.posix.Unlink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Removal of buffers left by dead processes (docs/PROTOCOL.md §5, stale sweep and orphans), run by
 * every reader before it creates a buffer and by the {@code zerobuffer sweep} command.
 *
 * <p>Candidates are found three ways: lock files in {@link ObjectNames#LOCK_DIRECTORY}; files in
 * {@code /dev/shm} whose first 128 bytes (read with {@code pread(2)}, nothing is mapped) are a
 * valid v1 OIEB naming no live reader or writer; and semaphore files {@code sem.sem-w-NAME} /
 * {@code sem.sem-r-NAME} with no segment {@code NAME} (the upstream Python reader leaves them).
 * A buffer is stale when nobody holds its lock file (or it has none) and its segment is absent or
 * a valid v1 OIEB whose reader and writer pids are both 0 or dead.
 *
 * <p>What is never touched: a buffer with a live party; a segment that is not a valid v1 OIEB
 * (another program's file, or a creator that died before writing its header); anything that is
 * not a regular file (a lock path that is a symbolic link or a FIFO is reported, never followed
 * or removed); anything this process may not remove (reported as {@link Outcome#REFUSED}).
 *
 * <p>Safe against a reader creating the same name at that moment: objects are removed only while
 * this process holds the buffer's {@code flock} (on its existing lock file, or on one it creates
 * exclusively when there is none), the state is examined again under that lock, and the lock
 * file goes last; a creator takes the lock before it creates anything and, after its
 * {@code flock}, checks that the path still names the file it locked. Thread-safe.
 */
public final class StaleSweep {
    private static final String SEMAPHORE_FILE_PREFIX = "sem.";
    private static final String DATA_READY_PREFIX = "sem-w-";
    private static final String SPACE_FREED_PREFIX = "sem-r-";
    /** {@code sizeof(sem_t)} on 64-bit glibc: the size of every named semaphore's file. */
    private static final long SEMAPHORE_FILE_SIZE = 32;

    /** What the sweep did, or would do, with one object. */
    public enum Outcome {
        /** Removed. */
        REMOVED,
        /** A dry run: would be removed. */
        WOULD_REMOVE,
        /** Stale but not removable by this process (another user's, or an unsafe path): left, reported. */
        REFUSED,
        /** Left alone on purpose: a live party, or not a v1 buffer. */
        KEPT,
        /** Removal failed for another reason. */
        FAILED
    }

    /**
     * One finding.
     *
     * @param outcome what was done
     * @param buffer  the buffer name
     * @param path    the object
     * @param reason  why, in words (the pids and their state, the lock file's state, the refusal)
     */
    public record Finding(Outcome outcome, String buffer, Path path, String reason) {
        @Override
        public String toString() {
            return outcome + " " + path + ": " + reason;
        }
    }

    private final Path lockDirectory;
    private final Path shmDirectory;
    private final boolean dryRun;
    private final List<Finding> findings = new ArrayList<>();
    private final ByteBuffer probe = ByteBuffer.allocateDirect(OiebDescriptor.OIEB_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private final Oieb probeOieb = new Oieb(probe);

    private StaleSweep(boolean dryRun) {
        this.lockDirectory = ObjectNames.LOCK_DIRECTORY;
        this.shmDirectory = SharedMemory.DIRECTORY;
        this.dryRun = dryRun;
    }

    /** Sweeps every stale buffer on the host (what a reader runs before it creates one). */
    public static void sweepAll() {
        sweep(false);
    }

    /**
     * @param dryRun only report what would be removed, change nothing (not even a lock file)
     * @return every finding, in name order: removed (or would be), refused, failed, and buffers
     *         kept that a lock file or a dead party pointed at
     */
    public static List<Finding> sweep(boolean dryRun) {
        return sweep(dryRun, name -> true);
    }

    /**
     * @param dryRun only report what would be removed, change nothing (not even a lock file)
     * @param names  which buffer names to consider (others are neither examined further nor
     *               touched)
     * @return every finding for those names, as {@link #sweep(boolean)} gives them
     */
    public static List<Finding> sweep(boolean dryRun, Predicate<String> names) {
        StaleSweep sweep = new StaleSweep(dryRun);
        for (String name : sweep.candidates()) {
            if (names.test(name)) {
                sweep.sweepBuffer(name);
            }
        }
        return Collections.unmodifiableList(sweep.findings);
    }

    /** @return names with a lock file, a v1 segment naming no live party, or semaphores without a segment */
    private TreeSet<String> candidates() {
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> locks = Files.newDirectoryStream(lockDirectory, "*" + ObjectNames.LOCK_SUFFIX)) {
            for (Path lock : locks) {
                String file = lock.getFileName().toString();
                addIfValid(names, file.substring(0, file.length() - ObjectNames.LOCK_SUFFIX.length()));
            }
        } catch (IOException ignored) {
            // no lock directory (yet), or one we cannot list: no lock files to consider
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(shmDirectory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(SEMAPHORE_FILE_PREFIX + DATA_READY_PREFIX)
                        || name.startsWith(SEMAPHORE_FILE_PREFIX + SPACE_FREED_PREFIX)) {
                    String buffer = name.substring(SEMAPHORE_FILE_PREFIX.length() + DATA_READY_PREFIX.length());
                    if (!Files.exists(shmDirectory.resolve(buffer))) {
                        addIfValid(names, buffer);
                    }
                } else if (!name.startsWith(SEMAPHORE_FILE_PREFIX) && isValidName(name)) {
                    Segment segment = examineSegment(name);
                    if (segment.valid && !segment.hasLiveParty()) {
                        names.add(name);
                    }
                }
            }
        } catch (IOException ignored) {
            // /dev/shm unreadable: nothing found there
        }
        return names;
    }

    private static void addIfValid(TreeSet<String> names, String name) {
        if (isValidName(name)) {
            names.add(name);
        }
    }

    private static boolean isValidName(String name) {
        try {
            BufferNames.validate(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void sweepBuffer(String name) {
        ObjectNames names = ObjectNames.of(name);
        Path lockPath = names.lockFile();
        FileStatus lockStatus;
        try {
            lockStatus = FileStatus.lstat(lockPath);
        } catch (IOException e) {
            report(Outcome.FAILED, name, lockPath, "cannot examine the lock file: " + e);
            return;
        }
        if (lockStatus != null && !lockStatus.isRegularFile()) {
            report(Outcome.REFUSED, name, lockPath, "is " + lockStatus.type() + " (" + lockStatus.describe()
                    + "), not a regular file: never followed or removed; its owner or root must remove it");
            return;
        }
        if (!examine(names).stale) {
            return; // the common case of a live buffer: no lock taken, nothing reported
        }
        LockFile lock = null;
        if (lockStatus != null) {
            lock = LockFile.tryExisting(lockPath);
            if (lock == null) {
                if (!Files.isReadable(lockPath)) {
                    report(Outcome.REFUSED, name, lockPath, "the buffer looks stale, but " + FileStatus.currentUser()
                            + " may not open its lock file to sweep it safely (" + lockStatus.describe() + ")");
                }
                return; // held (a live reader, or a creator right now) or gone: not ours to sweep
            }
        } else if (!dryRun) {
            try {
                lock = LockFile.tryCreate(name, lockPath);
            } catch (RuntimeException e) {
                report(Outcome.REFUSED, name, lockPath, "cannot create the lock file to sweep under: " + e.getMessage());
                return;
            }
            if (lock == null) {
                return; // a creator took the name meanwhile
            }
        }
        try {
            State state = examine(names);   // again, now that nobody can be creating it
            if (!state.stale) {
                if (state.keptReason != null) {
                    report(Outcome.KEPT, name, shmDirectory.resolve(name), state.keptReason);
                }
                return;
            }
            if (state.segment.present) {
                if (state.segment.valid) {
                    remove(name, shmDirectory.resolve(name), state.segment.status, state.reason(lockStatus));
                } else {
                    report(Outcome.KEPT, name, shmDirectory.resolve(name), state.segment.why);
                }
            }
            if (state.segment.valid || !state.segment.present) {
                for (Path semaphore : new Path[] {NamedSemaphore.fileOf(names.dataReady()),
                    NamedSemaphore.fileOf(names.spaceFreed())}) {
                    FileStatus status = semaphoreFile(semaphore);
                    if (status != null) {
                        remove(name, semaphore, status, state.segment.present ? state.reason(lockStatus)
                                : "a semaphore without its segment /dev/shm/" + name + ", lock file "
                                        + lockState(lockStatus));
                    }
                }
            }
            if (lock != null && !lock.created()) {
                if (dryRun) {
                    reportRemoval(Outcome.WOULD_REMOVE, name, lockPath, lockStatus, "a lock file nobody holds");
                } else if (lock.deleteAndRelease()) {
                    report(Outcome.REMOVED, name, lockPath, "a lock file nobody holds");
                } else {
                    report(Outcome.REFUSED, name, lockPath, "a lock file nobody holds; but " + FileStatus.currentUser()
                            + " may not remove it (" + lockStatus.describe() + ")");
                }
            }
        } finally {
            if (lock != null) {
                if (lock.created()) {
                    lock.deleteAndRelease();
                } else {
                    lock.close();
                }
            }
        }
    }

    private void remove(String name, Path path, FileStatus status, String reason) {
        if (dryRun) {
            reportRemoval(Outcome.WOULD_REMOVE, name, path, status, reason);
            return;
        }
        switch (Unlink.remove(path)) {   // unlink(2), as shm_unlink and sem_unlink: never follows a link
            case REMOVED:
                report(Outcome.REMOVED, name, path, reason);
                break;
            case NOT_PERMITTED:
                report(Outcome.REFUSED, name, path, reason + "; but " + FileStatus.currentUser()
                        + " may not remove it (" + status.describe() + ")");
                break;
            case FAILED:
                report(Outcome.FAILED, name, path, reason + "; removal failed");
                break;
            default:
                break; // removed by someone else meanwhile
        }
    }

    /** A dry run's verdict: would remove, or would be refused (another user's file in a sticky directory). */
    private void reportRemoval(Outcome outcome, String name, Path path, FileStatus status, String reason) {
        if (mayRemove(path, status)) {
            report(outcome, name, path, reason);
        } else {
            report(Outcome.REFUSED, name, path, reason + "; but " + FileStatus.currentUser() + " may not remove it ("
                    + status.describe() + ")");
        }
    }

    private static boolean mayRemove(Path path, FileStatus status) {
        int self = FileStatus.currentUid();
        if (self == 0) {
            return true;
        }
        try {
            Path parent = path.getParent();
            FileStatus directory = FileStatus.lstat(parent);
            if (directory == null || !Files.isWritable(parent)) {
                return false;
            }
            return (directory.permissions() & 01000) == 0 || status.uid() == self || directory.uid() == self;
        } catch (IOException e) {
            return false;
        }
    }

    private void report(Outcome outcome, String name, Path path, String reason) {
        findings.add(new Finding(outcome, name, path, reason));
    }

    private static String lockState(FileStatus lockStatus) {
        return lockStatus == null ? "missing" : "not held";
    }

    /** @return the semaphore file's status if it is a regular file of a semaphore's size, else null */
    private static FileStatus semaphoreFile(Path path) {
        try {
            FileStatus status = FileStatus.lstat(path);
            return status != null && status.isRegularFile() && status.size() == SEMAPHORE_FILE_SIZE ? status : null;
        } catch (IOException e) {
            return null;
        }
    }

    private State examine(ObjectNames names) {
        Segment segment = examineSegment(names.sharedMemory());
        boolean semaphores = semaphoreFile(NamedSemaphore.fileOf(names.dataReady())) != null
                || semaphoreFile(NamedSemaphore.fileOf(names.spaceFreed())) != null;
        FileStatus lock;
        try {
            lock = FileStatus.lstat(names.lockFile());
        } catch (IOException e) {
            lock = null;
        }
        if (segment.present && segment.valid) {
            if (segment.hasLiveParty()) {
                return new State(false, segment, segment.liveReason());
            }
            return new State(true, segment, null);
        }
        if (segment.present) {
            // not a v1 buffer (or unreadable): never touched; only an unheld lock file of its name goes
            return new State(lock != null, segment, null);
        }
        return new State(semaphores || lock != null, segment, null);
    }

    private Segment examineSegment(String name) {
        Path file = shmDirectory.resolve(name);
        FileStatus status;
        try {
            status = FilePrefix.read(file, probe);
        } catch (AccessDeniedException e) {
            return new Segment(true, false, null, 0, 0, "cannot be read by " + FileStatus.currentUser()
                    + " to check that it is a v1 buffer (" + e.getReason() + "): left alone");
        } catch (IOException e) {
            return new Segment(true, false, null, 0, 0, "cannot be read (" + e.getMessage() + "): left alone");
        }
        if (status == null) {
            boolean present = Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return new Segment(present, false, null, 0, 0, present ? "not a regular file: left alone" : null);
        }
        if (probe.limit() < OiebDescriptor.OIEB_SIZE || !isV1(probeOieb, status.size())) {
            return new Segment(true, false, status, 0, 0, "not a valid v1 ZeroBuffer header (oieb_size "
                    + (probe.limit() >= 4 ? probeOieb.oiebSize() : -1) + ", " + status.size() + " bytes): left alone");
        }
        return new Segment(true, true, status, probeOieb.readerPid(), probeOieb.writerPid(), null);
    }

    private static boolean isV1(Oieb oieb, long fileSize) {
        if (oieb.oiebSize() != OiebDescriptor.OIEB_SIZE || oieb.versionMajor() != OiebDescriptor.VERSION_MAJOR) {
            return false;
        }
        long metadataSize = oieb.metadataSize();
        long payloadSize = oieb.payloadSize();
        return metadataSize >= 0 && payloadSize > 0 && metadataSize <= fileSize && payloadSize <= fileSize
                && OiebDescriptor.OIEB_SIZE + metadataSize + payloadSize <= fileSize;
    }

    /** A segment as read from its first 128 bytes. */
    private record Segment(boolean present, boolean valid, FileStatus status, long readerPid, long writerPid, String why) {
        boolean hasLiveParty() {
            return Processes.isAlive(readerPid) || Processes.isAlive(writerPid);
        }

        String liveReason() {
            return "kept: reader " + party(readerPid) + ", writer " + party(writerPid);
        }

        String deadReason() {
            return "reader " + party(readerPid) + ", writer " + party(writerPid);
        }

        private static String party(long pid) {
            return pid == 0 ? "none (pid 0)" : pid + (Processes.isAlive(pid) ? " alive" : " dead");
        }
    }

    /** A buffer's state: stale or not, and why. */
    private record State(boolean stale, Segment segment, String keptReason) {
        String reason(FileStatus lockStatus) {
            return "orphan v1 buffer: " + segment.deadReason() + ", lock file " + lockState(lockStatus);
        }
    }

    /**
     * Unlinks a buffer's shared memory and both semaphores (not its lock file). The caller holds
     * the buffer's lock.
     *
     * @param names the buffer's object names
     */
    static void removeObjects(ObjectNames names) {
        SharedMemory.unlink(names.sharedMemory());
        NamedSemaphore.unlink(names.dataReady());
        NamedSemaphore.unlink(names.spaceFreed());
    }
}
