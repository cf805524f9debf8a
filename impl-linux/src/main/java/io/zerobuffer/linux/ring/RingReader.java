package io.zerobuffer.linux.ring;

import static io.zerobuffer.linux.layout.FrameHeaderDescriptor.HEADER_LENGTH;

import io.zerobuffer.api.BufferCorruptedException;
import io.zerobuffer.api.EndOfStreamException;
import io.zerobuffer.api.Frame;
import io.zerobuffer.api.InvalidFrameSizeException;
import io.zerobuffer.api.SequenceErrorException;
import io.zerobuffer.api.WriterDeadException;
import io.zerobuffer.linux.layout.BufferWindow;
import io.zerobuffer.linux.layout.RingMemory;
import io.zerobuffer.linux.layout.Oieb;
import io.zerobuffer.linux.layout.OiebDescriptor;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.StampedLock;
import java.util.function.LongPredicate;

/**
 * The reader's half of the ring algorithm (docs/PROTOCOL.md §4): wait for a post, skip a tail gap
 * or a wrap marker, validate the header, hand out the payload in place, and on release return
 * the space and post once.
 *
 * <p>Invariants: the reader owns {@code payload_read_pos} and {@code payload_read_count}; every
 * {@code data-ready} post stands for exactly one committed frame (plus one when the writer
 * detaches), so the semaphore, not the counters, says whether a frame is unread. A post that
 * finds nothing unread is a detach: the end of the stream when no writer is attached, a stale
 * wake-up to skip when a new writer attached meanwhile. A frame with sequence 1 starts a new
 * writer session (upstream writers number from 1 each time they attach). One frame is
 * open at a time and space is returned only when it is closed, never before: the writer may
 * overwrite it from then on.
 *
 * <p>Nothing shared is trusted: after each post {@code payload_read_pos} (against the value this
 * reader stored) and {@code payload_free_bytes} are checked ({@link SharedFields}), and every
 * header is checked against the ring before its payload is handed out.
 *
 * <p>Per frame: no allocation, two semaphore operations (a wait, a post), which stay out of the
 * kernel while the writer is ahead and the writer is not blocked. Optionally a read spins on
 * {@code payload_written_count} before it blocks. Not thread-safe.
 */
public final class RingReader {
    /** Longest single wait for a frame before the writer's liveness is checked. */
    public static final long WAIT_SLICE_NANOS = Waiter.WAIT_SLICE_NANOS;
    /**
     * Spin pauses between two reads of {@code payload_written_count} while no frame is there:
     * the writer writes that line on every frame.
     */
    private static final int PAUSES_PER_POLL = 4;
    /**
     * Polls between two tries of the semaphore even though the written count has not moved (a
     * peer's count is only a hint: some count wrap markers, a new writer restarts them).
     */
    private static final int POLLS_PER_FORCED_TRY = 256;

    private final String bufferName;
    private final Oieb oieb;
    private final int ringOffset;
    private final long ringSize;
    /** metadata_size of the buffer: compared on every frame, with {@link #ringSize}. */
    private final long metadataSize;
    private final Signal dataReady;
    private final Signal spaceFreed;
    private final LongPredicate isAlive;
    private final RingFrame frame;
    private final RingMemory ring;
    private final StampedLock mappingGuard;
    private final long spinNanos;

    /** payload_read_pos and payload_read_count as this reader, their only writer, last stored them. */
    private long readPosition;
    private long readCount;
    /** When the current or last wait for a frame began (0: none since it was taken). */
    private long waitStart;
    private long expectedSequence = 1;
    private long framesRead;
    /** Frames of the current writer: it numbers from 1, so a sequence 1 starts a new count. */
    private long framesOfWriter;
    private boolean writerSeen;
    private volatile boolean closing;
    private Runnable waitSliceCheck = () -> { };
    private final Waiter waiter;
    /** payload_written_count when the current spin began; -1 makes the next poll try the semaphore. */
    private long writtenCountSeen;
    private int polls;

    /**
     * @param bufferName buffer name, for messages
     * @param oieb       the mapped OIEB
     * @param ringOffset segment offset of the ring
     * @param dataReady  the {@code sem-w} semaphore, one post per frame
     * @param spaceFreed the {@code sem-r} semaphore, posted once per released frame
     * @param isAlive    process liveness by pid
     * @param mappingGuard held shared while the memory is in use, exclusively by whoever unmaps
     *                   it; a frame's release takes it so that it never touches unmapped memory
     * @param spinNanos  how long a read spins on {@code payload_written_count} before it blocks on
     *                   the semaphore; 0 blocks at once
     */
    public RingReader(String bufferName, Oieb oieb, int ringOffset, Signal dataReady, Signal spaceFreed,
            LongPredicate isAlive, StampedLock mappingGuard, long spinNanos) {
        this.spinNanos = Math.max(0, spinNanos);
        this.bufferName = bufferName;
        this.oieb = oieb;
        ByteBuffer segment = oieb.segment();
        this.ringOffset = ringOffset;
        this.ringSize = oieb.payloadSize();
        this.metadataSize = ringOffset - (long) OiebDescriptor.OIEB_SIZE;
        this.dataReady = dataReady;
        this.spaceFreed = spaceFreed;
        this.isAlive = isAlive;
        this.frame = new RingFrame(this, new BufferWindow(segment, true));
        this.ring = new RingMemory(segment, ringOffset, ringSize);
        this.readPosition = oieb.readPosition();
        this.readCount = oieb.readCount();
        this.mappingGuard = mappingGuard;
        this.waiter = new Waiter(PAUSES_PER_POLL, new Waiter.Condition() {
            @Override
            public boolean met() {
                // the count is only a hint: nothing is read before a post has been consumed,
                // so every post is still consumed exactly once
                return (oieb.writtenCount() != writtenCountSeen || (++polls & (POLLS_PER_FORCED_TRY - 1)) == 0)
                        && dataReady.await(0);
            }

            @Override
            public boolean abandoned() {
                return closing;
            }
        });
    }

    /**
     * @param timeoutNanos the longest wait; 0 polls
     * @return the next frame, or {@code null} if none came in time
     * @throws EndOfStreamException if the writer detached and every frame has been read
     * @throws WriterDeadException  if the writer's process is gone and every frame has been read
     */
    public Frame read(long timeoutNanos) {
        if (frame.isOpen()) {
            throw stillOpen();
        }
        // the clock is read only when the frame is not there yet (~20 ns saved per frame)
        if (!(dataReady.await(0) && unreadBehindPost()) && !awaitUnread(timeoutNanos)) {
            return null;
        }
        writerSeen = true;
        return next();
    }

    /**
     * After a post was consumed: whether a frame is unread behind it. A post that finds nothing
     * unread is the wake-up a writer posted on detach: the end of the stream when no writer is
     * attached, and a stale wake-up to skip when a new writer attached meanwhile.
     */
    private boolean unreadBehindPost() {
        if (closing) {
            throw closed();
        }
        VarHandle.acquireFence();
        if (!nothingUnread(checkedFreeBytes())) {
            return true;
        }
        if (oieb.writerPid() == 0) {
            throw new EndOfStreamException(bufferName, "the writer detached after " + framesOfWriter + " frames");
        }
        return false;
    }

    /** Waits for a post with a frame behind it, skipping stale wake-ups; {@code false} on timeout. */
    private boolean awaitUnread(long timeoutNanos) {
        long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
        do {
            if (!awaitPost(deadline)) {
                return false;
            }
        } while (!unreadBehindPost());
        return true;
    }

    /** Steps 4 and 5: skip a tail gap or a wrap marker, validate the header, open the frame. */
    private Frame next() {
        long position = readPosition;
        if (ringSize - position < HEADER_LENGTH) {
            oieb.addPayloadFreeBytes(ringSize - position);
            position = 0;
            storeReadPosition(0);
        }
        long size = ring.payloadSize(position);
        long sequence = ring.sequence(position);
        if (size == 0 && sequence == 0) {
            skipMarker(position);
            position = 0;
            size = ring.payloadSize(0);
            sequence = ring.sequence(0);
        }
        if (sequence != expectedSequence) {
            if (sequence != 1) {
                throw new SequenceErrorException(bufferName, "expected sequence " + expectedSequence + ", found "
                        + sequence + " at ring offset " + position);
            }
            // a new writer session: upstream writers number from 1 each time they attach
            expectedSequence = 1;
            framesOfWriter = 0;
        }
        if (size <= 0 || size > ringSize - position - HEADER_LENGTH) {
            throw frameSizeError(position, size, sequence);
        }
        return open(position, size, sequence);
    }

    private void skipMarker(long position) {
        oieb.addPayloadFreeBytes(ringSize - position);
        storeReadPosition(0);
        oieb.readCount(++readCount);
    }

    private IllegalStateException stillOpen() {
        return new IllegalStateException("buffer '" + bufferName + "': frame " + frame.sequence()
                + " is still open; close it before reading the next");
    }

    private IllegalStateException closed() {
        return new IllegalStateException("buffer '" + bufferName + "': reader closed");
    }

    private InvalidFrameSizeException frameSizeError(long position, long size, long sequence) {
        return new InvalidFrameSizeException(bufferName, "frame " + sequence + " at ring offset " + position
                + " claims " + size + " bytes, the ring has " + (ringSize - position - HEADER_LENGTH)
                + " after its header");
    }

    /** Steps 6: advance read_pos and read_count, hand out the view. */
    private Frame open(long position, long size, long sequence) {
        long total = HEADER_LENGTH + size;
        long next = position + total;
        storeReadPosition(next >= ringSize ? next - ringSize : next);
        oieb.readCount(++readCount);
        expectedSequence++;
        framesRead++;
        framesOfWriter++;
        frame.open(ringOffset + (int) position + HEADER_LENGTH, (int) size, sequence, total);
        return frame;
    }

    private void storeReadPosition(long position) {
        readPosition = position;
        oieb.readPosition(position);
    }

    void release(long ringBytes) {
        long stamp = mappingGuard.readLock();
        try {
            if (closing) {
                return;
            }
            oieb.addPayloadFreeBytes(ringBytes);
            VarHandle.releaseFence();
            spaceFreed.post();
        } catch (InternalError fault) {
            throw new BufferCorruptedException(bufferName, "returning a frame's space faulted (" + fault.getMessage()
                    + "): the segment or a semaphore file was truncated or replaced by another process", fault);
        } finally {
            mappingGuard.unlockRead(stamp);
        }
    }

    /**
     * @param check run after every wait slice that ended without a frame (and on a poll that
     *              found none); it may throw to end the read
     */
    public void onWaitSlice(Runnable check) {
        this.waitSliceCheck = check;
    }

    /** @return frames handed out */
    public long framesRead() {
        return framesRead;
    }

    /** @return whether a frame is open */
    public boolean hasOpenFrame() {
        return frame.isOpen();
    }

    /** Releases the open frame, if any, returning its space. */
    public void releaseOpenFrame() {
        frame.close();
    }

    /** Forgets the open frame without touching the ring (the mapping is about to go). */
    public void abandonOpenFrame() {
        frame.abandon();
    }

    /** Makes a reader blocked in {@link #read(long)} return at once with an exception. */
    public void interruptWaits() {
        closing = true;
        dataReady.post();
    }

    String bufferName() {
        return bufferName;
    }

    private boolean nothingUnread(long free) {
        return oieb.writtenCount() <= readCount || free >= ringSize;
    }

    /**
     * Validates the shared fields a read uses (PROTOCOL.md §4): {@code payload_read_pos} as this
     * reader stored it, {@code payload_free_bytes} within {@code [0, ring size]}. The frame
     * header is checked against the ring after it is read. The sizes are this reader's own
     * (it created the buffer and never reads them back); a writer compares them on every frame.
     *
     * Called after a post was consumed; on failure the post is given back.
     *
     * @return payload_free_bytes
     * @throws io.zerobuffer.api.BufferCorruptedException naming the field and value
     */
    private long checkedFreeBytes() {
        long free = oieb.payloadFreeBytes();
        if (free < 0 || free > ringSize || oieb.readPositionPlain() != readPosition) {
            // the frame this post stands for is still unread: give the post back, so that a
            // repaired buffer reads on from here
            dataReady.post();
            throw SharedFields.describe(bufferName, oieb, metadataSize, ringSize, "payload_read_pos", readPosition, free);
        }
        return free;
    }

    /**
     * The start of the last wait for a frame, for a caller that accounts blocked time: the clock
     * is read only when a read has to wait, never per frame. Reading it clears it.
     *
     * @return {@link System#nanoTime()} when the last read began to wait, 0 if it did not wait
     */
    public long takeWaitStart() {
        long start = waitStart;
        waitStart = 0;
        return start;
    }

    /** Waits for a post after a non-blocking try found none. */
    private boolean awaitPost(long deadline) {
        waitStart = waitStart == 0 ? System.nanoTime() : waitStart;
        long timeLeft = deadline - System.nanoTime();
        if (timeLeft > 0) {
            if (spinNanos > 0) {
                writtenCountSeen = oieb.writtenCount();
                if (waiter.spin(Math.min(spinNanos, timeLeft))) {
                    return true;
                }
            } else {
                // a writer that shares this CPU finishes more frames instead of waking this
                // reader for each of them
                writtenCountSeen = -1;
                if (waiter.yieldOnce()) {
                    return true;
                }
            }
        }
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining > 0 && dataReady.await(Math.min(remaining, WAIT_SLICE_NANOS))) {
                return true;
            }
            if (closing) {
                throw closed();
            }
            waitSliceCheck.run();
            checkWriter();
            if (remaining <= 0) {
                return false;
            }
        }
    }

    private void checkWriter() {
        long writerPid = oieb.writerPid();
        if (writerPid != 0) {
            writerSeen = true;
            if (!isAlive.test(writerPid)) {
                throw new WriterDeadException(bufferName, "writer process " + writerPid + " is gone after "
                        + framesOfWriter + " frames");
            }
        } else if (writerSeen || oieb.writtenCount() > 0) {
            throw new EndOfStreamException(bufferName, "the writer detached after " + framesOfWriter + " frames");
        }
    }
}
