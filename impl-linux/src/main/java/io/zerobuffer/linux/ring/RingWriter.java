package io.zerobuffer.linux.ring;

import static io.zerobuffer.linux.layout.FrameHeaderDescriptor.HEADER_LENGTH;

import io.zerobuffer.api.BufferCorruptedException;
import io.zerobuffer.api.BufferFullException;
import io.zerobuffer.api.FrameTooLargeException;
import io.zerobuffer.api.InvalidFrameSizeException;
import io.zerobuffer.api.ReaderDeadException;
import io.zerobuffer.linux.layout.BufferWindow;
import io.zerobuffer.linux.layout.RingMemory;
import io.zerobuffer.linux.layout.Oieb;
import io.zerobuffer.linux.layout.OiebDescriptor;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

/**
 * The writer's half of the ring algorithm (docs/PROTOCOL.md §3): space check, wrap with or without a
 * marker, header, counters, one {@code data-ready} post per frame.
 *
 * <p>Invariants: the writer owns {@code payload_write_pos} and {@code payload_written_count};
 * {@code payload_free_bytes} only ever moves by atomic adds; the header and payload of a frame
 * are in memory before the release fence that precedes its post, so a reader that consumed the
 * post sees the whole frame. A frame needs {@code 16 + n} contiguous bytes; when fewer remain
 * before the end of the ring, the tail is given up (marked with a wrap marker when at least 16
 * bytes remain) and the frame goes to offset 0, so the space needed is the tail plus the frame.
 * With peer-friendly wrapping (the default) a frame that would leave a tail of 1 to 15 bytes
 * goes to offset 0 behind a marker instead, unless it is too large to be moved so.
 *
 * <p>Nothing shared is trusted: before a frame is placed, the sizes are compared with those
 * validated at attach, {@code payload_write_pos} with the value this writer stored, and the read
 * position and free bytes are checked against the ring ({@link SharedFields}); a mismatch is a
 * {@link io.zerobuffer.api.BufferCorruptedException} thrown before anything is written, so no
 * byte lands outside the ring and the writer stays usable.
 *
 * <p>Per frame: no allocation, one semaphore post (a native call only when the reader is
 * blocked on it). Optionally a full ring is watched by spinning before blocking. Not
 * thread-safe.
 */
public final class RingWriter {
    /** Longest single wait for space before the reader's liveness is checked again. */
    public static final long WAIT_SLICE_NANOS = Waiter.WAIT_SLICE_NANOS;
    /**
     * How often a writer with room asks whether the reader's process lives: half a wait slice,
     * so that a reader that died is reported within 100 ms even when the writer thread is
     * scheduled late (one question to the liveness predicate per period, none per frame).
     */
    public static final long LIVENESS_PERIOD_NANOS = WAIT_SLICE_NANOS / 2;
    /**
     * Longest single wait in {@link #drain(long)} before the free bytes are read again: shorter
     * than a wait slice, since the last release of a drain may come without a post the writer
     * can see (it is not waiting for space then).
     */
    private static final long DRAIN_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * Spin pauses between two reads of {@code payload_free_bytes} while the ring is full: the
     * reader writes that line on every release.
     */
    private static final int PAUSES_PER_POLL = 16;
    /** First pause after a wake-up without room when the {@code sem-r} count could not be emptied. */
    private static final long STALE_PAUSE_MIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** Longest such pause: how late a writer may notice room when the count cannot be emptied. */
    private static final long STALE_PAUSE_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final String bufferName;
    private final Oieb oieb;
    private final int ringOffset;
    private final long ringSize;
    /** metadata_size when this writer attached: compared on every frame, with {@link #ringSize}. */
    private final long metadataSize;
    private final Signal dataReady;
    private final Signal spaceFreed;
    private final LongPredicate isAlive;
    private final long writeTimeoutNanos;
    private final BufferWindow window;
    private final RingMemory ring;
    /** When the current or last wait for space began (0: none since it was taken). */
    private long waitStart;
    private final long spinNanos;
    private final boolean peerFriendlyWrap;

    /**
     * payload_write_pos and payload_written_count as this writer, their only writer, has them:
     * with the frames placed but not yet published ({@link #publish()}) — the shared fields lag
     * by those.
     */
    private long writePosition;
    private long writtenCount;
    /** payload_write_pos as this writer last stored it. */
    private long storedWritePosition;
    /** Ring bytes (frames and wrap tails) placed and not yet taken from payload_free_bytes. */
    private long placedBytes;
    /** Frames placed and not yet posted. */
    private int placedFrames;
    private long nextSequence = 1;
    private long framesWritten;
    private int acquiredSize = -1;
    private long acquiredPosition;
    /** The tail the acquired frame gives up by wrapping to offset 0 at commit; -1: no wrap. */
    private long acquiredWrapTail = -1;
    /** The bytes the frame being placed needs free: what {@link #waiter} waits for. */
    private long required;
    private final Waiter waiter;
    private long lastLivenessCheck = System.nanoTime() - WAIT_SLICE_NANOS;
    private long stalePauseNanos;
    /** Whether the last wrap left a marker (for {@link #framesConsumed()}). */
    private boolean lastWrapMarked;
    private volatile boolean closing;
    /** Whether this writer holds the {@link CoarseClock} (from its first frame until {@link #close()}). */
    private boolean clockHeld;
    private boolean closed;
    private Runnable waitSliceCheck = () -> { };

    /**
     * @param bufferName        buffer name, for messages
     * @param oieb              the mapped OIEB
     * @param ringOffset        segment offset of the ring
     * @param dataReady         the {@code sem-w} semaphore, posted once per frame
     * @param spaceFreed        the {@code sem-r} semaphore, waited on when the ring is full
     * @param isAlive           process liveness by pid
     * @param writeTimeoutNanos how long a frame may wait for space
     * @param spinNanos         how long a full ring is watched by spinning on
     *                          {@code payload_free_bytes} before blocking on the semaphore; 0
     *                          blocks at once
     */
    public RingWriter(String bufferName, Oieb oieb, int ringOffset, Signal dataReady, Signal spaceFreed,
            LongPredicate isAlive, long writeTimeoutNanos, long spinNanos) {
        this(bufferName, oieb, ringOffset, oieb.payloadSize(), dataReady, spaceFreed, isAlive, writeTimeoutNanos,
                spinNanos, true);
    }

    /**
     * @param bufferName        buffer name, for messages
     * @param oieb              the mapped OIEB
     * @param ringOffset        segment offset of the ring: 128 + metadata_size as validated at attach
     * @param ringSize          payload_size as validated at attach; the ring must lie inside the
     *                          segment. Every frame checks that the shared sizes still match.
     * @param dataReady         the {@code sem-w} semaphore, posted once per frame
     * @param spaceFreed        the {@code sem-r} semaphore, waited on when the ring is full
     * @param isAlive           process liveness by pid, asked on the frame thread once per
     *                          {@link #LIVENESS_PERIOD_NANOS} (so it should not allocate)
     * @param writeTimeoutNanos how long a frame may wait for space
     * @param spinNanos         how long a full ring is watched by spinning before blocking; 0
     *                          blocks at once
     * @param peerFriendlyWrap  whether a tail of 1 to 15 bytes is never left without a marker
     */
    public RingWriter(String bufferName, Oieb oieb, int ringOffset, long ringSize, Signal dataReady,
            Signal spaceFreed, LongPredicate isAlive, long writeTimeoutNanos, long spinNanos,
            boolean peerFriendlyWrap) {
        this.peerFriendlyWrap = peerFriendlyWrap;
        this.spinNanos = Math.max(0, spinNanos);
        this.bufferName = bufferName;
        this.oieb = oieb;
        ByteBuffer segment = oieb.segment();
        this.ringOffset = ringOffset;
        this.ringSize = ringSize;
        this.metadataSize = ringOffset - (long) OiebDescriptor.OIEB_SIZE;
        this.dataReady = dataReady;
        this.spaceFreed = spaceFreed;
        this.isAlive = isAlive;
        this.writeTimeoutNanos = writeTimeoutNanos;
        this.window = new BufferWindow(segment, false);
        this.ring = new RingMemory(segment, ringOffset, ringSize);
        this.writePosition = SharedFields.checkInRing(bufferName, "payload_write_pos", oieb.writePosition(), ringSize);
        this.storedWritePosition = writePosition;
        this.writtenCount = oieb.writtenCount();
        this.waiter = new Waiter(PAUSES_PER_POLL, new Waiter.Condition() {
            @Override
            public boolean met() {
                return oieb.payloadFreeBytes() >= required;
            }

            @Override
            public boolean abandoned() {
                return closing;
            }
        });
    }

    /**
     * Reserves room for a frame, waiting for the reader to free space if needed, and returns the
     * payload region in place.
     *
     * @param size payload bytes, at least 1
     * @return a writable view of the payload region; position 0, limit {@code size}
     */
    public ByteBuffer acquire(int size) {
        return reserve(size, true);
    }

    /**
     * Reserves room for a frame if the ring has it now, without waiting.
     *
     * @param size payload bytes, at least 1
     * @return a writable view of the payload region (position 0, limit {@code size}), or
     *         {@code null} when the ring has no room for it now
     */
    public ByteBuffer tryAcquire(int size) {
        return reserve(size, false);
    }

    /**
     * Gives up the acquired frame: nothing of it reaches the ring's shared state (a wrap it
     * needed is done only at commit), and the view is emptied.
     *
     * @throws IllegalStateException if no frame is acquired
     */
    public void abort() {
        if (acquiredSize < 0) {
            throw new IllegalStateException("buffer '" + bufferName + "': abort without an acquired frame");
        }
        clearView();
    }

    private ByteBuffer reserve(int size, boolean wait) {
        if (!claim(size, wait)) {
            return null;
        }
        return window.moveTo(ringOffset + (int) acquiredPosition + HEADER_LENGTH, size);
    }

    /**
     * Claims room for a frame: checks the reader and the shared fields, waits for space if
     * needed, and records where the frame goes ({@link #acquiredPosition}, the wrap it needs).
     *
     * @return whether the room is claimed; {@code false} only when the caller does not wait and
     *         the ring has no room now
     */
    private boolean claim(int size, boolean wait) {
        if (acquiredSize >= 0 || size < 1) {
            throw badClaim(size);
        }
        long total = HEADER_LENGTH + (long) size;
        long writePosition = this.writePosition;
        long spaceToEnd = ringSize - writePosition;
        boolean wraps = wraps(spaceToEnd, total);
        long required = wraps ? spaceToEnd + total : total;
        if (required > ringSize) {
            throw tooLarge(size, total, spaceToEnd, required);
        }
        if (!clockHeld) {
            holdClock();
        }
        checkReaderPresent();
        if (checkedFreeBytes() < required && !makeRoom(required, wait)) {
            return false;
        }
        acquiredWrapTail = wraps ? spaceToEnd : -1;
        acquiredPosition = wraps ? 0 : writePosition;
        acquiredSize = size;
        return true;
    }

    /**
     * The ring has too little room for a frame: when the caller waits, the frames a batch placed
     * go to the reader first, then the writer waits for the space.
     *
     * @return whether the room is there now; {@code false} when the caller does not wait
     */
    private boolean makeRoom(long required, boolean wait) {
        if (!wait) {
            return false;
        }
        publish();
        awaitSpace(required);
        checkedFreeBytes();
        return true;
    }

    private RuntimeException badClaim(int size) {
        if (acquiredSize >= 0) {
            return new IllegalStateException("buffer '" + bufferName + "': a frame of " + acquiredSize
                    + " bytes is acquired and not committed yet");
        }
        return new InvalidFrameSizeException(bufferName, "frame size " + size + " is below the minimum of 1 byte");
    }

    private FrameTooLargeException tooLarge(int size, long total, long spaceToEnd, long required) {
        if (total > ringSize) {
            return new FrameTooLargeException(bufferName, "frame of " + size + " bytes needs " + total
                    + " bytes with its header, the ring has " + ringSize);
        }
        return new FrameTooLargeException(bufferName, "frame of " + size + " bytes cannot be placed at write position "
                + writePosition + ": it needs the " + spaceToEnd + " tail bytes plus " + total + " = " + required
                + " bytes, more than the ring's " + ringSize + " (frames over half the ring fit only at offset 0)");
    }

    /**
     * Validates the shared fields a frame uses, before anything is written (PROTOCOL.md §3 step
     * 2): sizes as at attach, {@code payload_write_pos} as this writer stored it,
     * {@code payload_read_pos} inside the ring, {@code payload_free_bytes} within
     * {@code [0, ring size]}. All of them share the OIEB's first cache line, which the space check
     * reads anyway.
     *
     * @return payload_free_bytes less the bytes placed and not yet published
     * @throws io.zerobuffer.api.BufferCorruptedException naming the field and value
     */
    private long checkedFreeBytes() {
        long free = oieb.payloadFreeBytes();
        long readPosition = oieb.readPositionPlain();
        if (free < 0 || free > ringSize || oieb.writePositionPlain() != storedWritePosition
                || oieb.payloadSizePlain() != ringSize || oieb.metadataSizePlain() != metadataSize
                || readPosition < 0 || readPosition > ringSize) {
            throw SharedFields.describe(bufferName, oieb, metadataSize, ringSize, "payload_write_pos",
                    storedWritePosition, free);
        }
        return free - placedBytes;
    }

    /** Publishes the acquired frame: {@link #place()}, then {@link #publish()}. */
    public void commit() {
        window.clear();
        place();
        publish();
    }

    /**
     * Writes the acquired frame's wrap and header into the ring and advances this writer's
     * position and counts, without touching the shared counters: the wrap it needs (a marker
     * over the tail when 16 bytes or more remain, the write position to 0), its header. The
     * reader cannot see it before {@link #publish()}.
     */
    private void place() {
        int size = acquiredSize;
        if (size < 0) {
            throw new IllegalStateException("buffer '" + bufferName + "': commit without an acquired frame");
        }
        long tail = acquiredWrapTail;
        if (tail >= 0) {
            lastWrapMarked = tail >= HEADER_LENGTH;
            if (lastWrapMarked) {
                ring.writeMarker(writePosition);
                writtenCount++;
            }
            placedBytes += tail;
            writePosition = 0;
        }
        long total = HEADER_LENGTH + (long) size;
        ring.write(acquiredPosition, size, nextSequence);
        writePosition = acquiredPosition + total;
        placedBytes += total;
        writtenCount++;
        placedFrames++;
        nextSequence++;
        framesWritten++;
        acquiredSize = -1;
        acquiredWrapTail = -1;
    }

    /**
     * Hands the placed frames to the reader: write position, free bytes (one atomic add for all
     * of them), written count, a release fence, and one {@code sem-w} post per frame (one
     * atomic add on the semaphore's count when no waiter must be woken). Nothing when nothing
     * is placed.
     */
    private void publish() {
        int frames = placedFrames;
        if (frames == 0) {
            return;
        }
        oieb.writePosition(writePosition);
        storedWritePosition = writePosition;
        oieb.addPayloadFreeBytes(-placedBytes);
        oieb.writtenCount(writtenCount);
        placedBytes = 0;
        placedFrames = 0;
        VarHandle.releaseFence();
        dataReady.post(frames);
    }

    /**
     * Copies several frames in, in order, and hands them to the reader together: one check of
     * the reader and the shared fields per frame as {@link #write(ByteBuffer)} does, but one
     * update of the shared counters and one batch of {@code sem-w} posts for all the frames that
     * fit, instead of one per frame. When the ring has no room for the next frame, the frames
     * placed so far are published first and the writer waits as {@link #acquire(int)} does.
     *
     * @param sources the frames, each from its position to its limit (positions not changed)
     * @param offset  the first frame
     * @param count   how many frames
     * @throws IllegalStateException if a frame is acquired and not committed
     */
    public void writeBatch(ByteBuffer[] sources, int offset, int count) {
        if (offset < 0 || count < 0 || offset > sources.length - count) {
            throw new IndexOutOfBoundsException("offset " + offset + " and count " + count
                    + " outside an array of " + sources.length + " frames");
        }
        try {
            for (int i = offset, end = offset + count; i < end; i++) {
                copyIn(sources[i]);
                place();
            }
        } catch (BufferCorruptedException | InternalError e) {
            // nothing more goes into a ring another process damaged
            placedFrames = 0;
            placedBytes = 0;
            throw e;
        } finally {
            // the frames placed before one that failed are whole: they go out
            publish();
        }
    }

    /**
     * Copies a frame in: claims its room, copies it straight into the ring, places and publishes it.
     *
     * @param source the payload from position to limit; its position is not changed
     */
    public void write(ByteBuffer source) {
        copyIn(source);
        place();
        publish();
    }

    /** Claims room for a frame (waiting for it) and copies it in, without moving the view. */
    private void copyIn(ByteBuffer source) {
        claim(source.remaining(), true);
        try {
            ring.copyIn(acquiredPosition + HEADER_LENGTH, source);
        } catch (RuntimeException e) {
            clearView();
            throw e;
        }
    }

    /**
     * Copies a frame in: claims its room, copies it straight into the ring, places and publishes it.
     *
     * @param source array
     * @param offset first byte
     * @param length payload size
     */
    public void write(byte[] source, int offset, int length) {
        if (offset < 0 || length < 0 || offset > source.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " and length " + length
                    + " outside an array of " + source.length);
        }
        claim(length, true);
        ring.copyIn(acquiredPosition + HEADER_LENGTH, source, offset, length);
        place();
        publish();
    }

    /**
     * Waits until every frame written so far is released (the free bytes are back to the ring
     * size) or the reader is gone.
     *
     * @param timeoutNanos the longest wait
     * @return whether the ring drained or the reader is gone
     */
    public boolean drain(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        stalePauseNanos = 0;
        while (oieb.payloadFreeBytes() < ringSize && isAlive.test(oieb.readerPid())) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            waitSliceCheck.run();
            if (spaceFreed.await(Math.min(remaining, DRAIN_SLICE_NANOS)) && oieb.payloadFreeBytes() < ringSize) {
                afterWakeUpWithoutSpace();
            }
        }
        return true;
    }

    /**
     * @param check run with every liveness check of the reader while waiting for space or
     *              draining; it may throw to end the wait
     */
    public void onWaitSlice(Runnable check) {
        this.waitSliceCheck = check;
    }

    /** @return frames committed by this writer */
    public long framesWritten() {
        return framesWritten;
    }

    /**
     * The start of the last wait for space, for a caller that accounts blocked time: the clock
     * is read only when the ring is full, never per frame. Reading it clears it.
     *
     * @return {@link System#nanoTime()} when the last frame began to wait for space, 0 if it did
     *         not wait
     */
    public long takeWaitStart() {
        long start = waitStart;
        waitStart = 0;
        return start;
    }

    /** @return whether a frame is acquired and not committed */
    public boolean hasAcquired() {
        return acquiredSize >= 0;
    }

    /** Makes a writer blocked waiting for space give up at its next wake-up. */
    public void interruptWaits() {
        closing = true;
        spaceFreed.post();
    }

    /**
     * Lets go of what this writer holds outside the shared memory (its hold on the
     * {@link CoarseClock}); it writes no more frames. Idempotent; the view is cleared.
     */
    public synchronized void close() {
        clearView();
        if (!closed) {
            closed = true;
            if (clockHeld) {
                CoarseClock.release();
            }
        }
    }

    private synchronized void holdClock() {
        if (closed) {
            throw new IllegalStateException("buffer '" + bufferName + "': writer is closed");
        }
        CoarseClock.retain();
        clockHeld = true;
    }

    /** Empties the view handed out by {@link #acquire(int)}, so a stale holder fails loudly. */
    public void clearView() {
        acquiredSize = -1;
        acquiredWrapTail = -1;
        window.clear();
    }

    private void awaitSpace(long required) {
        this.required = required;
        if (oieb.payloadFreeBytes() >= required) {
            return;
        }
        if (spinNanos > 0 ? waiter.spin(spinNanos) : waiter.yieldOnce()) {
            return;
        }
        long start = System.nanoTime();
        waitStart = start;
        long deadline = start + writeTimeoutNanos;
        stalePauseNanos = 0;
        long nextLivenessCheck = lastLivenessCheck + WAIT_SLICE_NANOS;
        while (oieb.payloadFreeBytes() < required) {
            if (closing) {
                throw new IllegalStateException("buffer '" + bufferName + "': writer closed while waiting for space");
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw new BufferFullException(bufferName, "no room for " + required + " bytes within "
                        + TimeUnit.NANOSECONDS.toMillis(writeTimeoutNanos) + " ms: " + oieb.payloadFreeBytes()
                        + " of " + ringSize + " bytes free, reader at " + oieb.readPosition());
            }
            boolean woken = spaceFreed.await(Math.min(deadline - now, WAIT_SLICE_NANOS));
            if (woken && oieb.payloadFreeBytes() < required) {
                afterWakeUpWithoutSpace();
            }
            if (!woken || System.nanoTime() - nextLivenessCheck >= 0) {
                checkReaderAlive();
                nextLivenessCheck = lastLivenessCheck + WAIT_SLICE_NANOS;
            }
        }
    }

    /**
     * A wake-up that brought too little room. {@code sem-r} holds one post per release the writer
     * did not wait for (docs/PROTOCOL.md §5a: up to {@code SEM_VALUE_MAX} after a long stream), and
     * each would wake the next wait at once: a loop of such wake-ups burns a core and polls the
     * reader's cache lines. So every pending post is consumed here; the free bytes are read again
     * after this (the loop condition), which sees any release whose post was taken, and the next
     * wait sleeps until the reader's next release. When the count cannot be emptied (no fast
     * path: the drain takes a bounded number of posts), the writer stops draining for the rest of
     * this wait and pauses instead, from {@link #STALE_PAUSE_MIN_NANOS} doubling up to
     * {@link #STALE_PAUSE_MAX_NANOS}, well within a wait slice.
     */
    private void afterWakeUpWithoutSpace() {
        if (stalePauseNanos == 0) {
            if (spaceFreed.drain()) {
                return;
            }
            stalePauseNanos = STALE_PAUSE_MIN_NANOS;
        } else {
            stalePauseNanos = Math.min(2 * stalePauseNanos, STALE_PAUSE_MAX_NANOS);
        }
        LockSupport.parkNanos(stalePauseNanos);
    }

    /**
     * Whether a frame goes to offset 0: when it does not fit before the end of the ring, and,
     * with peer-friendly wrapping (docs/PROTOCOL.md §3 step 3, ours), also when it would end 1 to 15
     * bytes before the end. Such a tail is too short for a wrap marker, and upstream readers
     * cannot skip a tail without one; so the frame is treated as not fitting: a marker goes where
     * it would have started (at least 17 bytes remain there) and the frame to 0. Only a frame the
     * ring cannot hold together with that tail (one within 15 bytes of half the ring or more:
     * {@code space_to_end + total > payload_size}) stays in place, leaving the tail as the
     * protocol allows: refusing it would fail a frame that fits.
     */
    private boolean wraps(long spaceToEnd, long total) {
        long tail = spaceToEnd - total;
        return tail < 0 || (peerFriendlyWrap && tail > 0 && tail < HEADER_LENGTH && spaceToEnd + total <= ringSize);
    }

    /**
     * Before every frame, whether or not the ring has room (docs/PROTOCOL.md §3 step 2, ours): one
     * shared read of {@code reader_pid} (0: the reader closed), and once per
     * {@link #LIVENESS_PERIOD_NANOS} the question whether the reader's process lives (the
     * engine's predicate keeps the reader's {@code /proc/PID/stat} open and answers with one read
     * of it, a few microseconds and no allocation); between those, one read of the {@link CoarseClock} (a
     * system clock read per frame cost more than all the other checks together). So a departed
     * reader is noticed by the next frame, at once when it closed and within 100 ms when it
     * died (the period plus the clock's tick), instead of when the ring is full.
     */
    private void checkReaderPresent() {
        long readerPid = oieb.readerPid();
        if (readerPid == 0) {
            throw readerGone(0);
        }
        long now = CoarseClock.nanoTime();
        if (now - lastLivenessCheck >= LIVENESS_PERIOD_NANOS) {
            lastLivenessCheck = now;
            if (!isAlive.test(readerPid)) {
                throw readerGone(readerPid);
            }
        }
    }

    private void checkReaderAlive() {
        lastLivenessCheck = System.nanoTime();
        long readerPid = oieb.readerPid();
        if (readerPid == 0 || !isAlive.test(readerPid)) {
            throw readerGone(readerPid);
        }
        waitSliceCheck.run();
    }

    /** @param readerPid the reader's pid, 0 if it closed the buffer */
    private ReaderDeadException readerGone(long readerPid) {
        long consumed = framesConsumed();
        String lost = "; it consumed " + consumed + " of the " + framesWritten + " frames written (payload_read_count "
                + oieb.readCount() + ", payload_written_count " + writtenCount + ")";
        return readerPid == 0
                ? new ReaderDeadException(bufferName, "reader_pid is 0: the reader closed the buffer" + lost, true,
                        framesWritten, consumed)
                : new ReaderDeadException(bufferName, "reader process " + readerPid + " is gone: it died" + lost, false,
                        framesWritten, consumed);
    }

    /**
     * Frames of this writer the reader has taken: this writer's frames less the entries the
     * reader has not read yet ({@code payload_written_count − payload_read_count}), where an
     * unread wrap marker is not a frame. The unread span is shorter than the ring, so it holds at
     * most one wrap: the last one, unread while the write position is behind the read position
     * (or equal to it: a full ring).
     *
     * @return between 0 and {@link #framesWritten()}
     */
    public long framesConsumed() {
        long unread = writtenCount - oieb.readCount();
        if (unread > 0 && lastWrapMarked && writePosition <= oieb.readPosition()) {
            unread--;
        }
        return Math.max(0, Math.min(framesWritten, framesWritten - unread));
    }
}
