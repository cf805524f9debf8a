package io.zerobuffer.linux.posix;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The uncontended paths of glibc's {@code sem_post} and {@code sem_trywait}, done in Java on the
 * semaphore's shared memory instead of through a native call (~75 ns each through JNA).
 *
 * <p>glibc (2.21 and later, on 64-bit targets with 64-bit atomics: x86-64, aarch64) keeps a
 * semaphore as {@code struct new_sem { uint64_t data; int private; int pad; }}: the low 32 bits
 * of {@code data} are the value, the high 32 bits the number of threads blocked in a wait, and
 * {@code sem_open} returns the address of the mapped {@code /dev/shm/sem.NAME} file. glibc's
 * own post is "CAS data to data+1 (release), then futex-wake if the waiter count in the
 * replaced word was non-zero"; its trywait is "CAS data to data-1 (acquire) while the value is
 * positive". This class does exactly those compare-and-swaps, and hands every case it does not
 * cover (a waiter to wake, a value at {@code SEM_VALUE_MAX}) back to the native call. Since the
 * word is the same and each change is one atomic CAS, a peer using glibc (C++, Python, C#) sees
 * no difference: every post is still one increment and every successful wait one decrement.
 *
 * <p>It is enabled only when a self-test at class initialisation, on a throw-away named
 * semaphore, shows that the native calls and these CASes agree on the layout; the system
 * property {@code zerobuffer.semaphore.fastpath=false} turns it off.
 */
final class SemaphoreWord {
    private static final VarHandle DATA = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long VALUE_MASK = 0xFFFF_FFFFL;
    private static final long SEM_VALUE_MAX = Integer.MAX_VALUE;
    private static final int WAITERS_SHIFT = 32;

    /**
     * Where available the word is accessed at its address, else through {@link #word};
     * initialised before the self-test below, which so checks the path in use.
     */
    private static final sun.misc.Unsafe UNSAFE = UnsafeAccess.UNSAFE;

    /** Whether the Java paths are in use in this process. */
    static final boolean ENABLED = probe();

    private final ByteBuffer word;
    private final long address;

    /** @param handle the {@code sem_t*} from {@code sem_open} */
    SemaphoreWord(long handle) {
        this.word = new Pointer(handle).getByteBuffer(0, 16).order(ByteOrder.nativeOrder());
        this.address = handle;
    }

    private long load() {
        return UNSAFE != null ? UNSAFE.getLongVolatile(null, address) : (long) DATA.getVolatile(word, 0);
    }

    private boolean compareAndSet(long expected, long value) {
        return UNSAFE != null ? UNSAFE.compareAndSwapLong(null, address, expected, value)
                : DATA.compareAndSet(word, 0, expected, value);
    }

    /**
     * glibc's post when no waiter can be asleep: one CAS incrementing the value.
     *
     * <p>glibc's waiter sleeps (futex wait on the value word, expecting 0) only while the value
     * is 0, and stays counted in the waiter half of the word from before it sleeps until it
     * takes a post. So when the value is already positive, a sleeping waiter has been woken by
     * the post that raised it from 0 and is only waiting to be scheduled: glibc's post would
     * make a futex call that finds nobody asleep. This post skips that call. It matters when the
     * woken party shares a CPU with the poster: until it runs, every post (one per frame) would
     * be a system call. The protocol has one waiter per semaphore (the reader on {@code sem-w},
     * the writer on {@code sem-r}); were two threads ever to wait on one, the second would wake
     * at the end of its wait slice instead of at once — a delay, never a lost post.
     *
     * @return {@code true} if posted; {@code false} if the caller must call {@code sem_post}
     *         (a waiter may be asleep, the value is at its maximum, or the word changed under us)
     */
    boolean tryPost() {
        return tryPost(1);
    }

    /**
     * {@code count} posts in one CAS, under the same condition as {@link #tryPost()}: to a
     * waiter the same as {@code count} posts in a row (the first of which would wake it, when
     * the count is 0 and a waiter is counted: then the caller posts once natively first).
     *
     * @param count posts, at least 1
     * @return {@code true} if posted; {@code false} if the caller must post another way
     */
    boolean tryPost(int count) {
        long d = load();
        long value = d & VALUE_MASK;
        return (value > 0 || (d >>> WAITERS_SHIFT) == 0) && value <= SEM_VALUE_MAX - count
                && compareAndSet(d, d + count);
    }

    /**
     * glibc's {@code sem_trywait}. The retry on a lost compare-and-set yields now and then: over a
     * semaphore file truncated under the mapping, compiled code reads garbage and every
     * compare-and-set fails, and the JVM reports that fault only at the thread's next transition
     * into the VM, which the yield is.
     *
     * @return whether the value was positive and is now decremented
     */
    boolean tryWait() {
        for (int attempt = 1; ; attempt++) {
            long d = load();
            if ((d & VALUE_MASK) == 0) {
                return false;
            }
            if (compareAndSet(d, d - 1)) {
                return true;
            }
            if ((attempt & 255) == 0) {
                Thread.yield();
            }
        }
    }

    /**
     * Takes every post at once: one CAS that sets the value to 0 and keeps the waiter count. To a
     * peer this is the same as that many {@code sem_trywait} calls in a row.
     *
     * @return how many posts were taken
     */
    long drain() {
        while (true) {
            long d = load();
            long value = d & VALUE_MASK;
            if (value == 0 || compareAndSet(d, d - value)) {
                return value;
            }
        }
    }

    /** @return the semaphore's value as glibc stores it */
    long value() {
        return load() & VALUE_MASK;
    }

    private static boolean probe() {
        if (!Boolean.parseBoolean(System.getProperty("zerobuffer.semaphore.fastpath", "true"))) {
            return false;
        }
        String arch = System.getProperty("os.arch", "");
        if (!(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            return false;
        }
        String name = "/zb-probe-" + LibC.getpid() + "-" + Long.toHexString(System.nanoTime());
        Pointer handle = null;
        try {
            if (!atLeast221(LibC.gnu_get_libc_version())) {
                return false;
            }
            handle = LibC.Variadic.INSTANCE.sem_open(name, LibC.O_CREAT | LibC.O_EXCL, 0600, 0);
            if (handle == null) {
                return false;
            }
            long address = Pointer.nativeValue(handle);
            if ((address & 7) != 0) {
                return false;
            }
            SemaphoreWord probe = new SemaphoreWord(address);
            boolean agrees = probe.load() == 0
                    && LibC.sem_post(address) == 0 && probe.load() == 1
                    && probe.tryWait() && probe.load() == 0
                    && !probe.tryWait()
                    && probe.tryPost() && probe.tryPost() && probe.value() == 2
                    && LibC.sem_trywait(address) == 0 && LibC.sem_trywait(address) == 0
                    && LibC.sem_trywait(address) != 0 && Native.getLastError() == LibC.EAGAIN;
            return agrees;
        } catch (RuntimeException | LinkageError unavailable) {
            return false;
        } finally {
            if (handle != null) {
                LibC.sem_close(Pointer.nativeValue(handle));
                LibC.sem_unlink(name);
            }
        }
    }

    private static boolean atLeast221(String version) {
        if (version == null) {
            return false;
        }
        String[] parts = version.split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("[^0-9].*", "")) : 0;
            return major > 2 || (major == 2 && minor >= 21);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
