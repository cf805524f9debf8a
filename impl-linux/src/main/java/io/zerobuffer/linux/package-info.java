/**
 * The ZeroBuffer engine for Linux: {@link io.zerobuffer.linux.LinuxZeroBufferFactory} creates
 * readers and attaches writers. Sub-packages: {@code layout} (the memory layout and flyweights
 * over it), {@code posix} (every libc call), {@code ring} (the ring algorithm), {@code osgi}
 * (Declarative Services components).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.zerobuffer.linux;
