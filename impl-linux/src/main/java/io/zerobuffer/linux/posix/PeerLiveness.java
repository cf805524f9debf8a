package io.zerobuffer.linux.posix;

import java.util.function.LongPredicate;

/**
 * Liveness of the peer a buffer header names, for a reader or writer that asks about it again
 * and again: keeps a {@link ProcessWatch} on the pid it was last asked about, so that a
 * question about the same pid allocates nothing (one {@code pread(2)}); a different pid (a new
 * peer attached) closes that watch and opens one on the new pid. Answers as
 * {@link Processes#isAlive(long)} does.
 *
 * <p>Holds at most one descriptor, until {@link #close()}; a question after close is answered by
 * {@link Processes#isAlive(long)} and opens nothing. Not thread-safe: one thread asks, and {@link #close()} must not run concurrently with
 * a question.
 */
public final class PeerLiveness implements LongPredicate, AutoCloseable {
    private ProcessWatch watch;
    private boolean closed;

    /**
     * @param pid a pid from a buffer header
     * @return whether a live (non-zombie) process has that pid
     */
    @Override
    public boolean test(long pid) {
        if (closed) {
            return Processes.isAlive(pid);
        }
        ProcessWatch current = watch;
        if (current == null || current.pid() != pid) {
            if (current != null) {
                current.close();
            }
            current = ProcessWatch.of(pid);
            watch = current;
        }
        return current.isAlive();
    }

    /** Gives back the descriptor of the current watch, if any. Idempotent. */
    @Override
    public void close() {
        closed = true;
        ProcessWatch current = watch;
        watch = null;
        if (current != null) {
            current.close();
        }
    }
}
