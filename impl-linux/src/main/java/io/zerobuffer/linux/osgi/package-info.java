/**
 * Declarative Services wiring of the engine, nothing else: the {@code ZeroBufferFactory} and
 * {@code BufferDirectory} services and the {@code zerobuffer.reader} factory configuration.
 * Private to the bundle.
 */
package io.zerobuffer.linux.osgi;
