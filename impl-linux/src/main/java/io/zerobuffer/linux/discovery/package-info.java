/**
 * Passive discovery of every ZeroBuffer v1 buffer on the host (whatever language created it):
 * read-only mappings of {@code /dev/shm} candidates, validated OIEBs, lock-file cross-checks
 * through {@code /proc/locks}, and the ring geometry a monitor draws. Nothing in this package
 * writes to a buffer, removes an object, takes a lock or posts a semaphore.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.zerobuffer.linux.discovery;
