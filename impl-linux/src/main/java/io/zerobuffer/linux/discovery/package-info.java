/**
 * Passive discovery of every ZeroBuffer v1 buffer on the host (whatever language created it):
 * read-only mappings of {@code /dev/shm} candidates, validated OIEBs, lock-file cross-checks
 * through {@code /proc/locks}, and the ring geometry a monitor draws. Nothing in this package
 * writes to a buffer, removes an object, takes a lock or posts a semaphore. Internal: consumers
 * see it through {@link io.zerobuffer.linux.LinuxBufferDirectory}, an
 * {@link io.zerobuffer.api.BufferDirectory}.
 */
package io.zerobuffer.linux.discovery;
