package io.zerobuffer.linux;

import io.zerobuffer.api.BufferCorruptedException;
import java.util.function.Supplier;

/**
 * The frame of every call of a reader or writer that is not on the per-frame path: hold the
 * {@link MappingGuard} while the call runs, turn a fault of a truncated or replaced segment into
 * {@link BufferCorruptedException}, and close the reader or writer when its files are damaged
 * ({@link SegmentIntegrity}). The per-frame calls ({@code read}, {@code write}, {@code acquire},
 * {@code commit}) spell the same steps out inline, with their metrics, so that they allocate
 * nothing. Thread-safe.
 */
final class GuardedCalls {
    private final MappingGuard guard;
    private final SegmentIntegrity integrity;
    private final Runnable close;

    /**
     * @param guard     the object's guard
     * @param integrity its segment and semaphore files
     * @param close     closes the object
     */
    GuardedCalls(MappingGuard guard, SegmentIntegrity integrity, Runnable close) {
        this.guard = guard;
        this.integrity = integrity;
        this.close = close;
    }

    /**
     * @param call what the method does inside the guard
     * @return its result
     * @throws IllegalStateException       if the object is closed
     * @throws BufferCorruptedException if the call faulted or found the buffer damaged
     */
    <T> T call(Supplier<T> call) {
        long stamp = 0;
        BufferCorruptedException damaged;
        try {
            stamp = guard.enter();
            return call.get();
        } catch (InternalError | BufferCorruptedException e) {
            SegmentIntegrity.reportLateFault();
            damaged = integrity.named(e);
        } finally {
            if (stamp != 0) {
                guard.exit(stamp);
            }
        }
        throw integrity.closeIfDamaged(damaged, close);
    }

    /** @param call what the method does inside the guard; see {@link #call(Supplier)} */
    void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }
}
