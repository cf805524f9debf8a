/**
 * The ZeroBuffer contract: zero-copy inter-process frames through a shared-memory ring,
 * wire-compatible with the C++, C# and Python ZeroBuffer implementations (protocol v1.0.0).
 *
 * <p>One buffer has one {@link io.zerobuffer.api.Reader} (it creates and owns the shared
 * memory, semaphores and lock file) and at most one {@link io.zerobuffer.api.Writer} (it
 * attaches). Both come from a {@link io.zerobuffer.api.ZeroBufferFactory}, which an OSGi
 * framework publishes as a service. {@link io.zerobuffer.api.BufferDirectory} is a
 * read-only view of every buffer on the host. A duplex channel (request/response over two
 * buffers, {@code C_request} and {@code C_response}) is a {@link io.zerobuffer.api.DuplexServer}
 * with a {@link io.zerobuffer.api.DuplexHandler} and one {@link io.zerobuffer.api.DuplexClient}
 * at a time.
 *
 * <p>Every failure is a subclass of {@link io.zerobuffer.api.ZeroBufferException} whose
 * message names the buffer and the value that was wrong. Waiting for a frame that does not
 * come is not a failure: {@link io.zerobuffer.api.Reader#read(java.time.Duration)} returns
 * {@code null}, like {@link java.util.concurrent.BlockingQueue#poll}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.zerobuffer.api;
